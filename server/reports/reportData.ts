import type { OfficeConfig } from '../../protocol/office.ts';
import { nextDay } from '../engine/calendar.ts';
import type { Database } from '../store/db.ts';
import type { ArrivalRow, DayFigures, DaySums, DeskPublicRow, HourArrivals, StatsRow } from './dayFigures.ts';
import { computeDay, lastRolledUpDay } from './rollup.ts';

export interface FigureFilter {
  from: string;
  to: string;
  service?: string | undefined;
  desk?: string | undefined;
}

interface StatsDbRow {
  day: string;
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

/** The SQL conditions of a filter, for the roll-up tables that have the column. */
function conditions(filter: FigureFilter, rolledUntil: string, columns: { service: boolean; desk: boolean }) {
  let sql = 'day BETWEEN ? AND ?';
  const params = [filter.from, filter.to < rolledUntil ? filter.to : rolledUntil];
  if (columns.service && filter.service) {
    sql += ' AND service_id = ?';
    params.push(filter.service);
  }
  if (columns.desk && filter.desk) {
    sql += ' AND desk_id = ?';
    params.push(filter.desk);
  }
  return { sql, params };
}

/**
 * The roll-up rows of a range of office days, filtered by service and desk: read from the roll-up
 * tables for days already rolled up, computed from the tickets for the others (today).
 * A desk filter keeps the arrivals (they belong to no desk yet); a service filter keeps the desks' public time.
 */
export async function loadFigures(db: Database, office: OfficeConfig, filter: FigureFilter, now: number): Promise<DayFigures> {
  const rolledUntil = await lastRolledUpDay(db);
  const byStats = conditions(filter, rolledUntil, { service: true, desk: true });
  const stats = (await db.all<StatsDbRow>(`SELECT * FROM daily_stats WHERE ${byStats.sql}`, byStats.params)).map(statsFromDb);
  const byArrivals = conditions(filter, rolledUntil, { service: true, desk: false });
  const arrivals = await db.all<ArrivalRow>(
    `SELECT day, service_id AS serviceId, hour, arrivals, waits, wait_ms AS waitMs FROM daily_arrivals WHERE ${byArrivals.sql}`,
    byArrivals.params,
  );
  const byDesk = conditions(filter, rolledUntil, { service: false, desk: true });
  const deskPublic = await db.all<DeskPublicRow>(
    `SELECT day, desk_id AS deskId, public_ms AS publicMs FROM daily_desk_public WHERE ${byDesk.sql}`,
    byDesk.params,
  );
  const live = await liveFigures(db, office, filter, rolledUntil, now);
  return { stats: [...stats, ...live.stats], arrivals: [...arrivals, ...live.arrivals], deskPublic: [...deskPublic, ...live.deskPublic] };
}

/**
 * Like `loadFigures(…).stats`, summed per day by SQLite: a year is a few hundred rows instead of tens of
 * thousands, each with three JSON histograms to parse. Sums of whole numbers, so the same figures.
 */
export async function loadDaySums(db: Database, office: OfficeConfig, filter: FigureFilter, now: number): Promise<DaySums[]> {
  const rolledUntil = await lastRolledUpDay(db);
  const by = conditions(filter, rolledUntil, { service: true, desk: true });
  const sums = await db.all<DaySums>(
    `SELECT day, SUM(issued) AS issued, SUM(served) AS served, SUM(no_shows) AS noShows, SUM(cancelled) AS cancelled, SUM(waits) AS waits,
       SUM(wait_ms) AS waitMs, SUM(services) AS services, SUM(service_ms) AS serviceMs
     FROM daily_stats WHERE ${by.sql} GROUP BY day`,
    by.params,
  );
  return [...sums, ...(await liveFigures(db, office, filter, rolledUntil, now)).stats];
}

/** Like `loadFigures(…).arrivals`, summed per day and hour by SQLite. */
export async function loadHourArrivals(db: Database, office: OfficeConfig, filter: FigureFilter, now: number): Promise<HourArrivals[]> {
  const rolledUntil = await lastRolledUpDay(db);
  const by = conditions(filter, rolledUntil, { service: true, desk: false });
  const sums = await db.all<HourArrivals>(
    `SELECT day, hour, SUM(arrivals) AS arrivals, SUM(waits) AS waits, SUM(wait_ms) AS waitMs
     FROM daily_arrivals WHERE ${by.sql} GROUP BY day, hour`,
    by.params,
  );
  return [...sums, ...(await liveFigures(db, office, filter, rolledUntil, now)).arrivals];
}

/** The figures of the days in range not rolled up yet (today), computed from the tickets and filtered. */
async function liveFigures(db: Database, office: OfficeConfig, filter: FigureFilter, rolledUntil: string, now: number): Promise<DayFigures> {
  const figures: DayFigures = { stats: [], arrivals: [], deskPublic: [] };
  // One lower bound, so that SQLite's range on tickets_by_day starts after the roll-ups, not at `from`.
  const afterRollUps = rolledUntil === '' ? filter.from : nextDay(rolledUntil);
  const firstLive = afterRollUps > filter.from ? afterRollUps : filter.from;
  if (firstLive > filter.to) return figures;
  const liveDays = await db.all<{ day: string }>('SELECT DISTINCT day FROM tickets WHERE day BETWEEN ? AND ?', [firstLive, filter.to]);
  for (const { day } of liveDays) {
    const live = await computeDay(db, office, day, now);
    figures.stats.push(...live.stats.filter((s) => (!filter.service || s.serviceId === filter.service) && (!filter.desk || s.deskId === filter.desk)));
    figures.arrivals.push(...live.arrivals.filter((a) => !filter.service || a.serviceId === filter.service));
    figures.deskPublic.push(...live.deskPublic.filter((d) => !filter.desk || d.deskId === filter.desk));
  }
  return figures;
}

function statsFromDb(r: StatsDbRow): StatsRow {
  return {
    day: r.day, serviceId: r.service_id, deskId: r.desk_id, issued: r.issued, served: r.served, noShows: r.no_shows, cancelled: r.cancelled,
    transfers: r.transfers, secondLevel: r.second_level, waits: r.waits, waitMs: r.wait_ms, waitHist: JSON.parse(r.wait_hist),
    services: r.services, serviceMs: r.service_ms, serviceHist: JSON.parse(r.service_hist), outcomes: JSON.parse(r.outcomes),
  };
}
