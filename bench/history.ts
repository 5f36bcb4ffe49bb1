import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OfficeConfig } from '../protocol/office.ts';
import { loadOfficeConfig } from '../server/config/office.ts';
import { dayOf, dayStart, nextDay, openingIntervals, weekdayOf } from '../server/engine/calendar.ts';
import { rollUpClosedDays } from '../server/reports/rollup.ts';
import { previousDay } from '../server/simulation/days.ts';
import { simulate } from '../server/simulation/simulate.ts';
import { Db } from '../server/store/db.ts';
import { migrate } from '../server/store/migrate.ts';
import { removeDatabase } from './benchOffice.ts';

/**
 * Report-history databases of a given size for the benchmarks, generated with the simulator and cached.
 * A few seed weeks of a busy office are simulated with the real engine (`simulate`), each week into its
 * own database (about 2 s a week; before the engine's TicketBook, ids past some ten thousand made every
 * command copy a V8 dictionary, and one four-week run took minutes). Their days are then replicated by
 * SQL, backwards from `endDay`, until the history holds exactly `tickets` tickets. The daily roll-ups
 * are written by the hub's own `rollUpClosedDays` over the whole result (about 2 minutes at 5 million
 * tickets on our 2-core machine), not copied from the seed.
 */

/** Bump when the content of a generated database changes: the cache file names carry it. */
export const generatorVersion = 2;

const demoOfficePath = fileURLToPath(new URL('../config/office.demo.json', import.meta.url));

export interface SeedOptions {
  /** Seed weeks (Monday to Saturday of February 2026), one simulation each; copies cycle through them. */
  weeks: number;
  /** Tickets in each seed week. */
  ticketsPerWeek: number;
  /** Front desks of the busy office: the demo office's four, then copies of them. */
  frontDesks: number;
}

/** About 1,300 tickets per open day, served by 20 front desks (waits around an hour, few expire). */
export const defaultSeed: SeedOptions = { weeks: 4, ticketsPerWeek: 7800, frontDesks: 20 };

/** The engine's day when the history ends: the Sunday before the benchmarks' real 2026-11-23. */
export const defaultEndDay = '2026-11-22';

export interface HistoryOptions {
  /** Folder of the cache (bench/.data for the benchmarks). */
  dir: string;
  /** Tickets in the history, exactly. */
  tickets: number;
  /** The history covers the days before this one; the engine is left on it. Never after today. */
  endDay?: string;
  seed?: Partial<SeedOptions>;
  log?: (line: string) => void;
}

export interface HistoryDb {
  path: string;
  /** Exactly the number asked for: the earliest day keeps only its first tickets. */
  tickets: number;
  events: number;
  /** Days with tickets, each rolled up. */
  days: number;
  firstDay: string;
  lastDay: string;
  /** The engine's day (engine_meta 'day'): the day after the history. */
  endDay: string;
  bytes: number;
  /** Null when the database came from the cache. */
  generatedMs: number | null;
  /** Of `generatedMs`: the seed simulations (0 when cached), the SQL copy, the roll-ups. */
  phasesMs: { seeds: number; copy: number; rollUp: number } | null;
  /** The seed weeks' databases, kept in the cache folder beside it. */
  seeds: string[];
}

/** One day of the history: a copy of a seed day of the same weekday, or a closed day (no tickets). */
interface PlannedDay {
  day: string;
  seed: { week: number; day: string; firstId: number; keep: number } | null;
}

interface SeedDay {
  day: string;
  firstId: number;
  count: number;
}

/** The history database for these options, from the cache when it is there. */
export async function historyDb(options: HistoryOptions): Promise<HistoryDb> {
  const seed = { ...defaultSeed, ...options.seed };
  const endDay = options.endDay ?? defaultEndDay;
  const log = options.log ?? (() => undefined);
  if (!Number.isSafeInteger(options.tickets) || options.tickets < 1) throw new Error(`tickets must be a whole number ≥ 1, not ${options.tickets}.`);
  const office = busyOffice(await loadOfficeConfig(demoOfficePath), seed.frontDesks);
  if (endDay > dayOf(Date.now(), office.timeZone)) throw new Error(`endDay ${endDay} is after today: a hub opening the history would go back in time.`);

  const tag = `${seed.ticketsPerWeek}x${seed.frontDesks}-v${generatorVersion}`;
  const path = join(options.dir, `history-${options.tickets}-${endDay}-${seed.weeks}w${tag}.db`);
  const seeds = Array.from({ length: seed.weeks }, (_, week) => join(options.dir, `seed-${tag}-w${week}.db`));
  if (await exists(path)) {
    await migrateCached(path, log);
    return { ...(await describe(path, endDay)), generatedMs: null, phasesMs: null, seeds };
  }

  const started = performance.now();
  await mkdir(options.dir, { recursive: true });
  for (const [week, file] of seeds.entries()) await seedWeek(file, office, week, seed.ticketsPerWeek, log);

  const copyStarted = performance.now();
  const partial = `${path}.partial`;
  await removeDatabase(partial);
  const db = await Db.open(partial);
  let rollUpMs = 0;
  try {
    // Bulk load: no journal, no syncs; the file is switched back to WAL (the hub's mode) at the end.
    await db.exec('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;');
    await migrate(db, Date.now());
    for (const [week, file] of seeds.entries()) await db.run(`ATTACH DATABASE ? AS seed${week}`, [file]);
    const seedDays = await Promise.all(seeds.map((_, week) => readSeedDays(db, week)));
    const plan = planHistory(office, seedDays, options.tickets, endDay);
    log(`history of ${options.tickets} tickets: ${plan[0]!.day} → ${plan.at(-1)!.day}, copying…`);
    await copyPlan(db, office, plan, endDay, log);
    await db.exec(`INSERT INTO engine_meta SELECT key, value FROM seed${seeds.length - 1}.engine_meta;
      INSERT INTO desks (id, mode) SELECT id, mode FROM seed${seeds.length - 1}.desks;`);
    await db.run("UPDATE engine_meta SET value = ? WHERE key = 'day'", [JSON.stringify(endDay)]);
    await db.run("UPDATE engine_meta SET value = '[]' WHERE key = 'lastCalls'");
    for (const week of seeds.keys()) await db.exec(`DETACH DATABASE seed${week}`);
    const rollUpStarted = performance.now();
    const rolled = await rollUpClosedDays(db, office, endDay);
    rollUpMs = performance.now() - rollUpStarted;
    log(`rolled up ${rolled} days in ${(rollUpMs / 1000).toFixed(1)} s`);
    await db.exec('PRAGMA journal_mode = WAL;');
  } finally {
    await db.close();
  }
  await rename(partial, path);
  const generatedMs = performance.now() - started;
  const copyMs = performance.now() - copyStarted - rollUpMs;
  const result = { ...(await describe(path, endDay)), generatedMs, seeds };
  log(`${path}: ${result.tickets} tickets, ${result.events} events, ${(result.bytes / 1e9).toFixed(2)} GB in ${(generatedMs / 1000).toFixed(1)} s`);
  return { ...result, phasesMs: { seeds: copyStarted - started, copy: copyMs, rollUp: rollUpMs } };
}

/** The demo office with `frontDesks` front desks (its four, then copies of them), for a busy town hall. */
export function busyOffice(demo: OfficeConfig, frontDesks: number): OfficeConfig {
  const front = demo.desks.filter((d) => d.kind === 'front');
  const desks = Array.from({ length: frontDesks }, (_, i) => ({ ...front[i % front.length]!, id: `desk-${i + 1}`, name: `Sportello ${i + 1}` }));
  return { ...demo, name: `${demo.name} — ${frontDesks} sportelli`, desks: [...desks, ...demo.desks.filter((d) => d.kind === 'back')] };
}

/** Seed week `week`: Monday 2 February 2026 plus `week` weeks, to the Saturday; simulated once, then cached. */
async function seedWeek(path: string, office: OfficeConfig, week: number, tickets: number, log: (line: string) => void): Promise<void> {
  if (await exists(path)) return;
  const monday = new Date(Date.UTC(2026, 1, 2 + 7 * week)).toISOString().slice(0, 10);
  const saturday = new Date(Date.UTC(2026, 1, 7 + 7 * week)).toISOString().slice(0, 10);
  if (monday.slice(0, 7) !== saturday.slice(0, 7)) throw new Error(`seed weeks stay within February 2026 (at most 4), not ${week + 1}.`);
  await removeDatabase(`${path}.partial`);
  const summary = await simulate({ dbPath: `${path}.partial`, office, from: monday, to: saturday, monthly: [tickets], seed: week + 1 });
  await rename(`${path}.partial`, path);
  log(`seed week ${monday}: ${summary.issued} tickets simulated in ${(summary.elapsedMs / 1000).toFixed(1)} s`);
}

/** A seed's days with tickets; each day's ids are consecutive, which the copy relies on. */
async function readSeedDays(db: Db, week: number): Promise<SeedDay[]> {
  const days = await db.all<SeedDay & { lastId: number }>(
    `SELECT day, MIN(id) AS firstId, MAX(id) AS lastId, COUNT(*) AS count FROM seed${week}.tickets GROUP BY day ORDER BY day`,
  );
  for (const d of days) if (d.lastId - d.firstId + 1 !== d.count) throw new Error(`seed ${week}, ${d.day}: ticket ids are not consecutive.`);
  return days;
}

/**
 * Every calendar day of the history, oldest first, ending the day before `endDay`: open days copy a seed
 * day of the same weekday (the seed week picked by the date's week number since 1970, so a date always
 * gets the same copy, whatever the size asked for), closed days get none. It starts on the day where the count reaches `tickets`, keeping
 * only as many of that day's first tickets as the exact count needs.
 */
function planHistory(office: OfficeConfig, seedWeeks: readonly (readonly SeedDay[])[], tickets: number, endDay: string): PlannedDay[] {
  const perWeek = seedWeeks.map((days) => days.reduce((sum, d) => sum + d.count, 0));
  if (perWeek.some((n) => n === 0)) throw new Error('every seed week needs tickets.');
  const byWeekday = seedWeeks.map((days) => new Map(days.map((d) => [weekdayOf(d.day), d])));
  const plan: PlannedDay[] = [];
  let total = 0;
  // Bounded: a calendar week adds about a seed week's tickets (twice the weeks leaves room for holidays).
  const maxDays = 7 * (2 * Math.ceil(tickets / Math.min(...perWeek)) + 2);
  for (let day = previousDay(endDay), i = 0; total < tickets; day = previousDay(day), i++) {
    if (i > maxDays) throw new Error(`planning ${tickets} tickets ran past ${maxDays} days: the seed has too few open weekdays.`);
    const week = (Math.floor(Date.parse(`${day}T00:00:00Z`) / (7 * 86_400_000)) % seedWeeks.length + seedWeeks.length) % seedWeeks.length;
    const source = openingIntervals(office, day).length > 0 ? byWeekday[week]!.get(weekdayOf(day)) : undefined;
    if (!source) {
      plan.push({ day, seed: null });
      continue;
    }
    const keep = Math.min(source.count, tickets - total);
    total += keep;
    plan.push({ day, seed: { week, day: source.day, firstId: source.firstId, keep } });
  }
  return plan.reverse();
}

/** A timestamp column of a seed day moved to the target day, local time kept (instants after the seed day's midnight go to the target's). */
const shift = (column: string) => `CASE WHEN ${column} >= ?5 THEN ${column} + ?6 ELSE ${column} + ?4 END`;

const copyTickets = (week: number) => `INSERT INTO tickets (id, day, seq, number, issued_service_id, service_id, status, priority,
    appointment_at, request_id, issued_at, called_at, started_at, finished_at, desk_id, assigned_desk_id, recalls, outcomes, transfers)
  SELECT id + ?1, ?7, seq, number, issued_service_id, service_id, status, priority, ${shift('appointment_at')}, request_id,
    ${shift('issued_at')}, ${shift('called_at')}, ${shift('started_at')}, ${shift('finished_at')}, desk_id, assigned_desk_id, recalls, outcomes,
    CASE transfers WHEN '[]' THEN transfers ELSE
      (SELECT json_group_array(json_set(value, '$.at', ${shift("json_extract(value, '$.at')")})) FROM json_each(transfers)) END
  FROM seed${week}.tickets WHERE id BETWEEN ?2 AND ?3 ORDER BY id`;

// The day's ticket events (an expiry at the next midnight included) and its other events but day:started, written before.
const copyEvents = (week: number) => `INSERT INTO events (seq, at, type, ticket_id, desk_id, service_id, data)
  SELECT ?9 + ROW_NUMBER() OVER (ORDER BY seq), ${shift('at')}, type, ticket_id + ?1, desk_id, service_id,
    CASE WHEN ticket_id IS NULL THEN data ELSE json_set(data, '$.ticketId', ticket_id + ?1) END
  FROM (SELECT * FROM seed${week}.events WHERE ticket_id BETWEEN ?2 AND ?3
        UNION ALL
        SELECT * FROM seed${week}.events WHERE at >= ?8 AND at < ?5 AND ticket_id IS NULL AND type <> 'day:started')
  ORDER BY seq`;

async function copyPlan(db: Db, office: OfficeConfig, plan: readonly PlannedDay[], endDay: string, log: (line: string) => void): Promise<void> {
  const tz = office.timeZone;
  let lastId = 0;
  let lastSeq = 0;
  const dayStarted = async (day: string) =>
    db.run("INSERT INTO events (seq, at, type, data) VALUES (?, ?, 'day:started', ?)", [++lastSeq, dayStart(day, tz), JSON.stringify({ day })]);
  const batchDays = 60;
  for (let i = 0; i < plan.length; i += batchDays) {
    await db.transaction(async () => {
      for (const { day, seed } of plan.slice(i, i + batchDays)) {
        await dayStarted(day);
        if (!seed) continue;
        const seedStart = dayStart(seed.day, tz);
        const seedEnd = dayStart(nextDay(seed.day), tz);
        const params = [
          lastId + 1 - seed.firstId, seed.firstId, seed.firstId + seed.keep - 1, dayStart(day, tz) - seedStart,
          seedEnd, dayStart(nextDay(day), tz) - seedEnd, day, seedStart, lastSeq,
        ];
        await db.run(copyTickets(seed.week), params.slice(0, 7)); // ?8 and ?9 are the events'
        lastSeq += (await db.run(copyEvents(seed.week), params)).changes;
        lastId += seed.keep;
      }
    });
    log(`  ${plan[Math.min(i + batchDays, plan.length) - 1]!.day}: ${lastId} tickets, ${lastSeq} events`);
  }
  await dayStarted(endDay);
}

/** The figures of a finished history database, read back cheaply (ids and seqs are consecutive from 1). */
async function describe(path: string, endDay: string): Promise<Omit<HistoryDb, 'generatedMs' | 'phasesMs' | 'seeds'>> {
  const db = await Db.open(path);
  try {
    const tickets = (await db.get<{ n: number | null }>('SELECT MAX(id) AS n FROM tickets'))?.n ?? 0;
    const events = (await db.get<{ n: number | null }>('SELECT MAX(seq) AS n FROM events'))?.n ?? 0;
    const days = await db.get<{ n: number; first: string; last: string }>('SELECT COUNT(*) AS n, MIN(day) AS first, MAX(day) AS last FROM rolled_up_days');
    const bytes = (await stat(path)).size;
    return { path, tickets, events, days: days?.n ?? 0, firstDay: days?.first ?? '', lastDay: days?.last ?? '', endDay, bytes };
  } finally {
    await db.close();
  }
}

/**
 * A cached history brought to the hub's schema, as the hub would on start: the reports read what the current
 * migrations leave (e.g. 0015's compact month histograms), not what the generator's version wrote.
 */
async function migrateCached(path: string, log: (line: string) => void): Promise<void> {
  const db = await Db.open(path);
  try {
    const started = performance.now();
    const applied = await migrate(db, Date.now());
    if (applied.length > 0) log(`cached history migrated (${applied.join(', ')}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await db.close();
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}
