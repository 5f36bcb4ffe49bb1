import type { AccessFigures, AccessesReport, MonthlyReport } from '../../protocol/reports.ts';
import type { DaySums } from './dayFigures.ts';
import { periodOf, periodsBetween, yearRange } from './periods.ts';
import { minutes } from './spread.ts';

/** Tickets issued, citizens served, no-shows, cancelled tickets and the average times, per period. */

interface Sums {
  issued: number;
  served: number;
  noShows: number;
  cancelled: number;
  waits: number;
  waitMs: number;
  services: number;
  serviceMs: number;
}

const zero = (): Sums => ({ issued: 0, served: 0, noShows: 0, cancelled: 0, waits: 0, waitMs: 0, services: 0, serviceMs: 0 });

function add(sums: Sums, r: DaySums): void {
  sums.issued += r.issued;
  sums.served += r.served;
  sums.noShows += r.noShows;
  sums.cancelled += r.cancelled;
  sums.waits += r.waits;
  sums.waitMs += r.waitMs;
  sums.services += r.services;
  sums.serviceMs += r.serviceMs;
}

function figures(s: Sums): AccessFigures {
  return {
    issued: s.issued,
    served: s.served,
    noShows: s.noShows,
    cancelled: s.cancelled,
    avgWaitMinutes: minutes(s.waitMs, s.waits),
    avgServiceMinutes: minutes(s.serviceMs, s.services),
  };
}

function byPeriod(rows: readonly DaySums[], from: string, to: string, by: 'day' | 'week' | 'month') {
  const periods = new Map(periodsBetween(from, to, by).map((p) => [p, zero()]));
  const total = zero();
  for (const r of rows) {
    const sums = periods.get(periodOf(r.day, by));
    if (!sums) continue;
    add(sums, r);
    add(total, r);
  }
  return { periods, total };
}

export function accessesReport(rows: readonly DaySums[], from: string, to: string, by: 'day' | 'week' | 'month'): AccessesReport {
  const { periods, total } = byPeriod(rows, from, to, by);
  return { from, to, by, rows: [...periods].map(([period, s]) => ({ period, ...figures(s) })), total: figures(total) };
}

/** Twelve months of a year, zeros where nothing happened, and the year's total. */
export function monthlyReport(rows: readonly DaySums[], year: number): MonthlyReport {
  const { from, to } = yearRange(year);
  const { periods, total } = byPeriod(rows, from, to, 'month');
  return { year, months: [...periods].map(([month, s]) => ({ month, ...figures(s) })), total: figures(total) };
}
