import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Committer } from '../../server/commands/committer.ts';
import type { Command, EngineState } from '../../server/engine/index.ts';
import { createLogger } from '../../server/logger.ts';
import { AppointmentStore } from '../../server/store/appointmentStore.ts';
import { CallbackStore } from '../../server/store/callbackStore.ts';
import { Db } from '../../server/store/db.ts';
import { migrate } from '../../server/store/migrate.ts';
import { openQueue } from '../../server/store/openQueue.ts';
import { RatingStore } from '../../server/store/ratingStore.ts';
import { testOffice } from '../helpers/office.ts';

const minute = 60_000;
const office = testOffice();

/**
 * Everything the engine keeps survives a restart: a state built through the real command path is
 * committed to SQLite, read back by the store, rebuilt, and compared field by field with the one in memory.
 */
describe('the store: save and reload, field by field', () => {
  let db: Db;
  let now: number;
  let committer: Committer;

  beforeEach(async () => {
    db = await Db.open(':memory:');
    now = Date.parse('2026-11-24T08:00:00Z'); // Tuesday 09:00 in Rome
    await migrate(db, now);
    const opened = await openQueue(db, office, now);
    committer = new Committer(opened.state, opened.lastSeq, opened.store, () => now, createLogger('silent'));
  });
  afterEach(() => db.close());

  async function run(command: Command, minutesLater = 1): Promise<number | undefined> {
    now += minutesLater * minute;
    const outcome = await committer.submit(command);
    if (!outcome.ok) throw new Error(`${command.type}: ${outcome.error.code} ${outcome.error.message}`);
    return outcome.value.ticketId;
  }
  const issue = (serviceId: string, extra: Partial<Extract<Command, { type: 'ticket:issue' }>> = {}) => run({ type: 'ticket:issue', serviceId, ...extra });
  const desk = (type: Exclude<Command['type'], 'ticket:issue' | 'ticket:cancel' | 'office:configure' | 'clock:tick' | 'desk:call' | 'desk:resume' | 'desk:finish' | 'desk:transfer' | 'desk:mode'>, deskId: string) =>
    run({ type, deskId } as Command);

  /** A busy morning: every kind of ticket and desk the engine knows. */
  async function busyMorning(): Promise<void> {
    // Clerks at their desks (a desk calls only while held); one desk taken over from another clerk.
    await run({ type: 'desk:hold', deskId: 'desk-1', clerk: 'anna' });
    await run({ type: 'desk:hold', deskId: 'desk-2', clerk: 'bruno' });
    await run({ type: 'desk:hold', deskId: 'desk-3', clerk: 'dario' });
    await run({ type: 'desk:hold', deskId: 'desk-3', clerk: 'carla', takeOver: true });
    // Service times for two services (the wait estimates' samples).
    await issue('certs');
    await desk('desk:call-next', 'desk-1');
    await run({ type: 'desk:finish', deskId: 'desk-1', outcomes: [{ code: 'certificate', count: 2 }], note: 'Manca la marca da bollo' }, 7);
    await issue('info');
    await desk('desk:call-next', 'desk-3');
    await run({ type: 'desk:finish', deskId: 'desk-3', outcomes: [{ code: 'information', count: 1 }] }, 4);

    // An appointment checked in, waiting for its time; a ticket sent to a specific desk; a parked one.
    await issue('certs', { requestId: 'tap-0001-aaaa' });
    await issue('certs');
    await issue('idcard', { appointmentAt: now + 60 * minute });
    await run({ type: 'desk:mode', deskId: 'back-1', mode: 'front' });
    await run({ type: 'desk:hold', deskId: 'back-1', clerk: 'elena' });
    await desk('desk:call-next', 'desk-3');
    await run({ type: 'desk:transfer', deskId: 'desk-3', serviceId: 'idcard', toDeskId: 'back-1' });
    await desk('desk:call-next', 'desk-3');
    await desk('desk:park', 'desk-3');
    await run({ type: 'desk:mode', deskId: 'desk-3', mode: 'paused' });

    // Priority tickets called twice in a row while a normal one waits: a streak of two.
    await issue('info', { needs: ['hearing', 'escort'] });
    await issue('certs', { priority: true, needs: ['sight', 'easy-language'] });
    await issue('certs', { priority: true });
    await desk('desk:call-next', 'desk-1');
    await desk('desk:start', 'desk-1');
    await desk('desk:call-next', 'desk-2');
    await desk('desk:recall', 'desk-2');

    // A no-show brought back to the head of its queue; a ticket the desk cancelled, with its reason.
    // (an appointment: calling it leaves the priority streak as it is)
    await run({ type: 'desk:mode', deskId: 'desk-3', mode: 'front' });
    await issue('info', { appointmentAt: now });
    await desk('desk:call-next', 'desk-3');
    await desk('desk:no-show', 'desk-3');
    await run({ type: 'desk:mode', deskId: 'desk-3', mode: 'paused' });
    await run({ type: 'ticket:recover', ticketId: committer.state.tickets.values().find((t) => t.status === 'no-show')!.id });
    const cancelled = await issue('info');
    await run({ type: 'ticket:cancel', ticketId: cancelled!, reason: 'duplicate' });
    // The back desk's clerk leaves with nothing at the desk: it is held by nobody.
    await run({ type: 'desk:release', deskId: 'back-1', clerk: 'elena' });
    // A kiosk holds blocks of numbers ahead of time, one of them already issued offline and reported.
    await run({ type: 'kiosk:reserve', kioskId: 'ingresso', serviceIds: ['certs', 'info'] });
    const [first] = committer.state.reserved;
    await run({ type: 'ticket:issue-reserved', kioskId: 'ingresso', serviceId: first!.serviceId, seq: first!.seq, tappedAt: now - minute, requestId: 'offline-tap-0001' });
  }

  it('reloads a busy morning exactly as it was in memory', async () => {
    await busyMorning();
    const live = committer.state;
    // The morning really has every kind, or the comparison below proves little.
    const tickets = live.tickets.values();
    expect(tickets.some((t) => t.assignedDeskId === 'back-1'), 'a ticket sent to a desk').to.equal(true);
    expect(tickets.some((t) => t.status === 'parked'), 'a parked ticket').to.equal(true);
    expect(tickets.some((t) => t.status === 'serving'), 'a ticket being served').to.equal(true);
    expect(tickets.some((t) => t.recalls > 0), 'a recalled ticket').to.equal(true);
    expect(tickets.some((t) => t.appointmentAt !== null && t.status === 'waiting'), 'an appointment waiting').to.equal(true);
    expect(tickets.some((t) => t.transfers.length > 0), 'a transferred ticket').to.equal(true);
    expect(tickets.some((t) => t.outcomes.length > 0), 'outcomes recorded').to.equal(true);
    expect(tickets.some((t) => t.note !== null), 'a private note').to.equal(true);
    expect(tickets.some((t) => t.recoveredAt !== null && t.status === 'waiting'), 'a recovered no-show').to.equal(true);
    expect(tickets.some((t) => t.cancelReason === 'duplicate'), 'a cancel reason').to.equal(true);
    expect(tickets.some((t) => t.needs.includes('escort') && t.status === 'waiting'), 'a waiting ticket with needs').to.equal(true);
    expect(tickets.some((t) => t.needs.includes('sight') && t.status !== 'waiting'), 'a called ticket with needs').to.equal(true);
    expect(live.priorityStreak).to.equal(2);
    expect([...live.serviceTimes.keys()].sort()).to.deep.equal(['certs', 'info']);
    expect(live.desks.get('desk-3')!.parkedTicketIds).to.have.length(1);
    expect(live.desks.get('back-1')!.mode).to.equal('front');
    expect(live.lastCalls.length).to.be.greaterThan(3);
    expect(tickets.some((t) => t.calledBy === 'carla'), 'a call by the clerk who took a desk over').to.equal(true);
    expect([...live.desks.values()].map((d) => d.heldBy)).to.deep.equal(['anna', 'bruno', 'carla', null]);
    expect(live.reserved.length, 'numbers a kiosk still holds').to.equal(2 * office.policy.kioskBlockSize - 1);

    await committer.idle();
    const reloaded = (await openQueue(db, office, now)).state;
    expectSameState(reloaded, live);
  });

  it('keeps a busy room busy across a restart until it is calm (the thresholds\' hysteresis)', async () => {
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push(await issue('certs')); // busy from 6 waiting
    await run({ type: 'ticket:cancel', ticketId: ids[0]! }); // 5 waiting: not calm until 2
    expect(committer.state.roomBusy).to.equal(true);
    await committer.idle();
    expect((await openQueue(db, office, now)).state.roomBusy).to.equal(true);
  });

  it('keeps an office\'s satisfaction switch turned off (migration 0006\'s ratings beside it)', async () => {
    await run({ type: 'office:configure', office: { ...office, satisfaction: { enabled: false } } });
    await committer.idle();
    const reloaded = (await openQueue(db, office, now)).state;
    expect(reloaded.office.satisfaction).to.deep.equal({ enabled: false });
    expectSameState(reloaded, committer.state);
  });

  it('reads back every field of a rating, and only one per ticket', async () => {
    const store = new RatingStore(db);
    expect(await store.add({ ticketId: 7, rating: 'ok', serviceId: 'certs', deskId: 'desk-2', day: '2026-11-24', source: 'tablet' })).to.equal(true);
    expect(await store.add({ ticketId: 7, rating: 'good', serviceId: 'certs', deskId: 'desk-2', day: '2026-11-24', source: 'phone' })).to.equal(false);
    expect(await store.rated(7)).to.equal(true);
    expect(await store.list({ from: '2026-11-24', to: '2026-11-24' })).to.deep.equal([{ rating: 'ok', serviceId: 'certs', deskId: 'desk-2', day: '2026-11-24', source: 'tablet' }]);
    await expectRefused(db.run("INSERT INTO ratings (ticket_id, rating, service_id, desk_id, day, source) VALUES (8, 'great', 'certs', 'desk-1', '2026-11-24', 'phone')"));
  });

  it('keeps a kiosk\'s reserved numbers across a restart: numbering goes on past them, and the kiosk can still report them', async () => {
    await issue('certs');
    await run({ type: 'kiosk:reserve', kioskId: 'ingresso', serviceIds: ['certs'] });
    await committer.idle();
    const reopened = await openQueue(db, office, now);
    expect(reopened.state.reserved.map((r) => r.seq)).to.deep.equal([2, 3, 4, 5, 6]);
    expect(reopened.state.counters.get('certs')).to.equal(6);
    committer = new Committer(reopened.state, reopened.lastSeq, reopened.store, () => now, createLogger('silent'));
    const walkIn = await issue('certs');
    expect(committer.state.tickets.get(walkIn!)!.number).to.equal('A007');
    const offline = await run({ type: 'ticket:issue-reserved', kioskId: 'ingresso', serviceId: 'certs', seq: 3, tappedAt: now - 5 * minute, requestId: 'offline-tap-0002' });
    expect(committer.state.tickets.get(offline!)!.number).to.equal('A003');
    await committer.idle();
    expect((await openQueue(db, office, now)).state.reserved.map((r) => r.seq)).to.deep.equal([2, 4, 5, 6]);
  });

  it('reloads the same after a day rollover, with yesterday\'s open tickets expired', async () => {
    await busyMorning();
    now = Date.parse('2026-11-25T08:00:00Z');
    await committer.submit({ type: 'clock:tick' });
    await issue('certs');
    const live = committer.state;
    expect(live.tickets.values().filter((t) => t.status === 'expired').length).to.be.greaterThan(0);
    await committer.idle();
    expectSameState((await openQueue(db, office, now)).state, live);
  });
});

async function expectRefused(write: Promise<unknown>): Promise<void> {
  const err = await write.then(() => undefined, (e: Error) => e);
  expect(err?.message).to.match(/CHECK constraint/);
}

/** Every field of two engine states; the ticket book by its tickets and the request ids by their entries (their layouts may differ). */
function expectSameState(reloaded: EngineState, live: EngineState): void {
  const { tickets: reloadedTickets, requestIds: reloadedTaps, ...reloadedRest } = reloaded;
  const { tickets: liveTickets, requestIds: liveTaps, ...liveRest } = live;
  expect([...reloadedTaps].sort(), 'state.requestIds').to.deep.equal([...liveTaps].sort());
  for (const key of Object.keys(liveRest) as (keyof typeof liveRest)[]) {
    expect(reloadedRest[key], `state.${key}`).to.deep.equal(liveRest[key]);
  }
  expect(Object.keys(reloadedRest).sort()).to.deep.equal(Object.keys(liveRest).sort());
  const byId = new Map(reloadedTickets.values().map((t) => [t.id, t]));
  for (const t of liveTickets.values()) expect(byId.get(t.id), `ticket ${t.number} (id ${t.id})`).to.deep.equal(t);
  expect(reloadedTickets.values().map((t) => t.id)).to.deep.equal(liveTickets.values().map((t) => t.id));
}

/** What the desks keep beside the engine (issue 19): call-back attempts and appointment changes, read back from a reopened file. */
describe('the store: appointment and call-back changes survive a reopen', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pc-roundtrip-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads back every attempt of a call-back, and a cancelled and a moved appointment, field by field', async () => {
    const file = join(dir, 'hub.sqlite');
    const now = Date.parse('2026-11-24T08:00:00Z');
    let db = await Db.open(file);
    await migrate(db, now);
    let callbacks = new CallbackStore(db);
    let appointments = new AppointmentStore(db);
    const c = await callbacks.create({ serviceId: 'certs', phone: '333 1234567', preferredTime: 'any', note: null, source: 'kiosk', sourceId: 'info-point', createdAt: now });
    expect(await callbacks.attempt(c.id, { outcome: 'no-answer', username: 'clerk1', deskId: 'back-1', at: now + minute, maxAttempts: 2 })).to.deep.equal({ closed: false });
    expect(await callbacks.attempt(c.id, { outcome: 'no-answer', username: 'clerk2', deskId: 'desk-2', at: now + 2 * minute, maxAttempts: 2 })).to.deep.equal({ closed: true });
    const newAppointment = { officeId: 'anagrafe', name: 'Anna Verdi', phone: '333 1', email: null, fromTicketId: null, deskId: 'desk-1', createdAt: now };
    const cancelled = (await appointments.book({ ...newAppointment, startsAt: now + 60 * minute }, 1))!;
    const moved = (await appointments.book({ ...newAppointment, startsAt: now + 80 * minute }, 1))!;
    expect(await appointments.cancel(cancelled, 'Ha telefonato', 'clerk1', now + 3 * minute)).to.equal(true);
    expect(await appointments.reschedule(moved, now + 60 * minute, 1, now + 4 * minute), 'the cancelled one no longer holds the slot').to.equal(true);
    const before = { attempts: await callbacks.attemptsOf([c.id]), callback: await callbacks.find(c.id), a: await appointments.find(cancelled), b: await appointments.find(moved) };
    await db.close();

    db = await Db.open(file);
    callbacks = new CallbackStore(db);
    appointments = new AppointmentStore(db);
    const after = { attempts: await callbacks.attemptsOf([c.id]), callback: await callbacks.find(c.id), a: await appointments.find(cancelled), b: await appointments.find(moved) };
    await db.close();
    expect(after).to.deep.equal(before);
    expect(after.attempts.get(c.id)!.map((a) => [a.at - now, a.outcome, a.username, a.desk_id])).to.deep.equal([
      [minute, 'no-answer', 'clerk1', 'back-1'], [2 * minute, 'no-answer', 'clerk2', 'desk-2'],
    ]);
    expect(after.callback).to.include({ status: 'closed', outcome: 'no-answer', closed_at: now + 2 * minute, closed_by_desk_id: 'desk-2' });
    expect(after.a).to.include({ cancelled_at: now + 3 * minute, cancel_reason: 'Ha telefonato', cancelled_by: 'clerk1', starts_at: now + 60 * minute });
    expect(after.b).to.include({ starts_at: now + 60 * minute, rescheduled_from: now + 80 * minute, rescheduled_at: now + 4 * minute, cancelled_at: null });
  });
});
