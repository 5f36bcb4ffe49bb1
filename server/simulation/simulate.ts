import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { OfficeConfig } from '../../protocol/office.ts';
import { dayStart, nextDay } from '../engine/calendar.ts';
import { rollUpClosedDays } from '../reports/rollup.ts';
import { Db } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { openQueue } from '../store/openQueue.ts';
import { QueueStore } from '../store/queueStore.ts';
import { dailyCounts, arrivalsOfDay } from './arrivalPlan.ts';
import { drawCitizen } from './citizen.ts';
import { checkRange, monthOf, refuseUnfinishedDays, SimulationError } from './days.ts';
import { refuseEarlierHistory } from './existingHistory.ts';
import { simulateDay, type Floor } from './officeDay.ts';
import { checkOutcomeTargets, planOutcomes, plannedOutcomes, type Finish, type OutcomeTarget } from './outcomeTargets.ts';
import { Random } from './random.ts';
import { serviceMix } from './serviceMix.ts';
import { SimulatedEngine } from './simulatedEngine.ts';
import type { SimulationSummary } from './summary.ts';
import { Tally } from './tally.ts';

export interface SimulationOptions {
  /** The SQLite file (created with its folder if missing). */
  dbPath: string;
  /** Seeds a new database; a database that already has an office config keeps its own, as the hub does. */
  office: OfficeConfig;
  /** First and last simulated day, office-local, 'YYYY-MM-DD', both included; `to` must be before today. */
  from: string;
  to: string;
  /** Tickets per calendar month the range touches (a partial month's figure is for its days in the range). */
  monthly: readonly number[];
  seed?: number;
  /** Only the first N front desks open; the others are set to `closed`. */
  frontDesks?: number;
  /** Exact totals of these outcomes over the whole range (`--outcomes code=N,…`); the other served tickets record the others. */
  outcomes?: readonly OutcomeTarget[];
  /** Progress lines (one per month). */
  log?: (line: string) => void;
  /** The present moment (default `Date.now()`): it says which office day is today, the first one that cannot be simulated. */
  now?: number;
}

/**
 * Writes a stretch of office history into a database by running the real queue engine on a simulated
 * clock: exactly `monthly[i]` tickets in each month, desks calling and serving them, events logged with
 * consecutive seq numbers. Same options, same database content.
 */
export async function simulate(options: SimulationOptions): Promise<SimulationSummary> {
  const started = performance.now();
  const { from, to, monthly } = options;
  const seed = options.seed ?? 1;
  const months = checkRange(from, to, monthly);
  if (!Number.isSafeInteger(seed)) throw new SimulationError(`--seed must be a whole number, not "${seed}".`);
  if (options.dbPath !== ':memory:') await mkdir(dirname(options.dbPath), { recursive: true, mode: 0o700 });

  const db = await Db.open(options.dbPath);
  try {
    await migrate(db, Date.parse(`${from}T00:00:00Z`));
    const office = (await new QueueStore(db).load()).office ?? options.office;
    refuseUnfinishedDays(to, options.now ?? Date.now(), office.timeZone);
    await refuseEarlierHistory(db, office.timeZone, from);
    const { frontDeskIds, closedDesks } = frontDesksInUse(office, options.frontDesks);
    const targets = options.outcomes ?? [];
    let outcomesFor: OutcomesHook | undefined;
    if (targets.length > 0) {
      checkOutcomeTargets(office, targets, monthly.reduce((n, m) => n + m, 0));
      // A first run into memory, same seed and desks: which services the served tickets end in, on which days.
      // A database with history is copied first, so that the first run starts from the same state as the real one.
      const finishes: Finish[] = [];
      const copyDir = (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM events'))!.n > 0 ? await mkdtemp(join(tmpdir(), 'pc-simulate-plan-')) : null;
      if (copyDir) await db.run('VACUUM INTO ?', [join(copyDir, 'plan.db')]);
      const scratch = await Db.open(copyDir ? join(copyDir, 'plan.db') : ':memory:');
      try {
        await migrate(scratch, Date.parse(`${from}T00:00:00Z`));
        await playDays(scratch, office, withoutLog(options), frontDeskIds, (serviceId, day, drawn) => {
          finishes.push({ serviceId, day });
          return [...drawn];
        });
      } finally {
        await scratch.close();
        if (copyDir) await rm(copyDir, { recursive: true, force: true });
      }
      outcomesFor = plannedOutcomes(office, planOutcomes(office, finishes, targets, new Random(seed, 'outcomes')), targets);
    }
    const { tally, engine, opened, floor } = await playDays(db, office, options, frontDeskIds, outcomesFor);

    const issued = months.map((month) => ({ month, issued: tally.issuedByMonth.get(month) ?? 0 }));
    const wrong = issued.find((m, i) => m.issued !== monthly[i]);
    if (wrong) throw new Error(`${wrong.month}: ${wrong.issued} tickets issued instead of ${monthly[months.indexOf(wrong.month)]}.`);
    // Every simulated day is closed now: the reports' daily roll-ups, as the hub writes them for past days.
    const rolledUpDays = await rollUpClosedDays(db, floor.office, nextDay(to));
    if (targets.length > 0) await checkOutcomeTotals(db, from, to, targets);
    return {
      from,
      to,
      seed,
      frontDesks: options.frontDesks === undefined ? null : frontDeskIds,
      closedDesks,
      months: issued,
      issued: issued.reduce((sum, m) => sum + m.issued, 0),
      served: tally.served,
      noShows: tally.noShows,
      transfers: tally.transfers,
      expired: tally.expired,
      meanWaitMinutes: tally.waits.mean(),
      p90WaitMinutes: tally.waits.quantile(0.9),
      backDeskOpenings: tally.backDeskOpenings,
      firstSeq: opened.lastSeq + 1,
      lastSeq: engine.seq,
      rolledUpDays,
      elapsedMs: performance.now() - started,
    };
  } finally {
    await db.close();
  }
}

function withoutLog(options: SimulationOptions): SimulationOptions {
  const { log: _log, ...rest } = options;
  return rest;
}

type OutcomesHook = NonNullable<Floor['outcomesFor']>;

/** Runs the range's days through the engine into `db`: the simulation proper. */
async function playDays(db: Db, office: OfficeConfig, options: SimulationOptions, frontDeskIds: string[], outcomesFor?: OutcomesHook) {
  const { from, to, monthly } = options;
  const seed = options.seed ?? 1;
  const plan = dailyCounts(office, from, to, monthly, new Random(seed, 'months'));
  const mix = serviceMix(office);
  const opened = await openQueue(db, office, dayStart(from, office.timeZone));
  const tally = new Tally();
  const engine = new SimulatedEngine(opened.state, opened.lastSeq, opened.store, (e, after) => tally.observe(e, after));
  const floor: Floor = {
    engine, office: opened.state.office, frontDeskIds: new Set(frontDeskIds), behaviour: new Random(seed, 'desks'), ...(outcomesFor ? { outcomesFor } : {}),
  };
  for (const [i, { day, count }] of plan.entries()) {
    const random = new Random(seed, 'arrivals', day);
    const arrivals = arrivalsOfDay(office, day, count, random).map((at) => ({ at, citizen: drawCitizen(office, mix, random, day) }));
    await simulateDay(floor, day, arrivals);
    const month = monthOf(day);
    if (options.log && plan[i + 1]?.day.slice(0, 7) !== month) {
      options.log(`${month}: ${tally.issuedByMonth.get(month) ?? 0} tickets`);
    }
  }
  // The last day closes at its midnight, as the hub's timer would close it.
  await engine.advanceTo(dayStart(nextDay(to), office.timeZone));
  await engine.flush();
  return { tally, engine, opened, floor };
}

/** The targeted outcomes as the roll-ups count them: exactly the totals asked for, or the run is reported as failed. */
async function checkOutcomeTotals(db: Db, from: string, to: string, targets: readonly OutcomeTarget[]): Promise<void> {
  const rows = await db.all<{ code: string; n: number }>(
    'SELECT j.key AS code, SUM(j.value) AS n FROM daily_stats, json_each(outcomes) AS j WHERE day BETWEEN ? AND ? GROUP BY j.key',
    [from, to],
  );
  const counted = new Map(rows.map((r) => [r.code, r.n]));
  const wrong = targets.find((t) => (counted.get(t.code) ?? 0) !== t.total);
  if (wrong) throw new Error(`${wrong.code}: ${counted.get(wrong.code) ?? 0} recorded instead of ${wrong.total}.`);
}

function frontDesksInUse(office: OfficeConfig, wanted: number | undefined): { frontDeskIds: string[]; closedDesks: string[] } {
  const front = office.desks.filter((d) => d.kind === 'front').map((d) => d.id);
  if (wanted === undefined) return { frontDeskIds: front, closedDesks: [] };
  if (!Number.isSafeInteger(wanted) || wanted < 1 || wanted > front.length) {
    throw new SimulationError(`--front-desks must be a whole number from 1 to ${front.length} (the office's front desks), not "${wanted}".`);
  }
  return { frontDeskIds: front.slice(0, wanted), closedDesks: front.slice(wanted) };
}
