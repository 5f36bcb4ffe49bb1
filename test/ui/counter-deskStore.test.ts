import { expect } from 'chai';
import { effectScope, nextTick, ref, shallowRef } from 'vue';
import type { CallbackView } from '../../protocol/appointments.ts';
import type { ChangeEventName } from '../../protocol/events.ts';
import type { DeskTodayView, QueueSnapshot, TicketView } from '../../protocol/views.ts';
import { applyChange, type ChangePayload } from '../../ui/liveQueue/applyChange.ts';
import type { LiveChange } from '../../ui/liveQueue/useLiveQueue.ts';
import type { ClientAnswer } from '../../ui/socket.ts';
import { createDeskStore, type DeskCommand, type Send } from '../../counter/src/stores/desk.ts';
import { fail, fakeApi, ok, snapshot, ticket } from './counter-fixtures.ts';

const today: DeskTodayView = { deskId: 'desk-1', day: '2026-11-23', served: 0, noShows: 0, transferred: 0, avgServiceMinutes: null, publicMinutes: 0, appointmentsBooked: 0 };
const callback = (id: number): CallbackView => ({
  id, serviceId: 'certs', phone: '055 123456', preferredTime: 'any', note: null, source: 'kiosk', sourceId: 'entrance',
  createdAt: '2026-11-23T09:00:00.000Z', status: 'open', outcome: null, closedAt: null, closedByDeskId: null, attempts: [], maxAttempts: 3,
});
const flush = async () => {
  for (let i = 0; i < 5; i++) await nextTick();
};

/** A desk store on a fake live queue, a fake socket command path and a fake REST API. */
function harness(deskId: string, initial: QueueSnapshot, answers: Partial<Record<DeskCommand, () => ClientAnswer<unknown> | Promise<ClientAnswer<unknown>>>> = {}, undoMs?: number) {
  const snap = shallowRef<QueueSnapshot | null>(initial);
  const listeners = new Set<(c: LiveChange) => void>();
  let refreshes = 0;
  let seq = initial.seq;
  const live = { snapshot: snap, synced: ref(true), onChange: (l: (c: LiveChange) => void) => listeners.add(l), refresh: () => refreshes++ };
  const sent: { name: string; payload: unknown }[] = [];
  const send = (async (name: DeskCommand, payload: unknown) => {
    sent.push({ name, payload });
    const answer = answers[name];
    return answer ? answer() : fail('internal');
  }) as Send; // the fake answers whatever a test tells it to, whatever the command
  let openCallbacks = [callback(1), callback(2)];
  const { api, calls } = fakeApi({
    [`GET /api/desks/${deskId}/today`]: () => ok(today),
    'GET /api/callbacks?status=open': () => ok({ callbacks: openCallbacks }),
    'POST /api/callbacks/*': (_body, path) => {
      const id = Number(path.split('/')[3]);
      openCallbacks = openCallbacks.filter((c) => c.id !== id);
      return ok({ callback: { ...callback(id), status: 'closed' } });
    },
  });
  const noticeListeners = new Set<(e: { open: number }) => void>();
  const notices = { on: (_e: 'callbacks:changed', l: (e: { open: number }) => void) => noticeListeners.add(l), off: (_e: 'callbacks:changed', l: (e: { open: number }) => void) => noticeListeners.delete(l) };
  let chimes = 0;
  const scope = effectScope();
  const store = scope.run(() => createDeskStore({ deskId, live, send, api, notices, chime: async () => (++chimes, true), ...(undoMs ? { undoMs } : {}) }))!;

  /** The hub pushes a change: the live queue applies it and tells its listeners, as useLiveQueue does. */
  function push<E extends ChangeEventName>(name: E, change: Omit<ChangePayload<E>, 'seq' | 'at'>) {
    const full = { ...change, seq: ++seq, at: '2026-11-23T09:10:00.000Z' } as ChangePayload<E>;
    snap.value = applyChange(snap.value!, name, full);
    for (const l of listeners) l({ name, change: full } as LiveChange);
  }
  return {
    store, sent, calls, push, snap, scope,
    refreshes: () => refreshes,
    chimes: () => chimes,
    notify: (open: number) => noticeListeners.forEach((l) => l({ open })),
    openCallbacks: (list: CallbackView[]) => (openCallbacks = list),
    deskView: (id: string) => snap.value!.desks.find((d) => d.id === id)!,
  };
}

describe('counter desk store', () => {
  it('offers to take back a call, a recall, a no-show and a finish, each with its own command, for a while only', async () => {
    const a1 = ticket({ id: 1, number: 'A001' });
    const h = harness('desk-1', snapshot({ waiting: [a1] }), {
      'desk:call-next': () => ok({ ticket: { ...a1, status: 'called' } }),
      'desk:recall': () => ok({ ticket: { ...a1, status: 'called' } }),
      'desk:requeue': () => ok({ ticket: a1 }),
      'desk:no-show': () => ok({ ticket: { ...a1, status: 'no-show' } }),
      'ticket:recover': () => ok({ ticket: a1 }),
      'desk:finish': () => ok({ ticket: { ...a1, status: 'done' } }),
      'desk:reopen': () => ok({ ticket: { ...a1, status: 'serving' } }),
      'desk:start': () => ok({ ticket: { ...a1, status: 'serving' } }),
    }, 60);
    const undoes = async () => {
      h.sent.length = 0;
      expect(await h.store.undoLast()).to.equal(true);
      expect(h.store.undo.value, 'one undo per offer').to.equal(null);
      return h.sent;
    };
    await h.store.callNext();
    expect(h.store.undo.value).to.include({ kind: 'call', ticketId: 1, number: 'A001' });
    expect(await undoes()).to.deep.equal([{ name: 'desk:requeue', payload: { deskId: 'desk-1' } }]);
    expect(h.store.status.value).to.deep.include({ key: 'result.requeued' });
    await h.store.recall();
    expect(await undoes()).to.deep.equal([{ name: 'desk:requeue', payload: { deskId: 'desk-1' } }]);
    await h.store.noShow();
    expect(await undoes()).to.deep.equal([{ name: 'ticket:recover', payload: { ticketId: 1 } }]);
    await h.store.finish([{ code: 'certificate', count: 1 }], 'una nota');
    expect(h.sent.at(-1)).to.deep.equal({ name: 'desk:finish', payload: { deskId: 'desk-1', outcomes: [{ code: 'certificate', count: 1 }], note: 'una nota' } });
    expect(await undoes()).to.deep.equal([{ name: 'desk:reopen', payload: { deskId: 'desk-1', ticketId: 1 } }]);

    // The next action ends the offer; so does time.
    await h.store.callNext();
    await h.store.start();
    expect(h.store.undo.value).to.equal(null);
    await h.store.callNext();
    expect(h.store.undo.value).to.not.equal(null);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.store.undo.value).to.equal(null);
    expect(await h.store.undoLast()).to.equal(false);
    h.scope.stop();
  });

  it('follows the pushed changes: current ticket, queue, parked tickets', async () => {
    const a1 = ticket({ id: 1, number: 'A001' });
    const b1 = ticket({ id: 2, number: 'B001', serviceId: 'idcard' });
    const h = harness('desk-3', snapshot({ waiting: [a1, b1] })); // desk-3 serves certs and info
    expect(h.store.queue.value.map((t) => t.number)).to.deep.equal(['A001']);
    expect(h.store.current.value).to.equal(null);

    const called: TicketView = { ...a1, status: 'called', deskId: 'desk-3', calledAt: '2026-11-23T09:10:00.000Z', position: null };
    h.push('ticket:called', { ticket: called, desk: { ...h.deskView('desk-3'), currentTicket: called } });
    expect(h.store.current.value?.number).to.equal('A001');
    expect(h.store.currentService.value?.id).to.equal('certs');
    expect(h.store.queue.value).to.deep.equal([]);

    const parked: TicketView = { ...called, status: 'parked' };
    h.push('ticket:parked', { ticket: parked, desk: { ...h.deskView('desk-3'), currentTicket: null, parkedTicketIds: [1], parkedTickets: [parked] } });
    expect(h.store.current.value).to.equal(null);
    expect(h.store.parked.value.map((t) => t.number)).to.deep.equal(['A001']);

    const c1 = ticket({ id: 3, number: 'C001', serviceId: 'info' });
    h.push('ticket:issued', { ticket: c1, desk: null });
    expect(h.store.queue.value.map((t) => t.number)).to.deep.equal(['C001']);
    h.scope.stop();
  });

  it('a command that works says so with the ticket’s number and refreshes today’s counters', async () => {
    const h = harness('desk-1', snapshot({ waiting: [ticket({ id: 1, number: 'A001' })] }), {
      'desk:call-next': () => ok({ ticket: ticket({ id: 1, number: 'A001', status: 'called' }) }),
    });
    await flush();
    const todayFetches = () => h.calls.filter((c) => c.path === '/api/desks/desk-1/today').length;
    expect(todayFetches()).to.equal(1);
    expect(await h.store.callNext()).to.equal(true);
    expect(h.sent).to.deep.equal([{ name: 'desk:call-next', payload: { deskId: 'desk-1' } }]);
    expect(h.store.status.value).to.deep.include({ tone: 'ok', key: 'result.called', params: { number: 'A001' } });
    await flush();
    expect(todayFetches()).to.equal(2);
    h.scope.stop();
  });

  it('a refused command says why in the catalogue’s words; an out-of-date screen asks the hub for a fresh snapshot', async () => {
    const h = harness('desk-1', snapshot(), {
      'desk:call-next': () => fail('queue-empty', 'Nobody is waiting.'),
      'desk:call': () => fail('ticket-taken'),
      'desk:start': () => fail('unreachable'),
    });
    expect(await h.store.callNext()).to.equal(false);
    expect(h.store.status.value).to.deep.include({ tone: 'error', key: 'errors.queue-empty' });
    expect(h.store.status.value!.params.message).to.equal('Nobody is waiting.');
    await h.store.call(7);
    expect(h.store.status.value!.key).to.equal('errors.ticket-taken');
    expect(h.refreshes()).to.equal(2);
    await h.store.start();
    expect(h.store.status.value!.key).to.equal('errors.unreachable');
    expect(h.refreshes(), 'nothing to refresh from a hub that does not answer').to.equal(2);
    h.scope.stop();
  });

  it('one command at a time: a second press before the answer is ignored', async () => {
    let release!: (a: ClientAnswer<unknown>) => void;
    const h = harness('desk-1', snapshot(), { 'desk:call-next': () => new Promise((r) => (release = r)) });
    const first = h.store.callNext();
    expect(h.store.pending.value).to.equal('call-next');
    expect(await h.store.callNext()).to.equal(false);
    expect(await h.store.recall()).to.equal(false);
    release(ok({ ticket: ticket({ number: 'A001' }) }));
    expect(await first).to.equal(true);
    expect(h.store.pending.value).to.equal(null);
    expect(h.sent.map((s) => s.name)).to.deep.equal(['desk:call-next']);
    h.scope.stop();
  });

  it('sends finish with its outcomes, transfer with or without a desk, and mode changes', async () => {
    const done = () => ok({ ticket: ticket({ number: 'A001' }) });
    const h = harness('desk-1', snapshot(), { 'desk:finish': done, 'desk:transfer': done, 'desk:mode': () => ok({ desk: { ...h.deskView('desk-1'), mode: 'paused' } }) });
    await h.store.finish([{ code: 'certificate', count: 2 }]);
    await h.store.transfer('idcard');
    await h.store.transfer('certs', 'desk-2');
    expect(h.store.status.value).to.deep.include({ key: 'result.transferredToDesk', params: { number: 'A001', serviceId: 'certs', desk: 'desk-2' } });
    await h.store.setMode('paused');
    expect(h.store.status.value!.key).to.equal('result.mode.paused');
    expect(h.sent).to.deep.equal([
      { name: 'desk:finish', payload: { deskId: 'desk-1', outcomes: [{ code: 'certificate', count: 2 }] } },
      { name: 'desk:transfer', payload: { deskId: 'desk-1', serviceId: 'idcard' } },
      { name: 'desk:transfer', payload: { deskId: 'desk-1', serviceId: 'certs', toDeskId: 'desk-2' } },
      { name: 'desk:mode', payload: { deskId: 'desk-1', mode: 'paused' } },
    ]);
    h.scope.stop();
  });
});

describe('counter busy-room alert', () => {
  it('a back desk joining a busy room is alerted and chimed at once; opening to the public ends the alert', async () => {
    const h = harness('back-1', snapshot({ roomBusy: true }));
    await flush();
    expect(h.store.alert.busy.value).to.equal(true);
    expect(h.chimes()).to.equal(1);
    expect(h.store.alert.chimes.value).to.equal(1);
    h.push('desk:changed', { desk: { ...h.deskView('back-1'), mode: 'front' } });
    expect(h.store.alert.busy.value).to.equal(false);
    h.scope.stop();
  });

  it('"not now" hides the alert until the room turns busy again; the calm offer follows room:calm while open', async () => {
    const h = harness('back-1', snapshot());
    await flush();
    expect(h.store.alert.busy.value).to.equal(false);
    h.push('room:busy', { waiting: 6, longestEstimatedWaitMinutes: 20 });
    await flush();
    expect(h.store.alert.busy.value).to.equal(true);
    h.store.alert.dismissBusy();
    expect(h.store.alert.busy.value).to.equal(false);
    h.push('room:calm', { waiting: 1, longestEstimatedWaitMinutes: 2 });
    expect(h.store.alert.calm.value, 'a back desk still at its own work has nothing to go back to').to.equal(false);
    h.push('room:busy', { waiting: 7, longestEstimatedWaitMinutes: 25 });
    await flush();
    expect(h.store.alert.busy.value).to.equal(true);
    expect(h.chimes()).to.equal(2);

    h.push('desk:changed', { desk: { ...h.deskView('back-1'), mode: 'front' } });
    expect(h.store.alert.calm.value).to.equal(false);
    h.push('room:calm', { waiting: 2, longestEstimatedWaitMinutes: 5 });
    expect(h.store.alert.calm.value).to.equal(true);
    h.push('desk:changed', { desk: { ...h.deskView('back-1'), mode: 'back' } });
    expect(h.store.alert.calm.value).to.equal(false);
    h.scope.stop();
  });

  it('a front desk is never alerted', async () => {
    const h = harness('desk-1', snapshot({ roomBusy: true }));
    await flush();
    expect(h.store.alert.busy.value).to.equal(false);
    expect(h.chimes()).to.equal(0);
    h.scope.stop();
  });
});

describe('counter call-back list', () => {
  it('is fetched at once, again on the hub’s notice, and loses an item closed here', async () => {
    const h = harness('back-1', snapshot());
    await flush();
    expect(h.store.callbacks.list.value.map((c) => c.id)).to.deep.equal([1, 2]);
    h.openCallbacks([callback(1), callback(2), callback(3)]);
    h.notify(3);
    await flush();
    expect(h.store.callbacks.open.value).to.equal(3);
    const answer = await h.store.callbacks.close(2, 'no-answer');
    expect(answer.ok).to.equal(true);
    expect(h.calls.find((c) => c.method === 'POST')).to.deep.equal({ method: 'POST', path: '/api/callbacks/2/close', body: { outcome: 'no-answer', deskId: 'back-1' } });
    await flush();
    expect(h.store.callbacks.list.value.map((c) => c.id)).to.deep.equal([1, 3]);
    h.scope.stop();
    h.notify(0); // stopped: no longer listening
    await flush();
    expect(h.calls.filter((c) => c.path === '/api/callbacks?status=open')).to.have.length(3);
  });
});

describe('counter: back to back-office with parked citizens', () => {
  it('asks first (backWarning) and sends nothing; once confirmed the mode is sent', async () => {
    const parked = ticket({ id: 7, number: 'A007', status: 'parked', deskId: 'back-1' });
    const initial = snapshot();
    const h = harness('back-1', {
      ...initial,
      desks: initial.desks.map((d) => (d.id === 'back-1' ? { ...d, mode: 'front', heldBy: 'anna', parkedTicketIds: [7], parkedTickets: [parked] } : d)),
    }, { 'desk:mode': () => ok({ desk: { ...h.deskView('back-1'), mode: 'back' } }) });
    await flush();
    expect(await h.store.setMode('back')).to.equal(false);
    expect(h.store.backWarning.value).to.equal(true);
    expect(h.sent).to.deep.equal([]);
    expect(await h.store.setMode('back', true)).to.equal(true);
    expect(h.store.backWarning.value).to.equal(false);
    expect(h.sent).to.deep.equal([{ name: 'desk:mode', payload: { deskId: 'back-1', mode: 'back' } }]);
    h.scope.stop();
  });
});
