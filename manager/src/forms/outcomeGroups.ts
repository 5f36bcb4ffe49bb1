import type { OfficeConfig, OutcomeGroupConfig } from '../../../protocol/office.ts';

/** The outcome-group editor's form (Amministrazione → Gruppi di prestazioni): pure, checked as the hub checks it. */

export interface OutcomeGroupForm {
  /** The id of the group being edited; null for a new one. */
  originalId: string | null;
  id: string;
  nameIt: string;
  nameEn: string;
  outcomes: string[];
}

const idPattern = /^[a-z0-9][a-z0-9-]{0,39}$/;

export const newOutcomeGroupForm = (): OutcomeGroupForm => ({ originalId: null, id: '', nameIt: '', nameEn: '', outcomes: [] });

export const outcomeGroupToForm = (g: OutcomeGroupConfig): OutcomeGroupForm => ({
  originalId: g.id, id: g.id, nameIt: g.name.it, nameEn: g.name.en, outcomes: [...g.outcomes],
});

/** Every outcome code the office's services record, once, in the services' order. */
export function officeOutcomeCodes(office: Pick<OfficeConfig, 'services'>): string[] {
  return [...new Set(office.services.flatMap((s) => s.outcomes.map((o) => o.code)))];
}

/** The group another group already holds this code in, if any. */
export function groupHolding(groups: readonly OutcomeGroupConfig[], code: string, except: string | null): OutcomeGroupConfig | undefined {
  return groups.find((g) => g.id !== except && g.outcomes.includes(code));
}

/** Message keys of what is wrong with the form (empty when it can be saved). */
export function outcomeGroupProblems(form: OutcomeGroupForm, groups: readonly OutcomeGroupConfig[]): string[] {
  const problems: string[] = [];
  if (!idPattern.test(form.id)) problems.push('outcomeGroups.invalid.id');
  else if (form.id !== form.originalId && groups.some((g) => g.id === form.id)) problems.push('outcomeGroups.invalid.idTaken');
  if (form.nameIt.trim() === '' || form.nameEn.trim() === '' || form.nameIt.length > 80 || form.nameEn.length > 80) problems.push('outcomeGroups.invalid.name');
  if (form.outcomes.length === 0) problems.push('outcomeGroups.invalid.outcomes');
  if (form.outcomes.some((c) => groupHolding(groups, c, form.originalId))) problems.push('outcomeGroups.invalid.taken');
  return problems;
}

/** The groups with the form's group added or put in place of the one it edits. */
export function outcomeGroupsWith(groups: readonly OutcomeGroupConfig[], form: OutcomeGroupForm, codes: readonly string[]): OutcomeGroupConfig[] {
  const group: OutcomeGroupConfig = {
    id: form.id,
    name: { it: form.nameIt.trim(), en: form.nameEn.trim() },
    // In the office's order, whatever order they were ticked in.
    outcomes: codes.filter((c) => form.outcomes.includes(c)),
  };
  return form.originalId === null ? [...groups, group] : groups.map((g) => (g.id === form.originalId ? group : g));
}
