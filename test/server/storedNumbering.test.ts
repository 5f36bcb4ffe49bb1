import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Db } from '../../server/store/db.ts';
import { startTestHub } from '../helpers/hub.ts';

/**
 * Numbering goes on from the tickets really stored: rows for today that the hub did not write itself
 * (a restored backup, a data tool run while the hub was stopped) never block a new number.
 */
describe('numbering from the tickets stored', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'punto-comune-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** Served tickets of `day` written straight into the database, as a data tool would. */
  async function storeServed(dbPath: string, day: string, at: number, tickets: [id: number, serviceId: string, prefix: string, seq: number][]) {
    const db = await Db.open(dbPath);
    try {
      for (const [id, serviceId, prefix, seq] of tickets) {
        await db.run(
          `INSERT INTO tickets (id, day, seq, number, issued_service_id, service_id, status, priority, issued_at, called_at, started_at, finished_at, desk_id, recalls, outcomes, transfers)
           VALUES (?, ?, ?, ?, ?, ?, 'done', 0, ?, ?, ?, ?, 'desk-1', 0, '[]', '[]')`,
          [id, day, seq, `${prefix}${String(seq).padStart(3, '0')}`, serviceId, serviceId, at, at, at, at + 60_000],
        );
      }
    } finally {
      await db.close();
    }
  }

  it('a hub last run yesterday continues today after the numbers already stored for today', async () => {
    let now = Date.parse('2026-11-23T09:00:00Z'); // Monday 10:00 in Rome
    const clock = () => now;
    const monday = await startTestHub({ dir, clock });
    expect((await monday.issue({ serviceId: 'certs' })).body.ticket.number).to.equal('A001');
    await monday.close();

    now = Date.parse('2026-11-24T09:00:00Z');
    await storeServed(monday.dbPath, '2026-11-24', now - 3_600_000, [[50, 'certs', 'A', 1], [51, 'certs', 'A', 2], [52, 'certs', 'A', 3], [53, 'info', 'C', 1]]);

    const tuesday = await startTestHub({ dir, clock });
    try {
      const numbers = [];
      for (const serviceId of ['certs', 'info', 'idcard']) {
        const res = await tuesday.issue({ serviceId });
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
        numbers.push(res.body.ticket.number);
      }
      expect(numbers).to.deep.equal(['A004', 'C002', 'B001']);
      const live = await tuesday.request('GET', '/api/reports/live', undefined, await tuesday.login());
      expect(live.body.desks.find((d: { deskId: string }) => d.deskId === 'desk-1').servedToday, 'the stored tickets count as served today').to.equal(4);
    } finally {
      await tuesday.close();
    }
  });

  it('a hub restarted on the same day continues after numbers stored while it was stopped', async () => {
    const now = Date.parse('2026-11-24T09:00:00Z');
    const first = await startTestHub({ dir, clock: () => now });
    expect((await first.issue({ serviceId: 'certs' })).body.ticket.number).to.equal('A001');
    await first.close();
    await storeServed(first.dbPath, '2026-11-24', now, [[20, 'certs', 'A', 2], [21, 'certs', 'A', 3]]);

    const again = await startTestHub({ dir, clock: () => now + 60_000 });
    try {
      const res = await again.issue({ serviceId: 'certs' });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body.ticket).to.include({ number: 'A004', id: 22 });
    } finally {
      await again.close();
    }
  });
});
