import type { CatalogueGroup, CatalogueOutcome, OutcomeCatalogue } from '../../../protocol/catalogue.ts';
import { idPattern } from '../../../protocol/ids.ts';
import type { Problem } from '../forms/problems.ts';

/**
 * The network catalogue's editor (Rete tab, network admins): a group or an outcome as its form edits it, what is
 * wrong with it (the hub's own rules, protocol/catalogue.ts), and the whole catalogue with the form's row in it.
 * The hub checks everything again on `PUT /api/network/catalogue`.
 */

export interface CatalogueGroupForm {
  originalId: string | null;
  id: string;
  nameIt: string;
  nameEn: string;
}

export interface CatalogueOutcomeForm {
  originalCode: string | null;
  code: string;
  nameIt: string;
  nameEn: string;
  /** A group id, '' for none. */
  group: string;
  /** 'YYYY-MM-DD', '' for none. */
  until: string;
}

export const newGroupForm = (): CatalogueGroupForm => ({ originalId: null, id: '', nameIt: '', nameEn: '' });
export const groupToForm = (g: CatalogueGroup): CatalogueGroupForm => ({ originalId: g.id, id: g.id, nameIt: g.name.it, nameEn: g.name.en });
export const newOutcomeForm = (): CatalogueOutcomeForm => ({ originalCode: null, code: '', nameIt: '', nameEn: '', group: '', until: '' });
export const outcomeToForm = (o: CatalogueOutcome): CatalogueOutcomeForm => ({
  originalCode: o.code, code: o.code, nameIt: o.name.it, nameEn: o.name.en, group: o.group ?? '', until: o.until ?? '',
});

const nameOk = (name: string, max: number) => name.trim().length >= 1 && name.trim().length <= max;
const isDay = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

export function groupProblems(form: CatalogueGroupForm, catalogue: OutcomeCatalogue): Problem[] {
  const problems: Problem[] = [];
  const id = form.id.trim();
  if (!idPattern.test(id)) problems.push('catalogue.invalid.groupId');
  else if (catalogue.groups.some((g) => g.id === id && g.id !== form.originalId)) problems.push('catalogue.invalid.groupIdTaken');
  if (!nameOk(form.nameIt, 80) || !nameOk(form.nameEn, 80)) problems.push('catalogue.invalid.groupName');
  if (form.originalId === null && catalogue.groups.length >= 30) problems.push('catalogue.invalid.tooManyGroups');
  return problems;
}

export function outcomeProblems(form: CatalogueOutcomeForm, catalogue: OutcomeCatalogue): Problem[] {
  const problems: Problem[] = [];
  const code = form.code.trim();
  if (!idPattern.test(code)) problems.push('catalogue.invalid.code');
  else if (catalogue.outcomes.some((o) => o.code === code && o.code !== form.originalCode)) problems.push('catalogue.invalid.codeTaken');
  if (!nameOk(form.nameIt, 60) || !nameOk(form.nameEn, 60)) problems.push('catalogue.invalid.name');
  if (form.until !== '' && !isDay(form.until)) problems.push('catalogue.invalid.until');
  return problems;
}

/** The catalogue with the form's group replaced in place (its outcomes follow a new id) or added. */
export function catalogueWithGroup(catalogue: OutcomeCatalogue, form: CatalogueGroupForm): OutcomeCatalogue {
  const group: CatalogueGroup = { id: form.id.trim(), name: { it: form.nameIt.trim(), en: form.nameEn.trim() } };
  if (form.originalId === null) return { ...catalogue, groups: [...catalogue.groups, group] };
  return {
    groups: catalogue.groups.map((g) => (g.id === form.originalId ? group : g)),
    outcomes: catalogue.outcomes.map((o) => (o.group === form.originalId ? { ...o, group: group.id } : o)),
  };
}

/** The catalogue without a group: its outcomes stay, in no group. */
export function catalogueWithoutGroup(catalogue: OutcomeCatalogue, id: string): OutcomeCatalogue {
  return {
    groups: catalogue.groups.filter((g) => g.id !== id),
    outcomes: catalogue.outcomes.map((o) => (o.group === id ? withoutGroup(o) : o)),
  };
}

function withoutGroup(o: CatalogueOutcome): CatalogueOutcome {
  const { group: _dropped, ...rest } = o;
  return rest;
}

export function catalogueWithOutcome(catalogue: OutcomeCatalogue, form: CatalogueOutcomeForm): OutcomeCatalogue {
  const outcome: CatalogueOutcome = {
    code: form.code.trim(),
    name: { it: form.nameIt.trim(), en: form.nameEn.trim() },
    ...(form.group !== '' ? { group: form.group } : {}),
    ...(form.until !== '' ? { until: form.until } : {}),
  };
  const known = catalogue.outcomes.some((o) => o.code === form.originalCode);
  return { ...catalogue, outcomes: known ? catalogue.outcomes.map((o) => (o.code === form.originalCode ? outcome : o)) : [...catalogue.outcomes, outcome] };
}

export const catalogueWithoutOutcome = (catalogue: OutcomeCatalogue, code: string): OutcomeCatalogue => ({
  ...catalogue,
  outcomes: catalogue.outcomes.filter((o) => o.code !== code),
});
