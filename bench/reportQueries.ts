import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { officeConfigSchema, type OfficeConfig } from '../protocol/office.ts';
import { createLogger } from '../server/logger.ts';
import { Reports } from '../server/reports/reports.ts';
import { yearRange } from '../server/reports/periods.ts';
import { Db } from '../server/store/db.ts';
import type { HistoryDb } from './history.ts';

/**
 * The manager's reports timed on a history database, beside the raw primitive (a COUNT(*) over the
 * tickets). Cold: the database file is dropped from the OS page cache (GNU dd's `iflag=nocache`, no root
 * needed), then a fresh connection makes the first call. Warm: further calls on that connection.
 */

export interface QueryTiming {
  coldMs: number;
  /** The median of the warm runs. */
  warmMs: number;
  warmMaxMs: number;
}

export interface ReportQueryFigures {
  path: string;
  tickets: number;
  /** The busiest calendar year the history covers in full (the busiest partial one when none is full). */
  year: number;
  range: { from: string; to: string };
  /** What the reports over that year read: roll-up rows, and the tickets they stand for. */
  rows: { dailyStats: number; dailyArrivals: number; deskPublic: number; ticketsInYear: number };
  /** How "cold" was obtained: page cache dropped (checked on the COUNT(*)), or only a fresh connection. */
  cold: 'page cache evicted' | 'fresh connection only (eviction had no measurable effect)';
  warmRuns: number;
  countScan: QueryTiming;
  monthly: QueryTiming;
  times: QueryTiming;
  heatmap: QueryTiming;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Asks the kernel to drop the cached pages of the database and its WAL. */
export function evictFromPageCache(path: string): void {
  for (const file of [path, `${path}-wal`]) {
    if (!existsSync(file)) continue;
    const dd = spawnSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none']);
    if (dd.status !== 0) throw new Error(`dd could not evict ${file}: ${dd.stderr.toString().trim()}`);
  }
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** One cold call (evicted file, fresh connection), then `warmRuns` calls on the same connection. */
async function measure(path: string, warmRuns: number, call: (db: Db) => Promise<unknown>): Promise<QueryTiming> {
  evictFromPageCache(path);
  const db = await Db.open(path);
  try {
    const coldMs = await timed(() => call(db));
    const warm: number[] = [];
    for (let i = 0; i < warmRuns; i++) warm.push(await timed(() => call(db)));
    warm.sort((a, b) => a - b);
    const median = warm.length === 0 ? Number.NaN : (warm[(warm.length - 1) >> 1]! + warm[warm.length >> 1]!) / 2;
    return { coldMs: round(coldMs), warmMs: round(median), warmMaxMs: round(warm.at(-1) ?? Number.NaN) };
  } finally {
    await db.close();
  }
}

async function storedOffice(db: Db): Promise<OfficeConfig> {
  const row = await db.get<{ value: string }>("SELECT value FROM engine_meta WHERE key = 'office'");
  if (!row) throw new Error('the history database has no office config');
  return officeConfigSchema.parse(JSON.parse(row.value));
}

/** The busiest calendar year covered in full, by tickets issued (from the roll-ups). */
async function busiestYear(db: Db, history: HistoryDb): Promise<number> {
  const years = await db.all<{ year: string; issued: number }>(
    'SELECT substr(day, 1, 4) AS year, SUM(issued) AS issued FROM daily_stats GROUP BY year ORDER BY issued DESC, year DESC',
  );
  const full = years.filter((y) => history.firstDay <= `${y.year}-01-01` && history.endDay > `${y.year}-12-31`);
  const pick = full[0] ?? years[0];
  if (!pick) throw new Error('the history database has no roll-ups');
  return Number(pick.year);
}

export async function measureReports(history: HistoryDb, options: { warmRuns?: number } = {}): Promise<ReportQueryFigures> {
  const warmRuns = options.warmRuns ?? 5;
  const path = history.path;
  const setup = await Db.open(path);
  let office: OfficeConfig;
  let year: number;
  let rows: ReportQueryFigures['rows'];
  try {
    office = await storedOffice(setup);
    year = await busiestYear(setup, history);
    const { from, to } = yearRange(year);
    const count = async (table: string) =>
      (await setup.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE day BETWEEN ? AND ?`, [from, to]))?.n ?? 0;
    const issued = await setup.get<{ n: number | null }>('SELECT SUM(issued) AS n FROM daily_stats WHERE day BETWEEN ? AND ?', [from, to]);
    rows = { dailyStats: await count('daily_stats'), dailyArrivals: await count('daily_arrivals'), deskPublic: await count('daily_desk_public'), ticketsInYear: issued?.n ?? 0 };
  } finally {
    await setup.close();
  }
  const range = yearRange(year);
  const log = createLogger('silent');
  const reports = (db: Db) => new Reports(db, () => office, Date.now, log);

  const countScan = await measure(path, warmRuns, (db) => db.get('SELECT COUNT(*) AS n FROM tickets'));
  const monthly = await measure(path, warmRuns, (db) => reports(db).monthly(year, {}));
  const times = await measure(path, warmRuns, (db) => reports(db).times(range));
  const heatmap = await measure(path, warmRuns, (db) => reports(db).heatmap(range));
  // Eviction worked when the first COUNT(*) had to read the file: clearly slower than the cached ones.
  const evicted = countScan.coldMs > 2 * countScan.warmMs;
  return {
    path,
    tickets: history.tickets,
    year,
    range,
    rows,
    cold: evicted ? 'page cache evicted' : 'fresh connection only (eviction had no measurable effect)',
    warmRuns,
    countScan,
    monthly,
    times,
    heatmap,
  };
}
