import { idPattern } from '../../../protocol/ids.ts';
import { priorityIcons, type OfficeConfig } from '../../../protocol/office.ts';

export type PriorityReason = OfficeConfig['priorityReasons'][number];
export type PriorityIcon = (typeof priorityIcons)[number];
/** The kiosk shows at most this many reasons (the office schema's limit). */
export const maxPriorityReasons = 6;

/** A priority reason as the admin form edits it. */
export interface PriorityReasonForm {
  originalId: string | null;
  id: string;
  labelIt: string;
  labelEn: string;
  icon: PriorityIcon;
}

export const reasonToForm = (r: PriorityReason): PriorityReasonForm => ({ originalId: r.id, id: r.id, labelIt: r.label.it, labelEn: r.label.en, icon: r.icon });
export const newReasonForm = (): PriorityReasonForm => ({ originalId: null, id: '', labelIt: '', labelEn: '', icon: 'other' });

/** Catalogue keys of what is wrong, with the office schema's rules (labels 1–80 characters). */
export function reasonProblems(form: PriorityReasonForm, reasons: readonly PriorityReason[]): string[] {
  const problems: string[] = [];
  const id = form.id.trim();
  if (!idPattern.test(id)) problems.push('priority.invalid.id');
  else if (reasons.some((r) => r.id === id && r.id !== form.originalId)) problems.push('priority.invalid.idTaken');
  const label = (text: string) => text.trim().length >= 1 && text.trim().length <= 80;
  if (!label(form.labelIt)) problems.push('priority.invalid.labelIt');
  if (!label(form.labelEn)) problems.push('priority.invalid.labelEn');
  if (!priorityIcons.includes(form.icon)) problems.push('priority.invalid.icon');
  if (!form.originalId && reasons.length >= maxPriorityReasons) problems.push('priority.invalid.tooMany');
  return problems;
}

/** The whole `priorityReasons` section with the form's reason replaced in place or added at the end. */
export function reasonsWith(reasons: readonly PriorityReason[], form: PriorityReasonForm): PriorityReason[] {
  const edited: PriorityReason = { id: form.id.trim(), label: { it: form.labelIt.trim(), en: form.labelEn.trim() }, icon: form.icon };
  const original = reasons.find((r) => r.id === form.originalId);
  return original ? reasons.map((r) => (r === original ? edited : r)) : [...reasons, edited];
}
