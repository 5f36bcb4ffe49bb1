/**
 * Pisa's call-back: when a new ticket's wait would run past closing time (or no desk is open for the
 * service), the kiosk offers to be called back instead of waiting in vain.
 */

export type WaitVerdict =
  | { kind: 'fits' }
  /** The estimate ends after closing time. */
  | { kind: 'past-closing'; minutes: number; closesAt: string }
  /** No desk is open for the service now, so nobody can say when it will be called. */
  | { kind: 'no-desk' };

export interface WaitFacts {
  /** ServiceView.estimatedWaitMinutes: null when no desk is open for the service. */
  estimatedWaitMinutes: number | null;
  /** Whether the office is open now (a closed office offers nothing: the kiosk says it is closed). */
  officeOpen: boolean;
  /** OfficeInfo.closesAt: today's closing time, ISO. */
  closesAt: string | null;
  /** The hub's time now, ms. */
  now: number;
}

export function waitVerdict(f: WaitFacts): WaitVerdict {
  if (!f.officeOpen) return { kind: 'fits' };
  if (f.estimatedWaitMinutes === null) return { kind: 'no-desk' };
  if (f.closesAt === null) return { kind: 'fits' };
  const endsAt = f.now + f.estimatedWaitMinutes * 60_000;
  return endsAt > Date.parse(f.closesAt) ? { kind: 'past-closing', minutes: f.estimatedWaitMinutes, closesAt: f.closesAt } : { kind: 'fits' };
}
