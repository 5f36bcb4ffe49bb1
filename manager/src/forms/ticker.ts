import type { OfficeConfig } from '../../../protocol/office.ts';

/** The office's own ticker (what a display of the whole office scrolls) as the admin edits it: messages in Italian and English. */
export type TickerForm = { it: string; en: string }[];

export const tickerLimit = 20;

/** The stored messages (a plain string stands for both languages) as editable pairs. */
export const tickerForm = (office: OfficeConfig): TickerForm =>
  (office.ticker as (OfficeConfig['ticker'][number] | string)[]).map((m) => (typeof m === 'string' ? { it: m, en: m } : { it: m.it, en: m.en }));

/** What to fix before saving, as catalogue keys; an English text left empty takes the Italian one. */
export function tickerProblems(form: TickerForm): string[] {
  return form.some((m) => !m.it.trim()) ? ['officeTicker.invalid.empty'] : [];
}

export const tickerPatch = (form: TickerForm): Pick<OfficeConfig, 'ticker'> => ({
  ticker: form.map((m) => ({ it: m.it.trim(), en: m.en.trim() || m.it.trim() })),
});

/** The list with message `i` moved one place up (-1) or down (+1); the same list when it cannot move. */
export function moved<T>(list: readonly T[], i: number, step: -1 | 1): T[] {
  const j = i + step;
  if (i < 0 || i >= list.length || j < 0 || j >= list.length) return [...list];
  const next = [...list];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}
