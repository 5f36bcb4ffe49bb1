import type { Param } from '../store/db.ts';
import type { Histogram, StatsRow } from './dayFigures.ts';
import { addHistogramJson, addMinutes, compactJson, countsOf, histogramJson, type MinuteCounts, type Minutes } from './minuteCounts.ts';

/**
 * Roll-up rows of `daily_stats` and `monthly_stats` (the same columns, keyed by day or by month) to and
 * from the database, and the sum that turns days into their month.
 */

export interface StatsDbRow {
  service_id: string;
  desk_id: string;
  issued: number;
  served: number;
  no_shows: number;
  transfers: number;
  second_level: number;
  waits: number;
  wait_ms: number;
  wait_hist: string;
  services: number;
  service_ms: number;
  service_hist: string;
  outcomes: string;
  cancelled: number;
}

/** How a table stores its wait and service histograms (minuteCounts.ts): objects by day, compact arrays by month. */
export interface HistogramFormat {
  read(json: string): Minutes;
  write(minutes: Minutes): string;
}

export const dayHistograms: HistogramFormat = { read: (json) => addHistogramJson([], json), write: (minutes) => histogramJson(countsOf(minutes)) };
/** A month's histograms stay in their compact text until they are added somewhere (`addMinutes`). */
export const monthHistograms: HistogramFormat = {
  read: (json) => json,
  write: (minutes) => compactJson(countsOf(minutes)),
};

/** The columns after the key, in table order. */
export const statsColumns = 'service_id, desk_id, issued, served, no_shows, transfers, second_level, waits, wait_ms, wait_hist, services, service_ms, service_hist, outcomes, cancelled';

/** A row read back; `day` is the row's day, or the first day of its month for a month's row. */
export function statsFromDb(r: StatsDbRow, day: string, histograms: HistogramFormat): StatsRow {
  return {
    day, serviceId: r.service_id, deskId: r.desk_id, issued: r.issued, served: r.served, noShows: r.no_shows,
    transfers: r.transfers, secondLevel: r.second_level, waits: r.waits, waitMs: r.wait_ms, waitHist: histograms.read(r.wait_hist),
    services: r.services, serviceMs: r.service_ms, serviceHist: histograms.read(r.service_hist), outcomes: JSON.parse(r.outcomes), cancelled: r.cancelled,
  };
}

/** The values of `statsColumns`, for an INSERT after the row's key. */
export function statsParams(s: StatsRow, histograms: HistogramFormat): Param[] {
  const json = (v: unknown) => JSON.stringify(v);
  return [
    s.serviceId, s.deskId, s.issued, s.served, s.noShows, s.transfers, s.secondLevel,
    s.waits, s.waitMs, histograms.write(s.waitHist), s.services, s.serviceMs, histograms.write(s.serviceHist), json(s.outcomes), s.cancelled,
  ];
}

/** Counts per key, summed in a Map: merging thousands of histograms stays fast, whatever the keys are named. */
export type Tally = Map<string, number>;

export function tallyInto(tally: Tally, hist: Histogram): Tally {
  for (const key of Object.keys(hist)) tally.set(key, (tally.get(key) ?? 0) + hist[key]!);
  return tally;
}

/** A tally as a histogram (own data properties, so a key named `__proto__` is an entry like any other). */
export const histogramOf = (tally: Tally): Histogram => Object.fromEntries(tally);

interface StatsSum {
  row: StatsRow;
  waitHist: MinuteCounts;
  serviceHist: MinuteCounts;
  outcomes: Tally;
}

/** Rows summed per service and desk, each standing at `day`. */
export function sumStats(rows: Iterable<StatsRow>, day: string): StatsRow[] {
  const sums = new Map<string, StatsSum>();
  for (const r of rows) {
    const key = `${r.serviceId}\u0000${r.deskId}`;
    let sum = sums.get(key);
    if (!sum) {
      const row: StatsRow = { ...r, day, issued: 0, served: 0, noShows: 0, cancelled: 0, transfers: 0, secondLevel: 0, waits: 0, waitMs: 0, services: 0, serviceMs: 0 };
      sums.set(key, (sum = { row, waitHist: [], serviceHist: [], outcomes: new Map() }));
    }
    const s = sum.row;
    s.issued += r.issued;
    s.served += r.served;
    s.noShows += r.noShows;
    s.cancelled += r.cancelled;
    s.transfers += r.transfers;
    s.secondLevel += r.secondLevel;
    s.waits += r.waits;
    s.waitMs += r.waitMs;
    s.services += r.services;
    s.serviceMs += r.serviceMs;
    addMinutes(sum.waitHist, r.waitHist);
    addMinutes(sum.serviceHist, r.serviceHist);
    tallyInto(sum.outcomes, r.outcomes);
  }
  return [...sums.values()].map((s) => ({ ...s.row, waitHist: s.waitHist, serviceHist: s.serviceHist, outcomes: histogramOf(s.outcomes) }));
}
