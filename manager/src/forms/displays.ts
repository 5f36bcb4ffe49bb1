import { idPattern } from '../../../protocol/ids.ts';
import type { DisplayConfig } from '../../../protocol/office.ts';

/** A display profile as the admin form edits it. */
export interface DisplayForm {
  originalId: string | null;
  id: string;
  name: string;
  language: DisplayConfig['language'];
  speak: boolean;
  ticker: { it: string; en: string }[];
  /** Every desk's calls (the `desks` list left out), or only those in `desks`. */
  allDesks: boolean;
  desks: string[];
  /** Every service (the `services` list left out), or only those in `services`. */
  allServices: boolean;
  services: string[];
}

/** A ticker message as stored (the hub turns a plain string into the same text for both languages). */
type TickerMessage = DisplayConfig['ticker'][number] | string;
const bothLanguages = (m: TickerMessage) => (typeof m === 'string' ? { it: m, en: m } : { it: m.it, en: m.en });

export const displayToForm = (d: DisplayConfig): DisplayForm => ({
  originalId: d.id, id: d.id, name: d.name, language: d.language, speak: d.speak, ticker: (d.ticker as TickerMessage[]).map(bothLanguages),
  allDesks: !d.desks, desks: [...(d.desks ?? [])], allServices: !d.services, services: [...(d.services ?? [])],
});

export const newDisplayForm = (): DisplayForm => ({
  originalId: null, id: '', name: '', language: 'it', speak: true, ticker: [], allDesks: true, desks: [], allServices: true, services: [],
});

export function displayProblems(form: DisplayForm, displays: readonly DisplayConfig[]): string[] {
  const problems: string[] = [];
  const id = form.id.trim();
  if (!idPattern.test(id)) problems.push('displays.invalid.id');
  else if (displays.some((d) => d.id === id && d.id !== form.originalId)) problems.push('displays.invalid.idTaken');
  if (!form.name.trim()) problems.push('displays.invalid.name');
  if (!form.allDesks && form.desks.length === 0) problems.push('displays.invalid.desks');
  if (!form.allServices && form.services.length === 0) problems.push('displays.invalid.services');
  if (form.ticker.some((m) => !m.it.trim() || !m.en.trim())) problems.push('displays.invalid.ticker');
  return problems;
}

/** Only the chosen ids, in the office's order; undefined (every one) when all are shown. */
const chosen = (all: boolean, ids: readonly string[], order: readonly string[]) => (all ? undefined : order.filter((id) => ids.includes(id)));

/**
 * The whole `displays` section with the form's profile replaced in place or added; `order` gives the
 * office's desk and service ids, so the lists keep the office's order (and forget ids that are gone).
 */
export function displaysWith(
  displays: readonly DisplayConfig[],
  form: DisplayForm,
  order: { desks: readonly string[]; services: readonly string[] } = { desks: form.desks, services: form.services },
): DisplayConfig[] {
  const original = displays.find((d) => d.id === form.originalId);
  const edited: DisplayConfig = {
    ...original,
    id: form.id.trim(),
    name: form.name.trim(),
    language: form.language,
    speak: form.speak,
    ticker: form.ticker.map((m) => ({ it: m.it.trim(), en: m.en.trim() })),
    desks: chosen(form.allDesks, form.desks, order.desks),
    services: chosen(form.allServices, form.services, order.services),
  };
  if (!edited.desks) delete edited.desks;
  if (!edited.services) delete edited.services;
  return original ? displays.map((d) => (d === original ? edited : d)) : [...displays, edited];
}
