/**
 * Wait and service times as counts per whole minute, and the two ways the roll-ups store them.
 *
 * In memory: an array indexed by the minute (holes are zeros), so that merging a year's histograms is a few
 * array additions, with no key strings to hash and no sort before a percentile.
 *
 * `daily_stats` stores a JSON object, minute → count (`{"0":3,"2":1}`), as it always has.
 * `monthly_stats` stores a compact JSON array (migration 0015): each entry ≥ 0 is the count of the next
 * minute, each entry -k skips k minutes with no count, trailing empty minutes are left out
 * (`[3,-1,1]`: 3 at minute 0, 1 at minute 2). A year of the times report reads about 1,600 rows with two
 * of these each: a third of the bytes of the objects, rows that fit their B-tree page, and a text that is
 * added into the report's sums as it is scanned.
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
 * A `monthly_stats` histogram in compact form added into `counts`, read character by character: no array of
 * codes is built and no minute without a count is visited, which matters most on a report's first run, before
 * V8 has compiled the loop. Reading stops at anything the compact form does not hold (an entry that is not a
 * whole number, a text that is not an array).
 */
export function addCompactJson(counts: MinuteCounts, json: string): MinuteCounts {
  if (json.charCodeAt(0) !== 91 /* [ */) return counts;
  let minute = 0;
  let n = 0;
  let digits = 0;
  let negative = false;
  let closed = false; // a number followed by white space: only a separator may come
  for (let i = 1; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (closed) return counts;
      n = n * 10 + (c - 48);
      if (++digits > 15) return counts;
      continue;
    }
    if (c === 45 /* - */ && digits === 0 && !negative) {
      negative = true;
      continue;
    }
    if (c === 32 || c === 10 || c === 13 || c === 9) {
      if (negative && digits === 0) return counts;
      closed = digits > 0;
      continue;
    }
    if (c !== 44 /* , */ && c !== 93 /* ] */) return counts;
    if (digits === 0) return counts; // '[]', or a separator with no number before it: done
    if (negative) {
      minute += n;
    } else {
      if (n > 0) {
        const at = minute > lastMinute ? lastMinute : minute;
        counts[at] = (counts[at] ?? 0) + n;
      }
      minute++;
    }
    if (c === 93) return counts;
    n = 0;
    digits = 0;
    negative = false;
    closed = false;
  }
  return counts;
}

/**
 * Minute counts as the roll-up rows carry them: an array, or a `monthly_stats` histogram still in its compact
 * text, added where it is needed (a year of the times report adds 3,000 of them, each straight into its sum).
 */
export type Minutes = MinuteCounts | string;

/** Adds minute counts, of either form, into `counts`. */
export function addMinutes(counts: MinuteCounts, more: Minutes): MinuteCounts {
  return typeof more === 'string' ? addCompactJson(counts, more) : addCounts(counts, more);
}

/** Minute counts as an array (a new one when they are still text). */
export const countsOf = (minutes: Minutes): MinuteCounts => (typeof minutes === 'string' ? addCompactJson([], minutes) : minutes);
