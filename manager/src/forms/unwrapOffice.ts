import type { OfficeConfig } from '../../../protocol/office.ts';

/** The hub answers the config itself or wrapped as `{ office }`; an imported file may be either too. */
export function unwrapOffice(value: unknown): OfficeConfig | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const inner = (value as { office?: unknown }).office;
  if (inner && typeof inner === 'object' && !('services' in value)) return inner as OfficeConfig;
  return value as OfficeConfig;
}
