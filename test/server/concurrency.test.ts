import { expect } from 'chai';
import type { QueueSnapshot, TicketView } from '../../protocol/views.ts';
import type { TicketChange } from '../../protocol/events.ts';
import { startTestHub, type TestHub, type TestSocket } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';
import { ask, record, until, type Recorded } from '../helpers/wire.ts';

const deskIds = Array.from({ length: 7 }, (_, i) => `desk-${i + 1}`);
const services = ['certs', 'idcard', 'info'] as const;

/** Seven front-office desks that serve every service. */
function sevenDeskOffice() {
  return testOffice({
    desks: deskIds.map((id, i) => ({ id, name: `Sportello ${i + 1}`, kind: 'front' as const, services: [...services] })),
  });
}

async function issueMany(hub: TestHub, n: number): Promise<TicketView[]> {
  const answers = await Promise.all(
    Array.from({ length: n }, (_, i) => hub.issue({ serviceId: services[i % services.length] })),
  );
  return answers.map((res) => {
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.ticket as TicketView;
  });
}

/** Numbers are `<prefix><seq>`: per service they must be exactly 001…n, each once. */
function expectNumbering(tickets: readonly TicketView[]): void {
  for (const [serviceId, prefix] of [['certs', 'A'], ['idcard', 'B'], ['info', 'C']] as const) {
    const numbers = tickets.filter((t) => t.serviceId === serviceId).map((t) => t.number).sort();
    const expected = numbers.map((_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`);
    expect(numbers, serviceId).to.deep.equal(expected);
  }
}

interface Served {
  deskId: string;
  ticketId: number;
}

/**
 * One desk's clerk: call the next ticket, finish it, call again, until the queue is empty (and,
 * when `keepGoing` says so, a while longer). Bounded. Records every call it was answered.
 */
async function clerk(
  call: () => Promise<{ ok: boolean; ticket?: TicketView; code?: string }>,
  finish: () => Promise<{ ok: boolean; ticket?: TicketView; code?: string }>,
  deskId: string,
  served: Served[],
  keepGoing: () => boolean = () => false,
): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const called = await call();
    if (!called.ok) {
      expect(called.code, `${deskId} call-next`).to.equal('queue-empty');
      if (!keepGoing()) return;
      await new Promise((r) => setTimeout(r, 2));
      continue;
    }
    expect(called.ticket).to.include({ status: 'called', deskId });
    served.push({ deskId, ticketId: called.ticket!.id });
    const done = await finish();
    expect(done.ok, `${deskId} finish: ${done.code}`).to.equal(true);
    expect(done.ticket).to.include({ id: called.ticket!.id, status: 'done' });
  }
  throw new Error(`${deskId} did not run out of tickets in 500 calls`);
}

type TicketAnswer = { ok: boolean; ticket?: TicketView; code?: string };

function overSocket(s: TestSocket, deskId: string) {
  const run = async (event: string): Promise<TicketAnswer> => {
    const a = await ask<{ ticket: TicketView }>(s, event, [{ deskId }], 5000);
    return a.ok ? { ok: true, ticket: a.data.ticket } : { ok: false, code: a.error.code };
  };
  return { call: () => run('desk:call-next'), finish: () => run('desk:finish') };
}

function overRest(hub: TestHub, token: string, deskId: string) {
  const run = async (action: string): Promise<TicketAnswer> => {
    const res = await hub.request('POST', `/api/desks/${deskId}/${action}`, {}, token);
    return res.status === 200 ? { ok: true, ticket: res.body.ticket as TicketView } : { ok: false, code: res.body.error.code as string };
  };
  return { call: () => run('call-next'), finish: () => run('finish') };
}

function expectEachServedOnce(served: readonly Served[], tickets: readonly TicketView[]): void {
  const ids = served.map((s) => s.ticketId);
  expect(new Set(ids).size, 'a ticket was given to two desks (or twice)').to.equal(ids.length);
  expect([...ids].sort((a, b) => a - b)).to.deep.equal(tickets.map((t) => t.id).sort((a, b) => a - b));
}

describe('concurrency: seven desks and many clients', () => {
  let hub: TestHub;

  beforeEach(async () => {
    hub = await startTestHub({ office: sevenDeskOffice() });
    await hub.holdAll(); // a desk calls only while a clerk holds it: one event per desk (`holds`)
  });
  const holds = deskIds.length;

  afterEach(async () => {
    await hub.close();
  });

  it('50 tickets issued at once get distinct, gap-free numbers per service', async () => {
    const tickets = await issueMany(hub, 50);
    expect(new Set(tickets.map((t) => t.id)).size).to.equal(50);
    expectNumbering(tickets);
    const queue = (await hub.read('/api/queue')).body as QueueSnapshot;
    expect(queue.waiting).to.have.length(50);
    // Issued + room:busy once the room filled up.
    expect(queue.seq).to.equal(holds + 51);
  });

  it('seven desks calling at once serve each of 50 tickets exactly once', async () => {
    const display = await hub.socket();
    const events = record(display);
    const joined = await ask<QueueSnapshot>(display, 'session:join', [{ role: 'display', id: 'tv-1' }]);
    expect(joined.ok && joined.data.seq).to.equal(holds);

    const tickets = await issueMany(hub, 50);
    const sockets = await Promise.all(deskIds.map(async () => hub.socket(await hub.login())));
    const served: Served[] = [];
    await Promise.all(deskIds.map((deskId, i) => {
      const { call, finish } = overSocket(sockets[i]!, deskId);
      return clerk(call, finish, deskId, served);
    }));

    expectEachServedOnce(served, tickets);
    for (const deskId of deskIds) {
      expect(served.filter((s) => s.deskId === deskId).length, `tickets served at ${deskId}`).to.be.at.least(1);
    }
    // The hub agrees: every ticket done, at the desk that was told it called it.
    const deskOf = new Map(served.map((s) => [s.ticketId, s.deskId]));
    for (const t of tickets) {
      const res = await hub.read(`/api/tickets/${t.id}`);
      expect(res.body.ticket).to.include({ status: 'done', deskId: deskOf.get(t.id) });
    }
    const queue = (await hub.read('/api/queue')).body as QueueSnapshot;
    expect(queue.waiting).to.deep.equal([]);
    expect(queue.desks.every((d) => d.currentTicket === null)).to.equal(true);

    // The display saw each change once, in order, with no gap: 50 issued, 50 called, 50 finished, busy, calm.
    await until(() => events.length >= queue.seq - holds, 'every change to reach the display');
    expect(events.map((e) => e.payload.seq)).to.deep.equal(Array.from({ length: queue.seq - holds }, (_, i) => holds + i + 1));
    const count = (name: string) => events.filter((e) => e.name === name).length;
    expect([count('ticket:issued'), count('ticket:called'), count('ticket:finished'), count('room:busy'), count('room:calm')]).to.deep.equal([50, 50, 50, 1, 1]);
    expect(queue.seq).to.equal(holds + 152);
    const calledAt = new Map<number, string>();
    for (const e of events.filter((x) => x.name === 'ticket:called')) {
      const change = e.payload as unknown as TicketChange;
      expect(calledAt.has(change.ticket.id), `ticket ${change.ticket.id} announced twice`).to.equal(false);
      calledAt.set(change.ticket.id, change.desk!.id);
    }
    expect(calledAt).to.deep.equal(deskOf);
  });

  it('desks over REST and sockets call while kiosks issue, and never share a ticket', async () => {
    const sockets = await Promise.all(deskIds.slice(0, 4).map(async () => hub.socket(await hub.login())));
    const token = await hub.login();
    const served: Served[] = [];
    let issuing = true;
    const clerks = deskIds.map((deskId, i) => {
      const { call, finish } = i < 4 ? overSocket(sockets[i]!, deskId) : overRest(hub, token, deskId);
      return clerk(call, finish, deskId, served, () => issuing);
    });
    const kiosks: TicketView[] = [];
    for (let wave = 0; wave < 6; wave++) kiosks.push(...(await issueMany(hub, 10)));
    issuing = false;
    await Promise.all(clerks);

    expectNumbering(kiosks);
    expectEachServedOnce(served, kiosks);
    expect((await hub.read('/api/queue')).body.waiting).to.deep.equal([]);
  });

  it('seven desks calling one ticket at once: one gets it, six are told it is taken', async () => {
    const [, target] = await issueMany(hub, 3);
    const sockets = await Promise.all(deskIds.map(async () => hub.socket(await hub.login())));
    const answers = await Promise.all(deskIds.map((deskId, i) => ask<{ ticket: TicketView }>(sockets[i]!, 'desk:call', [{ deskId, ticketId: target!.id }])));
    const winners = answers.flatMap((a, i) => (a.ok ? [deskIds[i]] : []));
    expect(winners).to.have.length(1);
    const codes = answers.flatMap((a) => (a.ok ? [] : [a.error.code]));
    expect(codes).to.deep.equal(Array(6).fill('ticket-taken'));
    const res = await hub.read(`/api/tickets/${target!.id}`);
    expect(res.body.ticket).to.include({ status: 'called', deskId: winners[0] });
  });

  it('the same requestId sent ten times at once makes one ticket', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => hub.issue({ serviceId: 'idcard', requestId: 'kiosk-1-tap-42' })),
    );
    expect(answers.map((a) => a.status)).to.deep.equal(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.body.ticket.id)).size).to.equal(1);
    expect(answers[0]!.body.ticket.number).to.equal('B001');
    const queue = (await hub.read('/api/queue')).body as QueueSnapshot;
    expect(queue.waiting).to.have.length(1);
    expect(queue.seq).to.equal(holds + 1);
  });
});

describe('push: displays get every change in order', () => {
  let hub: TestHub;
  let token: string;

  beforeEach(async () => {
    hub = await startTestHub();
    await hub.holdAll(); // a desk calls only while a clerk holds it: one event per desk (`holds`)
    token = await hub.login();
  });
  const holds = 4;

  afterEach(async () => {
    await hub.close();
  });

  const join = async (s: TestSocket, id: string): Promise<QueueSnapshot> => {
    const answer = await ask<QueueSnapshot>(s, 'session:join', [{ role: 'display', id }]);
    if (!answer.ok) throw new Error(`join failed: ${answer.error.code}`);
    return answer.data;
  };
  const ticketEvent = (e: Recorded) => e.payload as unknown as TicketChange;

  it('a display gets ticket:issued and ticket:called with the number, the desk and seq snapshot+1…', async () => {
    // Something happened before the display came.
    await hub.request('POST', '/api/desks/desk-3/mode', { mode: 'paused' }, token);
    const tv = await hub.socket();
    const events = record(tv);
    const snap = await join(tv, 'tv-1');
    expect(snap.seq).to.equal(holds + 1);
    expect(snap.desks.find((d) => d.id === 'desk-3')?.mode).to.equal('paused');

    const issued = (await hub.issue({ serviceId: 'idcard' })).body.ticket as TicketView;
    await hub.request('POST', '/api/desks/desk-2/call-next', {}, token);
    await until(() => events.length >= 2, 'two events');

    expect(events.map((e) => [e.name, e.payload.seq])).to.deep.equal([
      ['ticket:issued', snap.seq + 1],
      ['ticket:called', snap.seq + 2],
    ]);
    const [onIssue, onCall] = events.map(ticketEvent);
    expect(onIssue!.ticket).to.include({ id: issued.id, number: 'B001', status: 'waiting' });
    expect(onIssue!.desk).to.equal(null);
    expect(onCall!.ticket).to.include({ id: issued.id, number: 'B001', status: 'called', deskId: 'desk-2' });
    expect(onCall!.desk).to.include({ id: 'desk-2', name: 'Sportello 2' });
    expect(onCall!.desk!.currentTicket?.number).to.equal('B001');
    expect(Date.parse(onCall!.at)).to.be.closeTo(Date.now(), 5000);
  });

  it('two displays get the same events; a socket that did not join gets none', async () => {
    const tv1 = await hub.socket();
    const tv2 = await hub.socket();
    const lurker = await hub.socket();
    const seen1 = record(tv1);
    const seen2 = record(tv2);
    const seenByLurker = record(lurker);
    const [s1, s2] = await Promise.all([join(tv1, 'tv-1'), join(tv2, 'tv-2')]);
    expect(s1.seq).to.equal(holds);
    expect(s2.seq).to.equal(holds);

    for (const serviceId of ['certs', 'info', 'certs']) await hub.issue({ serviceId });
    for (const deskId of ['desk-1', 'desk-3']) await hub.request('POST', `/api/desks/${deskId}/call-next`, {}, token);
    await hub.request('POST', '/api/desks/desk-1/recall', {}, token);
    await until(() => seen1.length >= 6 && seen2.length >= 6, 'six events on both displays');

    expect(seen1.map((e) => e.name)).to.deep.equal([
      'ticket:issued', 'ticket:issued', 'ticket:issued', 'ticket:called', 'ticket:called', 'ticket:recalled',
    ]);
    expect(seen1.map((e) => e.payload.seq)).to.deep.equal([1, 2, 3, 4, 5, 6].map((n) => holds + n));
    expect(seen2).to.deep.equal(seen1);
    expect(seen1.slice(3).map((e) => [ticketEvent(e).ticket.number, ticketEvent(e).desk?.id])).to.deep.equal([
      ['A001', 'desk-1'],
      ['C001', 'desk-3'],
      ['A001', 'desk-1'],
    ]);
    expect(seenByLurker).to.deep.equal([]);
  });

  it('a display that connects late gets a snapshot whose seq is the latest event\'s', async () => {
    const early = await hub.socket();
    const seen = record(early);
    await join(early, 'tv-1');
    for (let i = 0; i < 4; i++) await hub.issue({ serviceId: 'certs' });
    await hub.request('POST', '/api/desks/desk-1/call-next', {}, token);
    await until(() => seen.length >= 5, 'five events');

    const late = await hub.socket();
    const snap = await join(late, 'tv-late');
    expect(snap.seq).to.equal(seen.at(-1)!.payload.seq);
    expect(snap.seq).to.equal(holds + 5);
    expect(snap.waiting.map((t) => t.number)).to.deep.equal(['A002', 'A003', 'A004']);
    expect(snap.lastCalls[0]).to.include({ number: 'A001', deskId: 'desk-1' });

    // From there the late display follows like the others.
    const lateSeen = record(late);
    await hub.request('POST', '/api/desks/desk-1/finish', {}, token);
    await until(() => lateSeen.length >= 1 && seen.length >= 6, 'the next event');
    expect(lateSeen[0]!.payload.seq).to.equal(snap.seq + 1);
    expect(lateSeen[0]).to.deep.equal(seen[5]);
  });

  it('a display joining while changes stream gets no gap between its snapshot and the events', async () => {
    const issuing = (async () => {
      for (let i = 0; i < 60; i++) await hub.issue({ serviceId: services[i % 3] });
    })();
    await until(() => hub.hub.ctx.committer.seq >= holds + 3, 'the first tickets');
    const tv = await hub.socket();
    const seen = record(tv);
    const snap = await join(tv, 'tv-mid');
    await issuing;
    const last = (await hub.read('/api/queue')).body.seq as number;
    await until(() => seen.length > 0 && seen.at(-1)!.payload.seq === last, 'the last event');
    // Events up to the snapshot's seq may come twice (before and in the snapshot); after it, none is missing.
    const after = seen.map((e) => e.payload.seq).filter((seq) => seq > snap.seq);
    expect(after).to.deep.equal(Array.from({ length: last - snap.seq }, (_, i) => snap.seq + i + 1));
    expect(snap.seq).to.be.below(last);
  });
});
