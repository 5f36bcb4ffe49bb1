import { officeSections } from '../../protocol/admin.ts';

/** Words for the audit log: which catalogue key names an action, and the sections an office change touched. */

const knownActions = ['office:update', 'office:import', 'user:add', 'user:update'] as const;

/** The catalogue key of an action ("audit.actions.user-add"), or null for an action this page does not know. */
export function actionKey(action: string): string | null {
  return (knownActions as readonly string[]).includes(action) ? `audit.actions.${action.replace(':', '-')}` : null;
}

/** The sections named in an office change's target ("openingHours, closedDates"), each with its catalogue key when known. */
export function targetParts(action: string, target: string): { text: string; key: string | null }[] {
  if (!action.startsWith('office:')) return [{ text: target, key: null }];
  return target
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => ({ text: s, key: (officeSections as readonly string[]).includes(s) ? `audit.sections.${s}` : null }));
}

/** What a user change did, from its detail ({ role?, disabled?, password? }), as catalogue keys with params. */
export function userChangeParts(detail: unknown): { key: string; params: Record<string, string> }[] {
  if (!detail || typeof detail !== 'object') return [];
  const d = detail as { role?: unknown; disabled?: unknown; password?: unknown };
  const parts: { key: string; params: Record<string, string> }[] = [];
  if (typeof d.role === 'string') parts.push({ key: 'audit.change.role', params: { role: d.role } });
  if (d.disabled === true) parts.push({ key: 'audit.change.disabled', params: {} });
  if (d.disabled === false) parts.push({ key: 'audit.change.enabled', params: {} });
  if (d.password !== undefined) parts.push({ key: 'audit.change.password', params: {} });
  return parts;
}
