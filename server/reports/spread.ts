import type { Spread } from '../../protocol/reports.ts';
import type { MinuteCounts } from './minuteCounts.ts';

/** Means and percentiles from roll-up sums and minute histograms. */

export const minutes = (ms: number, count: number) => (count === 0 ? 0 : Math.round(ms / count / 6_000) / 10);

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
