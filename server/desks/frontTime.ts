import type { DeskMode } from '../../protocol/views.ts';
import type { Interval } from '../engine/calendar.ts';

export interface ModeChange {
  at: number;
  from: DeskMode;
  to: DeskMode;
}

/**
 * Milliseconds spent in `front` mode between `from` and `now` and within the opening hours, given the
 * mode changes since `from` (oldest first) and the mode now.
 */
export function frontMs(changes: readonly ModeChange[], modeNow: DeskMode, from: number, now: number, opening: readonly Interval[]): number {
  const stretches: Interval[] = [];
  let mode = changes[0]?.from ?? modeNow;
  let since = from;
  for (const c of changes) {
    if (mode === 'front') stretches.push({ from: since, to: c.at });
    mode = c.to;
    since = c.at;
  }
  if (mode === 'front') stretches.push({ from: since, to: now });
  let total = 0;
  for (const s of stretches) {
    for (const o of opening) total += Math.max(0, Math.min(s.to, o.to) - Math.max(s.from, o.from));
  }
  return total;
}
