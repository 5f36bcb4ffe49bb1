import type { OfficeConfig } from '../../protocol/office.ts';
import { nextDay } from '../engine/calendar.ts';
import type { Database } from '../store/db.ts';
import type { ArrivalRow, DayFigures, DaySums, DeskPublicRow, HourArrivals, StatsRow } from './dayFigures.ts';
import { daysBetween, monthOf, periodsBetween } from './periods.ts';
import { computeDay, lastRolledUpDay } from './rollup.ts';
import { dayHistograms, monthHistograms, statsColumns, statsFromDb, type StatsDbRow } from './statsRows.ts';

export interface FigureFilter {
  from: string;
  to: string;
  service?: string | undefined;
  desk?: string | undefined;
}

type Columns = { service: boolean; desk: boolean };

/** The SQL conditions of a filter over the rolled-up days, for the roll-up tables that have the column. */
function conditions(filter: FigureFilter, rolledUntil: string, columns: Columns) {
  return keyRange('day', filter.from, filter.to < rolledUntil ? filter.to : rolledUntil, filter, columns);
}

/** Rows keyed `from` to `to` (days or months), of the filter's service and desk where the table has the column. */
function keyRange(key: 'day' | 'month', from: string, to: string, filter: FigureFilter, columns: Columns) {
  let sql = `${key} BETWEEN ? AND ?`;
  const params = [from, to];
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
  const stats = await dailyStats(db, byStats);
  const byArrivals = conditions(filter, rolledUntil, { service: true, desk: false });
  const arrivals = await db.all<ArrivalRow>(
    `SELECT day, service_id AS "serviceId", hour, arrivals, waits, wait_ms AS "waitMs" FROM daily_arrivals WHERE ${byArrivals.sql} ORDER BY day, service_id, hour`,
    byArrivals.params,
  );
  const deskPublic = await rolledDeskPublic(db, filter, rolledUntil);
  const live = await liveFigures(db, office, filter, rolledUntil, now);
  return { stats: [...stats, ...live.stats], arrivals: [...arrivals, ...live.arrivals], deskPublic: [...deskPublic, ...live.deskPublic] };
}

/**
 * Like `loadFigures` without the arrivals, with each month the period covers whole read as one row per service and
 * desk from `monthly_stats` (standing at the month's first day): the same sums and merged histograms, from
 * a year's dozen months instead of its two hundred and fifty days. Only the days at the period's edges are
 * read day by day. Enough for the reports that group by service, desk or month (times, outcomes).
 */
export async function loadByMonth(db: Database, office: OfficeConfig, filter: FigureFilter, now: number): Promise<Omit<DayFigures, 'arrivals'>> {
  const rolledUntil = await lastRolledUpDay(db);
  const rolledTo = filter.to < rolledUntil ? filter.to : rolledUntil;
  const stats: StatsRow[] = [];
  if (filter.from <= rolledTo) {
    // A month's row holds its days rolled up so far: it stands for the period's days of that month when the
    // period starts at or before the month's first day and ends at or after its last day rolled up.
    const covered = (month: string) =>
      filter.from <= `${month}-01` && (rolledTo === rolledUntil || monthOf(nextDay(rolledTo)) !== month);
    const whole = periodsBetween(filter.from, rolledTo, 'month').filter(covered);
    if (whole.length > 0) {
      const by = keyRange('month', whole[0]!, whole.at(-1)!, filter, { service: true, desk: true });
      const rows = await db.all<StatsDbRow & { month: string }>(`SELECT month, ${statsColumns} FROM monthly_stats WHERE ${by.sql} ORDER BY month, service_id, desk_id`, by.params);
      for (const r of rows) stats.push(statsFromDb(r, `${r.month}-01`, monthHistograms));
    }
    const wholeSet = new Set(whole);
    for (const edge of runsOf(daysBetween(filter.from, rolledTo).filter((d) => !wholeSet.has(monthOf(d))))) {
      stats.push(...(await dailyStats(db, conditions({ ...filter, ...edge }, rolledUntil, { service: true, desk: true }))));
    }
  }
  const deskPublic = await rolledDeskPublic(db, filter, rolledUntil);
  const live = await liveFigures(db, office, filter, rolledUntil, now);
  return { stats: [...stats, ...live.stats], deskPublic: [...deskPublic, ...live.deskPublic] };
}

function rolledDeskPublic(db: Database, filter: FigureFilter, rolledUntil: string): Promise<DeskPublicRow[]> {
  const by = conditions(filter, rolledUntil, { service: false, desk: true });
  return db.all<DeskPublicRow>(`SELECT day, desk_id AS "deskId", public_ms AS "publicMs" FROM daily_desk_public WHERE ${by.sql} ORDER BY day, desk_id`, by.params);
}

/** Ordered days as ranges of consecutive days. */
function runsOf(days: readonly string[]): { from: string; to: string }[] {
  const runs: { from: string; to: string }[] = [];
  for (const day of days) {
    const last = runs.at(-1);
    if (last && nextDay(last.to) === day) last.to = day;
    else runs.push({ from: day, to: day });
  }
  return runs;
}

async function dailyStats(db: Database, by: { sql: string; params: string[] }): Promise<StatsRow[]> {
  const rows = await db.all<StatsDbRow & { day: string }>(`SELECT day, ${statsColumns} FROM daily_stats WHERE ${by.sql} ORDER BY day, service_id, desk_id`, by.params);
  return rows.map((r) => statsFromDb(r, r.day, dayHistograms));
}

/**
 * Like `loadFigures(…).stats`, summed per day by SQLite: a year is a few hundred rows instead of tens of
 * thousands, each with three JSON histograms to parse. Sums of whole numbers, so the same figures.
 */
export async function loadDaySums(db: Database, office: OfficeConfig, filter: FigureFilter, now: number): Promise<DaySums[]> {
  const rolledUntil = await lastRolledUpDay(db);
  const by = conditions(filter, rolledUntil, { service: true, desk: true });
  const sums = await db.all<DaySums>(
    `SELECT day, SUM(issued) AS issued, SUM(served) AS served, SUM(no_shows) AS "noShows", SUM(cancelled) AS cancelled, SUM(waits) AS waits,
       SUM(wait_ms) AS "waitMs", SUM(services) AS services, SUM(service_ms) AS "serviceMs"
     FROM daily_stats WHERE ${by.sql} GROUP BY day ORDER BY day`,
    by.params,
  );
  return [...sums, ...(await liveFigures(db, office, filter, rolledUntil, now)).stats];
}

/** Like `loadFigures(…).arrivals`, summed per day and hour by SQLite. */
export async function loadHourArrivals(db: Database, office: OfficeConfig, filter: FigureFilter, now: number): Promise<HourArrivals[]> {
  const rolledUntil = await lastRolledUpDay(db);
  const by = conditions(filter, rolledUntil, { service: true, desk: false });
  const sums = await db.all<HourArrivals>(
    `SELECT day, hour, SUM(arrivals) AS arrivals, SUM(waits) AS waits, SUM(wait_ms) AS "waitMs"
     FROM daily_arrivals WHERE ${by.sql} GROUP BY day, hour ORDER BY day, hour`,
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
