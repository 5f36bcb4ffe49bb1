import { idPattern } from '../../../protocol/ids.ts';
import type { KioskConfig } from '../../../protocol/office.ts';
import { printerProblem, withPrinter } from './printers.ts';
import type { Problem } from './problems.ts';

/** A kiosk as the admin form edits it: its id (the profile a paired kiosk uses), name and ticket printer. */
export interface KioskForm {
  originalId: string | null;
  id: string;
  name: string;
  /** The ticket printer's URL; empty for the hub's default (`PRINTER`). */
  printer: string;
}

export const kioskToForm = (k: KioskConfig): KioskForm => ({ originalId: k.id, id: k.id, name: k.name, printer: k.printer ?? '' });
export const newKioskForm = (): KioskForm => ({ originalId: null, id: '', name: '', printer: '' });

export function kioskProblems(form: KioskForm, kiosks: readonly KioskConfig[]): Problem[] {
  const problems: Problem[] = [];
  const id = form.id.trim();
  if (!idPattern.test(id)) problems.push('kiosks.invalid.id');
  else if (kiosks.some((k) => k.id === id && k.id !== form.originalId)) problems.push('kiosks.invalid.idTaken');
  const name = form.name.trim();
  if (!name || name.length > 40) problems.push('kiosks.invalid.name');
  problems.push(...printerProblem(form.printer, 'kiosks.invalid.printer'));
  return problems;
}

/** The whole `kiosks` section with the form's kiosk replaced in place or added. */
export function kiosksWith(kiosks: readonly KioskConfig[], form: KioskForm): KioskConfig[] {
  const original = kiosks.find((k) => k.id === form.originalId);
  const edited = withPrinter<KioskConfig>({ ...original, id: form.id.trim(), name: form.name.trim() }, form.printer);
  return original ? kiosks.map((k) => (k === original ? edited : k)) : [...kiosks, edited];
}
