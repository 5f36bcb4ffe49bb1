import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyLogged } from '../../server/commands/committer.ts';
import { dayStart } from '../../server/engine/calendar.ts';
import { createState, EngineError } from '../../server/engine/index.ts';
import { SimulatedEngine } from '../../server/simulation/simulatedEngine.ts';
import { Db } from '../../server/store/db.ts';
import { migrate } from '../../server/store/migrate.ts';
import { openQueue } from '../../server/store/openQueue.ts';
import type { LoggedEvent } from '../../server/store/queueStore.ts';
import { testOffice } from '../helpers/office.ts';

const minute = 60_000;
const tz = 'Europe/Rome';

describe('simulation: the engine on a simulated clock', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pc-simengine-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('applyLogged() numbers a command’s events from lastSeq + 1, at its instant, with the ticket’s service', () => {
    const start = dayStart('2018-03-05', tz) + 9 * 60 * minute;
    const held = applyLogged(createState(testOffice(), start), { type: 'desk:hold', deskId: 'desk-1', clerk: 'anna' }, start, 40);
    const issued = applyLogged(held.state, { type: 'ticket:issue', serviceId: 'certs' }, start, 41);
    expect(issued.events).to.deep.equal([
      { seq: 42, at: start, event: { type: 'ticket:issued', ticketId: 1, deskId: null }, serviceId: 'certs', ticket: issued.state.tickets.get(1) },
    ]);
    const moved = applyLogged(
      applyLogged(issued.state, { type: 'desk:call-next', deskId: 'desk-1' }, start + minute, 42).state,
      { type: 'desk:transfer', deskId: 'desk-1', serviceId: 'idcard' },
      start + 2 * minute,
      43,
    );
    // The service right after the command: the transfer's target.
    expect(moved.events.map((e) => [e.seq, e.event.type, e.serviceId])).to.deep.equal([[44, 'ticket:transferred', 'idcard']]);
    expect(() => applyLogged(moved.state, { type: 'desk:call-next', deskId: 'back-1' }, start + 3 * minute, 44)).to.throw(EngineError);
  });

  it('run() logs consecutive seq numbers, rolls days over at midnight and writes batches the store can read back', async () => {
    const db = await Db.open(join(dir, 'q.db'));
    try {
      await migrate(db, 0);
      const monday = dayStart('2018-03-05', tz);
      const opened = await openQueue(db, testOffice(), monday);
      const seen: LoggedEvent[] = [];
      const engine = new SimulatedEngine(opened.state, opened.lastSeq, opened.store, (e) => seen.push(e), 3);
      const at = (day: string, h: number) => dayStart(day, tz) + h * 60 * minute;
      for (const day of ['2018-03-05', '2018-03-06']) {
        await engine.advanceTo(at(day, 8));
        if (day === '2018-03-05') await engine.run({ type: 'desk:hold', deskId: 'desk-1', clerk: 'anna' }, at(day, 8.5));
        await engine.run({ type: 'ticket:issue', serviceId: 'certs' }, at(day, 9));
        await engine.run({ type: 'ticket:issue', serviceId: 'info' }, at(day, 9.1));
        await engine.run({ type: 'desk:call-next', deskId: 'desk-1' }, at(day, 9.2));
        await engine.run({ type: 'desk:finish', deskId: 'desk-1', outcomes: [{ code: 'certificate', count: 1 }] }, at(day, 9.3));
      }
      const refused = await engine.run({ type: 'desk:start', deskId: 'desk-2' }, at('2018-03-06', 10));
      expect(refused).to.be.instanceOf(EngineError);
      await engine.advanceTo(at('2018-03-07', 0));
      await engine.flush();

      expect(seen.map((e) => e.seq)).to.deep.equal(seen.map((_, i) => i + 1));
      const rows = await db.all<{ seq: number; type: string; at: number }>('SELECT seq, type, at FROM events ORDER BY seq');
      expect(rows.map((r) => r.seq)).to.deep.equal(seen.map((e) => e.seq));
      // The midnight ticks: the info ticket left waiting each day expires at the local midnight.
      const expiries = rows.filter((r) => r.type === 'ticket:expired').map((r) => r.at);
      expect(expiries).to.deep.equal([at('2018-03-06', 0), at('2018-03-07', 0)]);
      const tickets = await db.all<{ day: string; status: string }>('SELECT day, status FROM tickets ORDER BY id');
      expect(tickets).to.deep.equal([
        { day: '2018-03-05', status: 'done' },
        { day: '2018-03-05', status: 'expired' },
        { day: '2018-03-06', status: 'done' },
        { day: '2018-03-06', status: 'expired' },
      ]);
      const day = await db.get<{ value: string }>("SELECT value FROM engine_meta WHERE key = 'day'");
      expect(JSON.parse(day!.value)).to.equal('2018-03-07');
      await expectAsyncThrow(() => engine.run({ type: 'clock:tick' }, at('2018-03-06', 23)), /backwards/);

      // The store reads back the state the simulated engine ended on: a hub started on this database goes on from it.
      const reopened = await openQueue(db, testOffice(), at('2018-03-07', 0));
      const { tickets: liveTickets, ...live } = engine.state;
      const { tickets: readTickets, ...read } = reopened.state;
      expect(read).to.deep.equal(live);
      expect(readTickets.values()).to.deep.equal(liveTickets.values());
      expect(reopened.lastSeq).to.equal(seen.length);
    } finally {
      await db.close();
    }
  });
});

async function expectAsyncThrow(work: () => Promise<unknown>, pattern: RegExp): Promise<void> {
  try {
    await work();
  } catch (err) {
    expect((err as Error).message).to.match(pattern);
    return;
  }
  expect.fail(`expected a failure matching ${pattern}`);
}
