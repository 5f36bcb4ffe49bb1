/**
 * Wait and service times as counts per whole minute, and the two ways the roll-ups store them.
 *
 * In memory: an array indexed by the minute (holes are zeros), so that merging a year's histograms is a few
 * array additions, with no key strings to hash and no sort before a percentile.
 *
 * `daily_stats` stores a JSON object, minute → count (`{"0":3,"2":1}`), as it always has.
 * `monthly_stats` stores a compact JSON array (migration 0015): each entry ≥ 0 is the count of the next
 * minute, each entry -k skips k minutes with no count, trailing empty minutes are left out
 * (`[3,-1,1]`: 3 at minute 0, 1 at minute 2). A year of the times report reads about 1,600 of these: a
 * third of the bytes of the objects, rows that fit their B-tree page, and a parse into small integers.
 */

export type MinuteCounts = number[];

/** Beyond this many minutes (a week) a wait or service time counts in the last bucket. */
export const lastMinute = 7 * 24 * 60;

/** Adds `n` at `minute` (a whole minute ≥ 0, clamped to `lastMinute`). */
export function addMinute(counts: MinuteCounts, minute: number, n = 1): void {
  const at = minute > lastMinute ? lastMinute : minute;
  counts[at] = (counts[at] ?? 0) + n;
}

/** Adds counts per minute into `counts`. */
export function addCounts(counts: MinuteCounts, more: MinuteCounts): MinuteCounts {
  for (let minute = 0; minute < more.length; minute++) {
    const n = more[minute];
    if (n) counts[minute] = (counts[minute] ?? 0) + n;
  }
  return counts;
}

const wholeMinute = /^[0-9]+$/;

/** A `daily_stats` histogram (minute → count) into `counts`; keys that are not whole minutes are skipped (as the migration skips them). */
export function addHistogramJson(counts: MinuteCounts, json: string): MinuteCounts {
  const hist = JSON.parse(json) as Record<string, number>;
  for (const key in hist) {
    if (!wholeMinute.test(key)) continue;
    addMinute(counts, Number(key), hist[key]!);
  }
  return counts;
}

/** Counts as a `daily_stats` histogram: minutes with a count, in ascending order. */
export function histogramJson(counts: MinuteCounts): string {
  const hist: Record<string, number> = {};
  for (let minute = 0; minute < counts.length; minute++) {
    const n = counts[minute];
    if (n) hist[minute] = n;
  }
  return JSON.stringify(hist);
}

/** Counts in the compact form of `monthly_stats`; the same text the migration writes for the same counts. */
export function compactJson(counts: MinuteCounts): string {
  const codes: number[] = [];
  let skipped = 0;
  for (let minute = 0; minute < counts.length; minute++) {
    const n = counts[minute];
    if (!n) {
      skipped++;
      continue;
    }
    if (skipped > 0) codes.push(-skipped);
    codes.push(n);
    skipped = 0;
  }
  return JSON.stringify(codes);
}

/**
 * A `monthly_stats` histogram in compact form as counts, every minute up to the last one counted present
 * (zeros in the gaps: a packed array, which V8 adds up fastest). Reading stops at anything but an integer.
 */
export function compactCounts(json: string): MinuteCounts {
  const codes: unknown = JSON.parse(json);
  const counts: MinuteCounts = [];
  if (!Array.isArray(codes)) return counts;
  for (const code of codes) {
    if (!Number.isInteger(code)) break;
    const n = code as number;
    if (n < 0) {
      for (let skipped = n; skipped < 0 && counts.length <= lastMinute; skipped++) counts.push(0);
    } else if (counts.length <= lastMinute) {
      counts.push(n);
    } else {
      counts[lastMinute] = counts[lastMinute]! + n; // a minute past the last one (only in a hand-made row)
    }
  }
  return counts;
}
