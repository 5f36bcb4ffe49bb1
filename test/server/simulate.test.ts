import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { OfficeConfig } from '../../protocol/office.ts';
import { loadOfficeConfig } from '../../server/config/office.ts';
import { dayOf, isWithin, openingIntervals, type Interval } from '../../server/engine/calendar.ts';
import { monthsBetween, previousDay } from '../../server/simulation/days.ts';
import { simulate } from '../../server/simulation/simulate.ts';
import type { SimulationSummary } from '../../server/simulation/summary.ts';
import { Db } from '../../server/store/db.ts';
import { startTestHub } from '../helpers/hub.ts';
import { refusal } from '../helpers/refusal.ts';

const run = promisify(execFile);
const demoPath = fileURLToPath(new URL('../../config/office.demo.json', import.meta.url));
const scandicci2018 = [3366, 4694, 3962, 4038, 3648, 4523, 4383, 3166, 4169, 2096];

async function query<T>(dbPath: string, sql: string): Promise<T[]> {
  const db = await Db.open(dbPath);
  try {
    return await db.all<T>(sql);
  } finally {
    await db.close();
  }
}

describe('npm run simulate: office history through the real engine', function () {
  this.timeout(120_000);
  let dir: string;
  let office: OfficeConfig;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pc-simulate-'));
    office = await loadOfficeConfig(demoPath);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('Scandicci, 1 January to 15 October 2018', () => {
    let dbPath: string;
    let summary: SimulationSummary;
    before(async () => {
      dbPath = join(dir, 'scandicci-2018', 'hub.db'); // hub.db: the name startTestHub opens in a folder
      summary = await simulate({ dbPath, office, from: '2018-01-01', to: '2018-10-15', monthly: scandicci2018, seed: 1 });
    });

    it('issues exactly each month’s figure, as SQLite counts them', async () => {
      const rows = await query<{ month: string; n: number }>(dbPath, 'SELECT substr(day, 1, 7) AS month, COUNT(*) AS n FROM tickets GROUP BY month ORDER BY month');
      expect(rows.map((r) => r.n)).to.deep.equal(scandicci2018);
      expect(rows[0]!.month).to.equal('2018-01');
      expect(summary.months.map((m) => m.issued)).to.deep.equal(scandicci2018);
      expect(summary.issued).to.equal(38_045);
    });

    it('issues every ticket inside the office’s opening hours of its day', async () => {
      const rows = await query<{ day: string; issued_at: number }>(dbPath, 'SELECT day, issued_at FROM tickets');
      const hours = new Map<string, Interval[]>();
      const outside = rows.filter((r) => {
        if (!hours.has(r.day)) hours.set(r.day, openingIntervals(office, r.day));
        return !isWithin(hours.get(r.day)!, r.issued_at);
      });
      expect(outside).to.deep.equal([]);
    });

    it('logs events with seq numbers 1..N, no gaps, in time order', async () => {
      const [stats] = await query<{ first: number; last: number; n: number; disorder: number }>(
        dbPath,
        `SELECT MIN(seq) AS first, MAX(seq) AS last, COUNT(*) AS n,
           (SELECT COUNT(*) FROM events e JOIN events p ON p.seq = e.seq - 1 WHERE e.at < p.at) AS disorder FROM events`,
      );
      expect(stats).to.deep.equal({ first: 1, last: summary.lastSeq, n: summary.lastSeq, disorder: 0 });
    });

    it('never lets two desks claim a ticket: after its last transfer, one desk calls it', async () => {
      const rows = await query<{ ticket_id: number; type: string; desk_id: string }>(
        dbPath,
        "SELECT ticket_id, type, desk_id FROM events WHERE type IN ('ticket:called', 'ticket:transferred') ORDER BY ticket_id, seq",
      );
      const callers = new Map<number, Set<string>>();
      for (const r of rows) {
        if (r.type === 'ticket:transferred' || !callers.has(r.ticket_id)) callers.set(r.ticket_id, new Set());
        if (r.type === 'ticket:called') callers.get(r.ticket_id)!.add(r.desk_id);
      }
      const shared = [...callers].filter(([, desks]) => desks.size > 1);
      expect(shared).to.deep.equal([]);
      expect(callers.size).to.equal(38_045);
    });

    it('closes every day: served, no-shows and expired tickets add up, none left open', async () => {
      const open = await query<{ n: number }>(dbPath, "SELECT COUNT(*) AS n FROM tickets WHERE status IN ('waiting', 'called', 'serving', 'parked')");
      expect(open[0]!.n).to.equal(0);
      expect(summary.served + summary.noShows + summary.expired).to.equal(summary.issued);
      expect(summary.noShows / summary.issued).to.be.closeTo(0.04, 0.01);
      expect(summary.transfers / summary.issued).to.be.closeTo(0.03, 0.01);
      expect(summary.meanWaitMinutes).to.be.above(0);
      expect(summary.p90WaitMinutes).to.be.above(summary.meanWaitMinutes!);
    });

    it('puts back-office desks’ time on the public in the event log: they call only while switched to front', async () => {
      expect(summary.backDeskOpenings).to.be.above(0);
      const rows = await query<{ type: string; desk_id: string; data: string }>(
        dbPath,
        "SELECT type, desk_id, data FROM events WHERE desk_id LIKE 'back-%' AND type IN ('desk:changed', 'ticket:called') ORDER BY seq",
      );
      const mode = new Map<string, string>();
      let calls = 0;
      for (const r of rows) {
        if (r.type === 'desk:changed') mode.set(r.desk_id, (JSON.parse(r.data) as { to: string }).to);
        else {
          calls += 1;
          expect(mode.get(r.desk_id), `${r.desk_id} calling`).to.equal('front');
        }
      }
      expect(calls).to.be.above(0);
    });

    it('rolls every simulated day up for the reports, as the hub does for closed days', async () => {
      const [rolled] = await query<{ n: number; first: string; last: string }>(
        dbPath,
        'SELECT COUNT(*) AS n, MIN(day) AS first, MAX(day) AS last FROM rolled_up_days',
      );
      const [open] = await query<{ n: number }>(dbPath, 'SELECT COUNT(DISTINCT day) AS n FROM tickets');
      expect(rolled).to.deep.equal({ n: open!.n, first: '2018-01-01', last: '2018-10-15' });
      expect(summary.rolledUpDays).to.equal(open!.n);
    });

    it('gives exactly those figures in the hub\'s monthly report (JSON and CSV), and reports that add up', async () => {
      // A hub opened on the simulated database the day after, as a manager would.
      const hub = await startTestHub({ dir: dirname(dbPath), office, clock: () => Date.parse('2018-10-16T07:00:00Z') });
      try {
        const manager = await hub.loginAs('direttrice', 'manager');
        const monthly = (await hub.request('GET', '/api/reports/monthly?year=2018', undefined, manager)).body;
        expect(monthly.months.map((m: { issued: number }) => m.issued)).to.deep.equal([...scandicci2018, 0, 0]);
        expect(monthly.total.issued).to.equal(38_045);
        expect(monthly.total.served).to.equal(summary.served);
        expect(monthly.total.noShows).to.equal(summary.noShows);
        const csv = await fetch(`${hub.url}/api/reports/monthly?year=2018&format=csv&lang=en`, { headers: { authorization: `Bearer ${manager}` } });
        const lines = (await csv.text()).trim().split('\r\n');
        expect(lines.slice(1, 11).map((l) => Number(l.split(',')[1]))).to.deep.equal(scandicci2018);
        expect(lines[13]!.split(',').slice(0, 2)).to.deep.equal(['Total', '38045']);

        const times = (await hub.request('GET', '/api/reports/times?from=2018-01-01&to=2018-12-31', undefined, manager)).body;
        expect(times.firstContact.firstLevel + times.firstContact.secondLevel).to.equal(summary.served);
        expect(times.byService.reduce((n: number, r: { served: number }) => n + r.served, 0)).to.equal(summary.served);
        expect(times.overall.wait.median).to.be.at.most(times.overall.wait.p90);
        expect(times.backDesks.length, 'back desks spent time on the public').to.be.above(0);
        const heatmap = (await hub.request('GET', '/api/reports/heatmap?from=2018-01-01&to=2018-12-31', undefined, manager)).body;
        expect(heatmap.cells.reduce((n: number, c: { arrivals: number }) => n + c.arrivals, 0)).to.equal(38_045);
        expect(heatmap.cells.filter((c: { weekday: string; arrivals: number }) => c.weekday === 'sun' && c.arrivals > 0)).to.deep.equal([]);
      } finally {
        await hub.close();
      }
    });

    it('refuses to write history before the days the database already holds', async () => {
      const message = await refusal(() =>
        simulate({ dbPath, office, from: '2018-03-01', to: '2018-03-31', monthly: [100], seed: 1 }),
      );
      expect(message).to.match(/simulate into a new database or after 2018-10-15/i);
      const [last] = await query<{ seq: number }>(dbPath, 'SELECT MAX(seq) AS seq FROM events');
      expect(last!.seq).to.equal(summary.lastSeq);
    });
  });

  describe('what-if runs and continuations', () => {
    const week = { from: '2018-02-05', to: '2018-02-10', monthly: [1100] };

    it('a week with 2 front desks has a longer mean wait than with 4, and the other desks stay closed', async () => {
      const two = await simulate({ dbPath: join(dir, 'two.db'), office, ...week, seed: 3, frontDesks: 2 });
      const four = await simulate({ dbPath: join(dir, 'four.db'), office, ...week, seed: 3, frontDesks: 4 });
      expect(two.issued).to.equal(1100);
      expect(four.issued).to.equal(1100);
      expect(two.meanWaitMinutes!).to.be.above(four.meanWaitMinutes! * 1.5);
      expect(two.frontDesks).to.deep.equal(['desk-1', 'desk-2']);
      expect(two.closedDesks).to.deep.equal(['desk-3', 'desk-4']);
      const calls = await query<{ desk_id: string }>(join(dir, 'two.db'), "SELECT DISTINCT desk_id FROM events WHERE type = 'ticket:called'");
      expect(calls.map((c) => c.desk_id)).to.not.include.members(['desk-3', 'desk-4']);
      const closed = await query<{ desk_id: string; data: string }>(join(dir, 'two.db'), "SELECT desk_id, data FROM events WHERE type = 'desk:changed' AND desk_id IN ('desk-3', 'desk-4')");
      const changes = closed.map((c) => ({ deskId: c.desk_id, ...(JSON.parse(c.data) as { from: string; to: string }) }));
      expect(changes).to.deep.equal([
        { deskId: 'desk-3', from: 'front', to: 'closed' },
        { deskId: 'desk-4', from: 'front', to: 'closed' },
      ]);
    });

    it('the same seed writes the same database, another seed a different one', async () => {
      const dump = (file: string) =>
        Promise.all(
          ['SELECT * FROM tickets ORDER BY id', 'SELECT * FROM events ORDER BY seq', 'SELECT * FROM engine_meta ORDER BY key', 'SELECT * FROM daily_stats ORDER BY day, service_id, desk_id']
            .map((sql) => query(join(dir, file), sql)),
        );
      await simulate({ dbPath: join(dir, 'a.db'), office, ...week, seed: 5 });
      await simulate({ dbPath: join(dir, 'b.db'), office, ...week, seed: 5 });
      await simulate({ dbPath: join(dir, 'c.db'), office, ...week, seed: 6 });
      const [a, b, c] = await Promise.all([dump('a.db'), dump('b.db'), dump('c.db')]);
      expect(b).to.deep.equal(a);
      expect(c).to.not.deep.equal(a);
    });

    it('continues a database after its last day, seq numbers running on', async () => {
      const dbPath = join(dir, 'continued.db');
      const first = await simulate({ dbPath, office, ...week, seed: 7 });
      const next = await simulate({ dbPath, office, from: '2018-02-11', to: '2018-03-03', monthly: [2000, 300], seed: 7 });
      expect(next.firstSeq).to.equal(first.lastSeq + 1);
      const [stats] = await query<{ n: number; last: number }>(dbPath, 'SELECT COUNT(*) AS n, MAX(seq) AS last FROM events');
      expect(stats).to.deep.equal({ n: next.lastSeq, last: next.lastSeq });
      const months = await query<{ month: string; n: number }>(dbPath, 'SELECT substr(day, 1, 7) AS month, COUNT(*) AS n FROM tickets GROUP BY month');
      expect(months).to.deep.equal([{ month: '2018-02', n: 3100 }, { month: '2018-03', n: 300 }]);
    });

    it('refuses bad options before writing anything', async () => {
      const dbPath = join(dir, 'untouched.db');
      expect(await refusal(() => simulate({ dbPath, office, ...week, frontDesks: 5 }))).to.match(/--front-desks must be a whole number from 1 to 4/);
      expect(await refusal(() => simulate({ dbPath, office, ...week, monthly: [1, 2] }))).to.match(/exactly one figure per month/);
      expect(await refusal(() => simulate({ dbPath, office, from: '2018-02-11', to: '2018-02-11', monthly: [5] }))).to.match(
        /2018-02 has 5 tickets but the office is not open/,
      );
      const [events] = await query<{ n: number }>(dbPath, 'SELECT COUNT(*) AS n FROM events');
      const [meta] = await query<{ n: number }>(dbPath, 'SELECT COUNT(*) AS n FROM engine_meta');
      expect([events!.n, meta!.n]).to.deep.equal([0, 0]);
    });
  });
  describe('only days that are over: a live office is never touched', () => {
    // Monday 15 October 2018, 10:00 in Rome: the office has been open for two hours.
    const now = Date.parse('2018-10-15T08:00:00Z');
    const countRows = async (dbPath: string) => {
      const [row] = await query<{ tickets: number; events: number }>(dbPath, 'SELECT (SELECT COUNT(*) FROM tickets) AS tickets, (SELECT COUNT(*) FROM events) AS events');
      return row;
    };

    it('refuses a range that reaches today, or the future, and writes nothing', async () => {
      const dbPath = join(dir, 'today.db');
      const today = await refusal(() => simulate({ dbPath, office, from: '2018-09-25', to: '2018-10-15', monthly: [300, 600], seed: 1, now }));
      expect(today).to.equal(
        '--to 2018-10-15 is today in the office\'s time zone (Europe/Rome): the simulator writes only days that are over, ' +
          'so that a hub opened on this database today finds today untouched. End the range on 2018-10-14 or earlier.',
      );
      const future = await refusal(() => simulate({ dbPath, office, from: '2018-10-16', to: '2018-10-20', monthly: [300], seed: 1, now }));
      expect(future).to.match(/^--to 2018-10-20 is in the future in the office's time zone \(Europe\/Rome\).*End the range on 2018-10-14 or earlier\.$/);
      expect(await countRows(dbPath)).to.deep.equal({ tickets: 0, events: 0 });
    });

    it('npm run simulate -- --from <20 days ago> --to <today> says so, exits 1 and leaves the database without a ticket', async () => {
      // A minute ahead: if midnight passes while the command starts, its today is still not after this one.
      const today = dayOf(Date.now() + 60_000, office.timeZone);
      let from = today;
      for (let i = 0; i < 20; i++) from = previousDay(from);
      const monthly = monthsBetween(from, today).map(() => 100);
      const env = { ...process.env, DB_PATH: join(dir, 'cli-today', 'hub.db'), OFFICE_CONFIG: demoPath };
      const failed = await run(process.execPath, ['--import', 'tsx', 'server/cli/simulate.ts', '--from', from, '--to', today, '--monthly', monthly.join(',')], { env }).then(
        () => expect.fail('the simulation ran'),
        (err: { code: number; stderr: string }) => err,
      );
      expect(failed.code).to.equal(1);
      expect(failed.stderr.trim()).to.match(/^--to \d{4}-\d{2}-\d{2} is (today|in the future) in the office's time zone \(Europe\/Rome\): .* End the range on \d{4}-\d{2}-\d{2} or earlier\.$/);
      expect(await countRows(env.DB_PATH)).to.deep.equal({ tickets: 0, events: 0 });
    });

    it('a range ending yesterday leaves today to the hub: the first ticket of the day is number 1', async () => {
      const folder = join(dir, 'until-yesterday');
      const summary = await simulate({ dbPath: join(folder, 'hub.db'), office, from: '2018-09-25', to: '2018-10-14', monthly: [300, 600], seed: 1, now });
      expect(summary.issued).to.equal(900);
      const hub = await startTestHub({ dir: folder, office, clock: () => now });
      try {
        const issued = await hub.issue({ serviceId: 'registry-certificates' });
        expect(issued.status).to.equal(201);
        expect(issued.body.ticket.number).to.equal('A001');
        const queue = (await hub.read('/api/queue')).body;
        expect(queue.day).to.equal('2018-10-15');
        expect(queue.waiting.map((t: { number: string }) => t.number)).to.deep.equal(['A001']);
      } finally {
        await hub.close();
      }
    });
  });
});
