import { idPattern } from '../../../protocol/ids.ts';
import type { DeskConfig, DisplayConfig } from '../../../protocol/office.ts';
import { printerProblem, withPrinter } from './printers.ts';
import type { Problem } from './problems.ts';

/** A desk as the admin form edits it. */
export interface DeskForm {
  originalId: string | null;
  id: string;
  name: string;
  kind: 'front' | 'back';
  services: string[];
  /** The slip printer's URL; empty for the hub's default. */
  printer: string;
}

export const deskToForm = (d: DeskConfig): DeskForm => ({ originalId: d.id, id: d.id, name: d.name, kind: d.kind, services: [...d.services], printer: d.printer ?? '' });

export const newDeskForm = (serviceIds: readonly string[]): DeskForm => ({ originalId: null, id: '', name: '', kind: 'front', services: [...serviceIds], printer: '' });

export function deskProblems(form: DeskForm, desks: readonly DeskConfig[]): Problem[] {
  const problems: Problem[] = [];
  const id = form.id.trim();
  if (!idPattern.test(id)) problems.push('desks.invalid.id');
  else if (desks.some((d) => d.id === id && d.id !== form.originalId)) problems.push('desks.invalid.idTaken');
  if (!form.name.trim()) problems.push('desks.invalid.name');
  if (form.services.length === 0) problems.push('desks.invalid.services');
  problems.push(...printerProblem(form.printer, 'desks.invalid.printer'));
  return problems;
}

/** The whole `desks` section with the form's desk replaced in place or added (no printer: the hub's default). */
export function desksWith(desks: readonly DeskConfig[], form: DeskForm, serviceOrder: readonly string[]): DeskConfig[] {
  const original = desks.find((d) => d.id === form.originalId);
  const services = serviceOrder.filter((s) => form.services.includes(s));
  const edited = withPrinter<DeskConfig>({ ...original, id: form.id.trim(), name: form.name.trim(), kind: form.kind, services }, form.printer);
  return original ? desks.map((d) => (d === original ? edited : d)) : [...desks, edited];
}

export const desksWithout = (desks: readonly DeskConfig[], id: string): DeskConfig[] => desks.filter((d) => d.id !== id);

/**
 * Removing a desk also takes it off the display profiles that list it. A display that shows only this
 * desk cannot stay so (without a list it would show every desk): those displays are named instead.
 */
export function deskRemoval(
  office: { desks: readonly DeskConfig[]; displays: readonly DisplayConfig[] },
  id: string,
): { ok: true; patch: { desks: DeskConfig[]; displays: DisplayConfig[] } } | { ok: false; onlyDesk: string[] } {
  const onlyDesk = office.displays.filter((d) => d.desks?.length === 1 && d.desks[0] === id).map((d) => d.name);
  if (onlyDesk.length > 0) return { ok: false, onlyDesk };
  const displays = office.displays.map((d) => (d.desks?.includes(id) ? { ...d, desks: d.desks.filter((x) => x !== id) } : d));
  return { ok: true, patch: { desks: desksWithout(office.desks, id), displays } };
}
