import type { OutcomeCount } from '../../protocol/views.ts';

/** The outcome codes the catalogues name; any other code is shown as it is. */
export const knownOutcomes = [
  'certificate', 'self-declaration', 'information', 'second-level', 'id-card-electronic', 'id-card-paper',
  'declaration', 'electoral-card', 'residence-application', 'address-change', 'payment-slip',
] as const;

export { secondLevelOutcome as secondLevel } from '../../protocol/appointmentTerms.ts';
export const maxOutcomeCount = 99;

/** What the clerk has ticked in "Done": a count per code (a code left out is not ticked). */
export type OutcomeSelection = Readonly<Record<string, number>>;

/** Ticks a code once, or unticks it. */
export function toggleOutcome(selection: OutcomeSelection, code: string): OutcomeSelection {
  const next = { ...selection };
  if (next[code]) delete next[code];
  else next[code] = 1;
  return next;
}

/** Adds `delta` to a code's count (ticking it when needed); at zero it is unticked; at most 99. */
export function changeCount(selection: OutcomeSelection, code: string, delta: number): OutcomeSelection {
  const count = Math.min(maxOutcomeCount, (selection[code] ?? 0) + delta);
  const next = { ...selection };
  if (count <= 0) delete next[code];
  else next[code] = count;
  return next;
}

/** The selection as `desk:finish` wants it, in the service's order of outcomes. */
export function outcomeList(selection: OutcomeSelection, order: readonly string[]): OutcomeCount[] {
  const codes = [...order.filter((c) => c in selection), ...Object.keys(selection).filter((c) => !order.includes(c))];
  return codes.filter((code) => (selection[code] ?? 0) > 0).map((code) => ({ code, count: selection[code]! }));
}
