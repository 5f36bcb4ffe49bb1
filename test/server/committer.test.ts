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
      const instants = [start, start, start + 60_000, start + 120_000, Date.parse('2026-11-24T23:00:30Z')];
      let now = start;
      const clock = () => instants.shift() ?? now;
      const committer = new Committer(opened.state, opened.lastSeq, opened.store, clock, createLogger('silent'));
      expect((await committer.submit({ type: 'desk:hold', deskId: 'desk-1', clerk: 'anna' })).ok).to.equal(true);
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

  it('fails only the command the database refuses: the others of its batch are applied again without it, commit and are answered', async () => {
    const db = await Db.open(':memory:');
    try {
      const now = Date.parse('2026-11-24T09:00:00Z');
      await migrate(db, now);
      const opened = await openQueue(db, testOffice(), now);
      // A row the hub does not know of holds the number B001 (say, written by a data tool): the first
      // identity-card ticket's insert breaks the unique number constraint.
      await db.run(
        "INSERT INTO tickets (id, day, seq, number, issued_service_id, service_id, status, priority, issued_at, recalls, outcomes, transfers) VALUES (900, '2026-11-24', 1, 'B001', 'idcard', 'idcard', 'done', 0, ?, 0, '[]', '[]')",
        [now],
      );
      const committer = new Committer(opened.state, opened.lastSeq, opened.store, () => now, createLogger('silent'));
      const first = committer.submit({ type: 'ticket:issue', serviceId: 'certs' }); // written alone; the rest queue behind it
      const batch = [
        ...Array.from({ length: 14 }, () => committer.submit({ type: 'ticket:issue', serviceId: 'certs' })),
        committer.submit({ type: 'ticket:issue', serviceId: 'idcard', requestId: 'tap-refused' }),
        ...Array.from({ length: 14 }, () => committer.submit({ type: 'ticket:issue', serviceId: 'info' })),
        committer.submit({ type: 'desk:call-next', deskId: 'back-1' }), // back-office mode: refused by the engine, as before
        committer.submit({ type: 'desk:mode', deskId: 'back-1', mode: 'front' }),
      ];
      const answers = await Promise.all([first, ...batch]);
      const failed = answers.flatMap((a, i) => (a.ok ? [] : [{ i, code: a.error.code }]));
      expect(failed).to.deep.equal([{ i: 15, code: 'storage-failed' }, { i: 30, code: 'desk-not-open' }]);

      const numbers = answers.flatMap((a) => (a.ok && a.value.ticketId !== undefined ? [committer.state.tickets.get(a.value.ticketId)!.number] : []));
      expect(numbers).to.deep.equal([
        ...Array.from({ length: 15 }, (_, i) => `A${String(i + 1).padStart(3, '0')}`),
        ...Array.from({ length: 14 }, (_, i) => `C${String(i + 1).padStart(3, '0')}`),
      ]);
      expect(committer.state.requestIds.has('tap-refused'), 'a refused tap is not remembered').to.equal(false);
      expect(committer.state.desks.get('back-1')!.mode).to.equal('front');
      // What the hub holds is what the database holds, and the event log has no gap.
      const rows = await db.all<{ id: number; number: string }>('SELECT id, number FROM tickets WHERE id <> 900 ORDER BY id');
      expect(rows.map((r) => r.number)).to.deep.equal(numbers);
      expect(rows.map((r) => r.id)).to.deep.equal(committer.state.tickets.values().map((t) => t.id));
      const seqs = (await db.all<{ seq: number }>('SELECT seq FROM events ORDER BY seq')).map((r) => r.seq);
      expect(seqs).to.deep.equal(seqs.map((_, i) => i + 1));
      expect(committer.seq).to.equal(seqs.length);
      expect(committer.storage.ok, 'a refused command is not a failing database').to.equal(true);
    } finally {
      await db.close();
    }
  });

  it('groups the commands that arrive during a write into one transaction and one committed event, and splits batches at maxBatch', async () => {
    const db = await Db.open(':memory:');
    try {
      const now = Date.parse('2026-11-24T09:00:00Z');
      await migrate(db, now);
      const opened = await openQueue(db, testOffice(), now);
      // The real store, with each commit's commands counted.
      const commits: number[] = [];
      const store = Object.create(opened.store) as typeof opened.store;
      store.commit = async (before, after, events) => {
        commits.push(events.filter((e) => e.event.type === 'ticket:issued').length);
        return opened.store.commit(before, after, events);
      };
      const committer = new Committer(opened.state, opened.lastSeq, store, () => now, createLogger('silent'), 8);
      const announced: number[] = [];
      committer.on('committed', (batch) => announced.push(batch.length));

      const first = committer.submit({ type: 'ticket:issue', serviceId: 'certs' }); // the writer starts on it alone
      const during = Array.from({ length: 20 }, () => committer.submit({ type: 'ticket:issue', serviceId: 'info' }));
      const answers = await Promise.all([first, ...during]);
      expect(answers.every((a) => a.ok)).to.equal(true);
      expect(commits, 'one transaction per batch: the first alone, then batches of at most 8').to.deep.equal([1, 8, 8, 4]);
      expect(announced, 'one committed event per batch').to.deep.equal([1, 8, 8, 4]);
      expect((await db.all('SELECT id FROM tickets')).length).to.equal(21);
    } finally {
      await db.close();
    }
  });
});
