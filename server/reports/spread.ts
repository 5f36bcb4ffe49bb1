import type { Spread } from '../../protocol/reports.ts';
import type { Tally } from './statsRows.ts';

/** Means and percentiles from roll-up sums and minute histograms. */

export const minutes = (ms: number, count: number) => (count === 0 ? 0 : Math.round(ms / count / 6_000) / 10);

/** The nearest-rank percentile (0 < p ≤ 1) of a histogram of whole minutes; 0 when it is empty. */
export function percentile(hist: Tally, p: number): number {
  const entries = [...hist].map(([k, n]) => [Number(k), n] as const).sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return 0;
  const rank = Math.ceil(p * total);
  let seen = 0;
  for (const [minute, n] of entries) {
    seen += n;
    if (seen >= rank) return minute;
  }
  return entries[entries.length - 1]![0];
}

export function spread(totalMs: number, count: number, hist: Tally): Spread {
  return { mean: minutes(totalMs, count), median: percentile(hist, 0.5), p90: percentile(hist, 0.9) };
}
