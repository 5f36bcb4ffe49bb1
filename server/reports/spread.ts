import type { Spread } from '../../protocol/reports.ts';
import type { Histogram } from './dayFigures.ts';

/** Means and percentiles from roll-up sums and minute histograms. */

export const minutes = (ms: number, count: number) => (count === 0 ? 0 : Math.round(ms / count / 6_000) / 10);

/**
 * Counts per whole minute, indexed by the minute: merging a year's thousands of roll-up histograms is a few
 * array additions, with no key strings to hash and no sort before a percentile.
 */
export type MinuteCounts = number[];

/** Beyond this many minutes (a week) a wait or service time counts in the last bucket. */
const lastMinute = 7 * 24 * 60;

/** Adds a roll-up histogram (whole minute → count) into `counts`; keys that are not whole minutes are skipped. */
export function addMinutes(counts: MinuteCounts, hist: Histogram): MinuteCounts {
  for (const key in hist) {
    const minute = Number(key);
    if (!Number.isInteger(minute) || minute < 0) continue;
    const at = minute > lastMinute ? lastMinute : minute;
    counts[at] = (counts[at] ?? 0) + hist[key]!;
  }
  return counts;
}

/** Adds counts per minute into `counts`. */
export function addCounts(counts: MinuteCounts, more: MinuteCounts): MinuteCounts {
  for (let minute = 0; minute < more.length; minute++) {
    const n = more[minute];
    if (n) counts[minute] = (counts[minute] ?? 0) + n;
  }
  return counts;
}

/** The nearest-rank percentile (0 < p ≤ 1) of counts per minute; 0 when there are none. */
export function percentile(counts: MinuteCounts, p: number): number {
  let total = 0;
  for (const n of counts) total += n ?? 0;
  if (total === 0) return 0;
  const rank = Math.ceil(p * total);
  let seen = 0;
  for (let minute = 0; minute < counts.length; minute++) {
    seen += counts[minute] ?? 0;
    if (seen >= rank) return minute;
  }
  return counts.length - 1;
}

export function spread(totalMs: number, count: number, counts: MinuteCounts): Spread {
  return { mean: minutes(totalMs, count), median: percentile(counts, 0.5), p90: percentile(counts, 0.9) };
}
