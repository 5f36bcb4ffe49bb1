import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { historyDb, type HistoryDb } from '../../bench/history.ts';
import { measureReports } from '../../bench/reportQueries.ts';
import { timeOf, weekdayOf } from '../../server/engine/calendar.ts';
import { Db } from '../../server/store/db.ts';
import { createLogger } from '../../server/logger.ts';
import { Reports } from '../../server/reports/reports.ts';
import { QueueStore } from '../../server/store/queueStore.ts';

const tz = 'Europe/Rome';

interface TicketSig {
  day: string;
  number: string;
  issued_at: number;
  finished_at: number | null;
}

/** What identifies a day's tickets wherever it is copied: numbers and local issue and end times, in id order. */
function signature(rows: readonly TicketSig[]): string[] {
  return rows.map((r) => `${r.number} ${timeOf(r.issued_at, tz)}:${r.issued_at % 60_000} ${r.finished_at === null ? '-' : timeOf(r.finished_at, tz)}`);
}

describe('bench history: report-history databases replicated from simulated seed weeks', function () {
  this.timeout(20_000);
  let dir: string;
  let history: HistoryDb;
  let db: Db;
  const tickets = 2_000;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pc-history-'));
    // About 50 tickets per open day: 2,000 tickets span some seven weeks before 8 April 2026, across the
    // change to summer time on Sunday 29 March; the seed weeks are in February (winter time).
    history = await historyDb({ dir, tickets, endDay: '2026-04-08', seed: { weeks: 2, ticketsPerWeek: 300, frontDesks: 4 } });
    db = await Db.open(history.path);
  });
  after(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('holds exactly the tickets asked for, ids 1…N, and events numbered 1…M in time order', async () => {
    expect(history.tickets).to.equal(tickets);
    expect(await db.get('SELECT COUNT(*) AS n, MIN(id) AS lo, MAX(id) AS hi FROM tickets')).to.deep.equal({ n: tickets, lo: 1, hi: tickets });
    const events = await db.get<{ n: number; lo: number; hi: number }>('SELECT COUNT(*) AS n, MIN(seq) AS lo, MAX(seq) AS hi FROM events');
    expect(events).to.deep.equal({ n: history.events, lo: 1, hi: history.events });
    const backwards = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM (SELECT at, LAG(at) OVER (ORDER BY seq) AS before FROM events) WHERE at < before');
    expect(backwards?.n).to.equal(0);
  });

  it('copies only the events of copied tickets, their ticket ids rewritten in the data too', async () => {
    const orphans = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM events WHERE ticket_id IS NOT NULL AND ticket_id NOT IN (SELECT id FROM tickets)');
    expect(orphans?.n).to.equal(0);
    const mismatched = await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM events WHERE ticket_id IS NOT NULL AND json_extract(data, '$.ticketId') <> ticket_id");
    expect(mismatched?.n).to.equal(0);
    const issued = await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM events WHERE type = 'ticket:issued'");
    expect(issued?.n).to.equal(tickets);
  });

  it('spans the change to summer time and copies every day from a seed day of its weekday, local times kept', async () => {
    expect(history.firstDay < '2026-03-29' && history.lastDay > '2026-03-29').to.equal(true);
    const seedDays: { day: string; sig: string[] }[] = [];
    for (const seed of history.seeds) {
      const s = await Db.open(seed);
      try {
        const rows = await s.all<TicketSig>('SELECT day, number, issued_at, finished_at FROM tickets ORDER BY id');
        for (const day of new Set(rows.map((r) => r.day))) seedDays.push({ day, sig: signature(rows.filter((r) => r.day === day)) });
      } finally {
        await s.close();
      }
    }
    const rows = await db.all<TicketSig>('SELECT day, number, issued_at, finished_at FROM tickets ORDER BY id');
    const days = [...new Set(rows.map((r) => r.day))];
    expect(days).to.have.length(history.days);
    for (const [i, day] of days.entries()) {
      const sig = signature(rows.filter((r) => r.day === day));
      // The earliest day keeps only the first tickets of its seed day.
      const matches = seedDays.filter((s) => (i === 0 ? s.sig.slice(0, sig.length) : s.sig).join('|') === sig.join('|'));
      expect(matches, day).to.have.length(1);
      expect(weekdayOf(matches[0]!.day), day).to.equal(weekdayOf(day));
      expect(weekdayOf(day)).to.not.equal('sun');
    }
  });

  it('rolls up every day, as the hub does, with the arrivals in the same local hours as the seed', async () => {
    const rolled = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM rolled_up_days WHERE day IN (SELECT DISTINCT day FROM tickets)');
    expect(rolled?.n).to.equal(history.days);
    expect((await db.get<{ n: number }>('SELECT SUM(issued) AS n FROM daily_stats'))?.n).to.equal(tickets);
    expect((await db.get<{ n: number }>('SELECT SUM(arrivals) AS n FROM daily_arrivals'))?.n).to.equal(tickets);
    const outside = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM daily_arrivals WHERE hour < 8 OR hour > 18');
    expect(outside?.n, 'arrivals outside opening hours (08:00–18:30)').to.equal(0);
  });

  it('leaves the engine on the day after the history, nothing open, in WAL mode like the hub', async () => {
    const saved = await new QueueStore(db).load();
    expect(saved.state?.day).to.equal('2026-04-08');
    expect(saved.state?.tickets).to.deep.equal([]);
    expect(saved.state?.nextTicketId).to.equal(tickets + 1);
    expect(saved.lastSeq).to.equal(history.events);
    expect(saved.office?.desks.map((d) => d.id)).to.include('back-3');
    expect(await db.get('PRAGMA journal_mode')).to.deep.equal({ journal_mode: 'wal' });
  });

  it('reuses the cached database on the next call', async () => {
    const again = await historyDb({ dir, tickets, endDay: '2026-04-08', seed: { weeks: 2, ticketsPerWeek: 300, frontDesks: 4 } });
    expect(again.generatedMs).to.equal(null);
    expect({ ...again, generatedMs: 0, phasesMs: null }).to.deep.equal({ ...history, generatedMs: 0, phasesMs: null });
  });

  it('times the reports over the busiest year it holds', async () => {
    const figures = await measureReports(history, { warmRuns: 2 });
    expect(figures.year).to.equal(2026);
    expect(figures.rows.ticketsInYear).to.equal(tickets);
    for (const t of [figures.countScan, figures.monthly, figures.times, figures.heatmap]) {
      expect(t.coldMs).to.be.greaterThan(0);
      expect(t.warmMaxMs).to.be.at.least(t.warmMs);
    }
    // The reports it timed read the whole history: every ticket of the year in the monthly total and in the heat map.
    const office = (await new QueueStore(db).load()).office!;
    const reports = new Reports(db, () => office, Date.now, createLogger('silent'));
    const monthly = await reports.monthly(figures.year, {});
    expect(monthly.total.issued).to.equal(tickets);
    expect(monthly.months.reduce((sum, m) => sum + m.issued, 0)).to.equal(tickets);
    const heatmap = await reports.heatmap(figures.range);
    expect(heatmap.cells.reduce((sum, c) => sum + c.arrivals, 0)).to.equal(tickets);
  });

  it('brings a cached database written by older migrations up to the current ones before reusing it', async () => {
    // As before migration 0015: month histograms as objects minute → count.
    const last = await db.get<{ version: number }>('SELECT MAX(version) AS version FROM schema_migrations');
    expect(last?.version).to.be.at.least(15);
    await db.run('DELETE FROM schema_migrations WHERE version = 15');
    await db.run(`UPDATE monthly_stats SET wait_hist = '{"3":1}', service_hist = '{}'`);
    await historyDb({ dir, tickets, endDay: '2026-04-08', seed: { weeks: 2, ticketsPerWeek: 300, frontDesks: 4 } });
    expect(await db.get('SELECT MAX(version) AS version FROM schema_migrations')).to.deep.equal(last);
    expect(await db.all('SELECT DISTINCT wait_hist, service_hist FROM monthly_stats')).to.deep.equal([{ wait_hist: '[-3,1]', service_hist: '[]' }]);
  });
});
