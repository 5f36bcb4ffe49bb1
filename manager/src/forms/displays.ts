import { idPattern } from '../../../protocol/ids.ts';
import type { DisplayConfig } from '../../../protocol/office.ts';

/** A display profile as the admin form edits it; its service and desk filters are kept as they are. */
export interface DisplayForm {
  originalId: string | null;
  id: string;
  name: string;
  language: DisplayConfig['language'];
  speak: boolean;
  ticker: { it: string; en: string }[];
}

/** A ticker message as stored (the hub turns a plain string into the same text for both languages). */
type TickerMessage = DisplayConfig['ticker'][number] | string;
const bothLanguages = (m: TickerMessage) => (typeof m === 'string' ? { it: m, en: m } : { it: m.it, en: m.en });

export const displayToForm = (d: DisplayConfig): DisplayForm => ({
  originalId: d.id, id: d.id, name: d.name, language: d.language, speak: d.speak, ticker: (d.ticker as TickerMessage[]).map(bothLanguages),
});

export const newDisplayForm = (): DisplayForm => ({ originalId: null, id: '', name: '', language: 'it', speak: true, ticker: [] });

export function displayProblems(form: DisplayForm, displays: readonly DisplayConfig[]): string[] {
  const problems: string[] = [];
  const id = form.id.trim();
  if (!idPattern.test(id)) problems.push('displays.invalid.id');
  else if (displays.some((d) => d.id === id && d.id !== form.originalId)) problems.push('displays.invalid.idTaken');
  if (!form.name.trim()) problems.push('displays.invalid.name');
  if (form.ticker.some((m) => !m.it.trim() || !m.en.trim())) problems.push('displays.invalid.ticker');
  return problems;
}

/** The whole `displays` section with the form's profile replaced in place or added. */
export function displaysWith(displays: readonly DisplayConfig[], form: DisplayForm): DisplayConfig[] {
  const original = displays.find((d) => d.id === form.originalId);
  const edited: DisplayConfig = {
    ...original,
    id: form.id.trim(),
    name: form.name.trim(),
    language: form.language,
    speak: form.speak,
    ticker: form.ticker.map((m) => ({ it: m.it.trim(), en: m.en.trim() })),
  };
  return original ? displays.map((d) => (d === original ? edited : d)) : [...displays, edited];
}

export const displaysWithout = (displays: readonly DisplayConfig[], id: string): DisplayConfig[] => displays.filter((d) => d.id !== id);
