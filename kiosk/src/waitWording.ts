/** Below this many minutes a wait is "short": never "circa 0 min", one wording everywhere. */
export const shortWaitMinutes = 5;

export type WaitWording = { kind: 'unknown' } | { kind: 'short' } | { kind: 'about'; minutes: number };

export function waitWording(minutes: number | null): WaitWording {
  if (minutes === null || !Number.isFinite(minutes)) return { kind: 'unknown' };
  if (minutes < shortWaitMinutes) return { kind: 'short' };
  return { kind: 'about', minutes: Math.round(minutes) };
}
