import type { OutcomeCount } from '../../protocol/views.ts';

/** The outcome codes the catalogues name; any other code is shown as it is. */
export const knownOutcomes = [
  'certificate', 'self-declaration', 'information', 'second-level', 'id-card-electronic', 'id-card-paper',
  'declaration', 'electoral-card', 'residence-application', 'address-change', 'payment-slip',
] as const;

export { secondLevelOutcome as secondLevel } from '../../protocol/appointmentTerms.ts';
export const maxOutcomeCount = 99;

/** What the clerk has ticked in "Done": a count per code (a code left out is not ticked). */
export type OutcomeSelection = ReadonlyMap<string, number>;

/** Ticks a code once, or unticks it. */
export function toggleOutcome(selection: OutcomeSelection, code: string): OutcomeSelection {
  const next = new Map(selection);
  if (!next.delete(code)) next.set(code, 1);
  return next;
}

/** Adds `delta` to a code's count (ticking it when needed); at zero it is unticked; at most 99. */
export function changeCount(selection: OutcomeSelection, code: string, delta: number): OutcomeSelection {
  const count = Math.min(maxOutcomeCount, (selection.get(code) ?? 0) + delta);
  const next = new Map(selection);
  if (count <= 0) next.delete(code);
  else next.set(code, count);
  return next;
}

/** The selection as `desk:finish` wants it, in the service's order of outcomes. */
export function outcomeList(selection: OutcomeSelection, order: readonly string[]): OutcomeCount[] {
  const codes = [...order.filter((c) => selection.has(c)), ...[...selection.keys()].filter((c) => !order.includes(c))];
  return codes.flatMap((code) => {
    const count = selection.get(code) ?? 0;
    return count > 0 ? [{ code, count }] : [];
  });
}
