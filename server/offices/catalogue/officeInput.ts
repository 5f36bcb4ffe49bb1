import { isDeepStrictEqual } from 'node:util';
import type { OutcomeCatalogue } from '../../../protocol/catalogue.ts';
import { officeConfigSchema, type OfficeConfig } from '../../../protocol/office.ts';
import { catalogueLedBy, catalogueRedefinitions, effectiveOffice, spellOutCatalogueCodes } from './effectiveOffice.ts';

export type OfficeInput =
  | {
      ok: true;
      /** The effective config, ready for `office:configure`. */
      office: OfficeConfig;
      /** The catalogue the office's change brings (a lone office leads it), to store once the office took its config. */
      catalogue?: OutcomeCatalogue;
    }
  | { ok: false; problems: string[] };

/**
 * A whole office config coming in (an admin's edit, `npm run office -- import`, a new office), checked the
 * same way everywhere: bare catalogue codes spelled out, the office config schema, then the catalogue rule
 * (extend, never redefine). `alone`: the office is the network's only one, and leads the catalogue instead
 * (catalogueLedBy): a one-office hub edits its outcomes and groups as it always did.
 */
export function officeInput(raw: unknown, catalogue: OutcomeCatalogue, alone = false): OfficeInput {
  const parsed = officeConfigSchema.safeParse(spellOutCatalogueCodes(raw, catalogue));
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)) };
  if (alone) {
    const led = catalogueLedBy(catalogue, parsed.data);
    return { ok: true, office: effectiveOffice(led, parsed.data), ...(isDeepStrictEqual(led, catalogue) ? {} : { catalogue: led }) };
  }
  const redefined = catalogueRedefinitions(catalogue, parsed.data);
  if (redefined.length > 0) return { ok: false, problems: redefined };
  return { ok: true, office: effectiveOffice(catalogue, parsed.data) };
}
