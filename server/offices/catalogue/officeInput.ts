import type { OutcomeCatalogue } from '../../../protocol/catalogue.ts';
import { officeConfigSchema, type OfficeConfig } from '../../../protocol/office.ts';
import { catalogueRedefinitions, effectiveOffice, spellOutCatalogueCodes } from './effectiveOffice.ts';

export type OfficeInput = { ok: true; office: OfficeConfig } | { ok: false; problems: string[] };

/**
 * A whole office config coming in (an admin's edit, `npm run office -- import`, a new office), checked the
 * same way everywhere: bare catalogue codes spelled out, the office config schema, then the catalogue rule
 * (extend, never redefine). What passes is the effective config, ready for `office:configure`.
 */
export function officeInput(raw: unknown, catalogue: OutcomeCatalogue): OfficeInput {
  const parsed = officeConfigSchema.safeParse(spellOutCatalogueCodes(raw, catalogue));
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)) };
  const redefined = catalogueRedefinitions(catalogue, parsed.data);
  if (redefined.length > 0) return { ok: false, problems: redefined };
  return { ok: true, office: effectiveOffice(catalogue, parsed.data) };
}
