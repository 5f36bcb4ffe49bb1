import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { OfficeConfig } from '../../protocol/office.ts';
import { loadOfficeConfig } from '../../server/config/office.ts';
import { createLogger } from '../../server/logger.ts';
import { accessesReport, monthlyReport } from '../../server/reports/accesses.ts';
import { heatmapReport } from '../../server/reports/heatmap.ts';
import { outcomesReport } from '../../server/reports/outcomes.ts';
import { loadFigures } from '../../server/reports/reportData.ts';
import { timesReport } from '../../server/reports/times.ts';
import { Reports } from '../../server/reports/reports.ts';
import { simulate } from '../../server/simulation/simulate.ts';
import { Db } from '../../server/store/db.ts';

const demoPath = fileURLToPath(new URL('../../config/office.demo.json', import.meta.url));
const monthlyMigration = fileURLToPath(new URL('../../server/store/migrations/0011-monthly-stats.sql', import.meta.url));
const compactMigration = fileURLToPath(new URL('../../server/store/migrations/0015-compact-month-histograms.sql', import.meta.url));

/**
 * The migrations' statements that fill `monthly_stats` from the days rolled up before it existed (histograms
 * as objects), then turn its histograms into the compact form.
 */
async function backfillMonths(db: Db): Promise<void> {
  const sql = await readFile(monthlyMigration, 'utf8');
  await db.run('DELETE FROM monthly_stats');
  await db.exec(sql.slice(sql.indexOf('\nWITH\n')));
  await db.exec(await readFile(compactMigration, 'utf8'));
}

type MonthRow = Record<string, string | number>;
/** monthly_stats with its histograms parsed, so that the order of their keys does not matter. */
async function monthRows(db: Db) {
  const rows = await db.all<MonthRow>('SELECT * FROM monthly_stats ORDER BY month, service_id, desk_id');
  return rows.map((r): Record<string, unknown> => ({ ...r, wait_hist: JSON.parse(String(r.wait_hist)), service_hist: JSON.parse(String(r.service_hist)), outcomes: JSON.parse(String(r.outcomes)) }));
}

/**
 * The accesses, monthly and heat-map reports sum the roll-ups in SQL (per day, per day and hour); the
 * other reports read every roll-up row. Both must give the same figures, rolled-up and live days alike.
 */
describe('reports summed in SQL give the figures of the roll-up rows', function () {
  this.timeout(60_000);
  let dir: string;
  let db: Db;
  let office: OfficeConfig;
  let reports: Reports;
  let rolledMonths: Awaited<ReturnType<typeof monthRows>>;
  let backfilledMonths: typeof rolledMonths;
  const now = Date.parse('2026-04-04T16:00:00Z');

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pc-report-sums-'));
    office = await loadOfficeConfig(demoPath);
    const dbPath = join(dir, 'hub.db');
    // Two weeks across the change to summer time (29 March) and a month end.
    await simulate({ dbPath, office, from: '2026-03-23', to: '2026-04-04', monthly: [1_400, 500], seed: 3 });
    db = await Db.open(dbPath);
    rolledMonths = await monthRows(db);
    await backfillMonths(db);
    backfilledMonths = await monthRows(db);
    // The last day as if it were today: not rolled up yet, so the reports compute it from its tickets.
    for (const table of ['daily_stats', 'daily_arrivals', 'daily_desk_public', 'rolled_up_days']) {
      await db.run(`DELETE FROM ${table} WHERE day = '2026-04-04'`);
    }
    await backfillMonths(db);
    reports = new Reports(db, () => office, () => now, createLogger('silent'));
  });
  after(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const filters = [{}, { service: 'identity-card' }, { desk: 'desk-2' }, { service: 'registry-certificates', desk: 'desk-1' }, { desk: 'back-1' }];
  const rows = (filter: object, from: string, to: string) => loadFigures(db, office, { ...filter, from, to }, now);

  it('monthly: the same twelve months and total, all 1,900 tickets counted with the live day', async () => {
    for (const filter of filters) {
      const expected = monthlyReport((await rows(filter, '2026-01-01', '2026-12-31')).stats, 2026);
      expect(await reports.monthly(2026, filter), JSON.stringify(filter)).to.deep.equal(expected);
    }
    expect((await reports.monthly(2026, {})).total.issued).to.equal(1_900);
  });

  it('accesses: the same rows by day, week and month, over ranges that end before, on and after the live day', async () => {
    for (const filter of filters) {
      for (const [from, to] of [['2026-03-20', '2026-03-31'], ['2026-03-25', '2026-04-04'], ['2026-04-01', '2026-04-30']] as const) {
        for (const by of ['day', 'week', 'month'] as const) {
          const expected = accessesReport((await rows(filter, from, to)).stats, from, to, by);
          expect(await reports.accesses({ ...filter, from, to }, by), `${JSON.stringify(filter)} ${from}…${to} by ${by}`).to.deep.equal(expected);
        }
      }
    }
    for (const [from, to] of [['2026-03-25', '2026-04-04'], ['2026-04-04', '2026-04-04'], ['2026-04-03', '2026-04-03']] as const) {
      const tickets = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM tickets WHERE day BETWEEN ? AND ?', [from, to]);
      expect(tickets?.n).to.be.greaterThan(0);
      expect((await reports.accesses({ from, to }, 'day')).total.issued, `${from}…${to}`).to.equal(tickets?.n);
    }
  });

  it('heat map: the same cells and averages per weekday, with and without a service filter', async () => {
    for (const filter of [{}, { service: 'identity-card' }, { desk: 'desk-3' }]) {
      const expected = heatmapReport((await rows(filter, '2026-03-01', '2026-04-30')).arrivals, '2026-03-01', '2026-04-30');
      const heatmap = await reports.heatmap({ ...filter, from: '2026-03-01', to: '2026-04-30' });
      expect(heatmap, JSON.stringify(filter)).to.deep.equal(expected);
      expect(heatmap.cells.some((c) => c.arrivals > 0)).to.equal(true);
    }
  });

  it('monthly roll-ups: each day rolled up is added to its month as the migrations sum the days they find, histograms in the same compact form', () => {
    expect(rolledMonths.map((r) => `${String(r.month)} ${String(r.service_id)} ${String(r.desk_id)}`)).to.include('2026-04 identity-card desk-2');
    expect(rolledMonths.filter((r) => Array.isArray(r['wait_hist']) && (r['wait_hist'] as number[]).some((code) => code < 0)), 'some with skipped minutes').to.not.be.empty;
    expect(rolledMonths.reduce((n, r) => n + Number(r.issued), 0)).to.equal(1_900);
    expect(rolledMonths).to.deep.equal(backfilledMonths);
  });

  it('times and outcomes: whole months read from the monthly roll-ups give the figures of the daily rows', async () => {
    const ranges = [
      ['2026-01-01', '2026-12-31'], ['2026-03-01', '2026-03-31'], ['2026-03-01', '2026-04-30'], ['2026-03-25', '2026-04-04'],
      ['2026-03-24', '2026-03-30'], ['2026-04-01', '2026-04-03'], ['2026-04-02', '2026-04-04'], ['2026-03-23', '2026-04-02'],
    ] as const;
    for (const filter of filters) {
      for (const [from, to] of ranges) {
        const daily = await rows(filter, from, to);
        const label = `${JSON.stringify(filter)} ${from}…${to}`;
        expect(await reports.times({ ...filter, from, to }), label).to.deep.equal(timesReport(daily.stats, daily.deskPublic, from, to, office.policy.firstContactTarget));
        expect(await reports.outcomes({ ...filter, from, to }), label).to.deep.equal(outcomesReport(daily.stats, from, to));
      }
    }
    expect((await reports.times({ from: '2026-01-01', to: '2026-12-31' })).overall.served).to.be.greaterThan(1_000);
    const aiming = new Reports(db, () => ({ ...office, policy: { ...office.policy, firstContactTarget: 0.9 } }), () => now, createLogger('silent'));
    expect((await aiming.times({ from: '2026-03-01', to: '2026-03-31' })).firstContact.target, "the office's own target").to.equal(0.9);
  });
});
