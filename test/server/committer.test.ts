import { expect } from 'chai';
import { Committer } from '../../server/commands/committer.ts';
import { createLogger } from '../../server/logger.ts';
import { Db } from '../../server/store/db.ts';
import { migrate } from '../../server/store/migrate.ts';
import { openQueue } from '../../server/store/openQueue.ts';
import { testOffice } from '../helpers/office.ts';

describe('the committer (single writer, group commit)', () => {
  it('writes a batch that spans local midnight: the day\'s last ticket is stored as it ended, the new day starts clean', async () => {
    const db = await Db.open(':memory:');
    try {
      const start = Date.parse('2026-11-24T22:50:00Z'); // 23:50 in Rome
      await migrate(db, start);
      const opened = await openQueue(db, testOffice(), start);
      // The clock the committer reads: one instant per command, in order.
      const instants = [start, start + 60_000, start + 120_000, Date.parse('2026-11-24T23:00:30Z')];
      let now = start;
      const clock = () => instants.shift() ?? now;
      const committer = new Committer(opened.state, opened.lastSeq, opened.store, clock, createLogger('silent'));
      const issued = await committer.submit({ type: 'ticket:issue', serviceId: 'certs' });
      expect(issued.ok).to.equal(true);
      await committer.submit({ type: 'desk:call-next', deskId: 'desk-1' });
      now = Date.parse('2026-11-24T23:01:00Z');
      // Finished at 23:52 and a new ticket at 00:00:30 arrive together: one transaction, across the rollover.
      const [finished, next] = await Promise.all([
        committer.submit({ type: 'desk:finish', deskId: 'desk-1', outcomes: [] }),
        committer.submit({ type: 'ticket:issue', serviceId: 'certs' }),
      ]);
      expect(finished.ok, JSON.stringify(finished)).to.equal(true);
      expect(next.ok, JSON.stringify(next)).to.equal(true);
      const rows = await db.all<{ day: string; number: string; status: string }>('SELECT day, number, status FROM tickets ORDER BY id');
      expect(rows).to.deep.equal([
        { day: '2026-11-24', number: 'A001', status: 'done' },
        { day: '2026-11-25', number: 'A001', status: 'waiting' },
      ]);
    } finally {
      await db.close();
    }
  });
});
