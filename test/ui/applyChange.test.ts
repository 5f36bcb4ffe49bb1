import { expect } from 'chai';
import type { DeskView, QueueSnapshot, ServiceView, TicketView } from '../../protocol/views.ts';
import { applyChange, lastCallsKept } from '../../ui/liveQueue/applyChange.ts';

const at = '2026-01-14T09:00:00.000Z';

function ticket(id: number, over: Partial<TicketView> = {}): TicketView {
  return {
    id, number: `A00${id}`, serviceId: 'certs', status: 'waiting', priority: false, appointment: false, issuedAt: at,
    calledAt: null, startedAt: null, finishedAt: null, deskId: null, assignedDeskId: null, recalls: 0, outcomes: [],
    transfers: [], needs: [], position: 0, estimatedWaitMinutes: 5, ...over,
  };
}
const desk = (over: Partial<DeskView> = {}): DeskView => ({
  id: 'desk-1', name: 'Sportello 1', kind: 'front', services: ['certs'], mode: 'front', currentTicket: null, parkedTicketIds: [], parkedTickets: [], heldBy: 'clerk', ...over,
});
const service = (id: string, over: Partial<ServiceView> = {}): ServiceView => ({
  id, prefix: 'A', name: { it: id, en: id }, icon: 'document', outcomes: [], outcomeNames: [], open: true, waiting: 0, openDesks: 1, estimatedWaitMinutes: 5,
  dailyLimit: null, ticketsLeftToday: null, dailyLimitReached: false, ...over,
});

function snapshot(): QueueSnapshot {
  return {
    seq: 10, day: '2026-01-14', serverTime: at, officeName: 'Test', open: true, roomBusy: false,
    services: [service('certs'), service('info')], desks: [desk({ mode: 'closed' })], waiting: [ticket(1)], lastCalls: [],
  };
}

describe('applyChange(): a pushed change applied to a client snapshot', () => {
  it('adds an issued ticket at the end of the waiting list and recounts its service', () => {
    const next = applyChange(snapshot(), 'ticket:issued', { seq: 11, at, ticket: ticket(2, { position: 1 }), desk: null });
    expect(next.seq).to.equal(11);
    expect(next.waiting.map((t) => t.id)).to.deep.equal([1, 2]);
    expect(next.services.map((s) => s.waiting)).to.deep.equal([2, 0]);
  });

  it('an issued ticket leaves one fewer for today in a service with a daily limit, down to the limit reached', () => {
    const before = { ...snapshot(), services: [service('certs', { dailyLimit: 3, ticketsLeftToday: 2 }), service('info')] };
    const once = applyChange(before, 'ticket:issued', { seq: 11, at, ticket: ticket(2), desk: null });
    expect(once.services[0]).to.include({ ticketsLeftToday: 1, dailyLimitReached: false });
    expect(once.services[1], 'a service without a limit stays without one').to.include({ ticketsLeftToday: null, dailyLimitReached: false });
    const called = applyChange(once, 'ticket:called', { seq: 12, at, ticket: ticket(2, { status: 'called', deskId: 'desk-1', position: null }), desk: desk() });
    expect(called.services[0], 'only a new number uses up the limit').to.include({ ticketsLeftToday: 1, dailyLimitReached: false });
    const last = applyChange(called, 'ticket:issued', { seq: 13, at, ticket: ticket(3), desk: null });
    expect(last.services[0]).to.include({ ticketsLeftToday: 0, dailyLimitReached: true });
    expect(before.services[0]!.ticketsLeftToday, 'the old snapshot is left alone').to.equal(2);
  });

  it('a call takes the ticket out of the waiting list, updates the desk and records the call first', () => {
    const before = snapshot();
    const called = ticket(1, { status: 'called', deskId: 'desk-1', position: null });
    const next = applyChange(before, 'ticket:called', { seq: 11, at, ticket: called, desk: desk({ currentTicket: called }) });
    expect(next.waiting).to.deep.equal([]);
    expect(next.desks[0]!.currentTicket?.id).to.equal(1);
    expect(next.lastCalls[0]).to.include({ ticketId: 1, number: 'A001', deskId: 'desk-1', deskName: 'Sportello 1', recall: false });
    expect(before.waiting, 'the old snapshot is left alone').to.have.length(1);
  });

  it('a ticket that waits again goes back in its place, not last; a recovered one goes first; a withdrawn call leaves the last calls', () => {
    const minute = (m: number) => new Date(Date.parse(at) + m * 60_000).toISOString();
    let s: QueueSnapshot = { ...snapshot(), waiting: [ticket(1, { issuedAt: minute(0) }), ticket(3, { issuedAt: minute(2) }), ticket(4, { issuedAt: minute(3) })] };
    s = { ...s, lastCalls: [{ ticketId: 2, number: 'A002', serviceId: 'certs', deskId: 'desk-1', deskName: 'Sportello 1', at, recall: false, appointment: false, needs: [] }] };
    const transferred = applyChange(s, 'ticket:transferred', { seq: 11, at, ticket: ticket(2, { issuedAt: minute(1) }), desk: desk() });
    expect(transferred.waiting.map((t) => t.id)).to.deep.equal([1, 2, 3, 4]);
    const requeued = applyChange(s, 'ticket:requeued', { seq: 11, at, ticket: ticket(2, { issuedAt: minute(1) }), desk: desk() });
    expect(requeued.waiting.map((t) => t.id)).to.deep.equal([1, 2, 3, 4]);
    expect(requeued.lastCalls).to.deep.equal([]);
    const priority = applyChange(s, 'ticket:requeued', { seq: 11, at, ticket: ticket(2, { issuedAt: minute(5), priority: true }), desk: desk() });
    expect(priority.waiting.map((t) => t.id)).to.deep.equal([2, 1, 3, 4]);
    const recovered = applyChange(s, 'ticket:recovered', { seq: 11, at, ticket: ticket(9, { issuedAt: minute(9) }), desk: null });
    expect(recovered.waiting.map((t) => t.id)).to.deep.equal([9, 1, 3, 4]);
    const issued = applyChange(s, 'ticket:issued', { seq: 11, at, ticket: ticket(5, { issuedAt: minute(4) }), desk: null });
    expect(issued.waiting.map((t) => t.id)).to.deep.equal([1, 3, 4, 5]);
  });

  it('a recall is recorded as a new call marked recall, and the list keeps the most recent calls only', () => {
    let s = snapshot();
    for (let i = 0; i < lastCallsKept + 3; i++) {
      const called = ticket(1, { status: 'called', deskId: 'desk-1', position: null });
      s = applyChange(s, i === 0 ? 'ticket:called' : 'ticket:recalled', { seq: 11 + i, at, ticket: called, desk: desk() });
    }
    expect(s.lastCalls).to.have.length(lastCallsKept);
    expect(s.lastCalls[0]!.recall).to.equal(true);
  });

  it('desk and room changes', () => {
    const opened = applyChange(snapshot(), 'desk:changed', { seq: 11, at, desk: desk({ mode: 'front' }) });
    expect(opened.desks[0]!.mode).to.equal('front');
    const busy = applyChange(opened, 'room:busy', { seq: 12, at, waiting: 20, longestEstimatedWaitMinutes: 40 });
    expect(busy.roomBusy).to.equal(true);
    expect(applyChange(busy, 'room:calm', { seq: 13, at, waiting: 1, longestEstimatedWaitMinutes: 2 }).roomBusy).to.equal(false);
  });

  it('a waiting ticket that changes (a transfer) is replaced in place, in its new service', () => {
    const s = applyChange(snapshot(), 'ticket:issued', { seq: 11, at, ticket: ticket(2), desk: null });
    const moved = applyChange(s, 'ticket:transferred', { seq: 12, at, ticket: ticket(1, { serviceId: 'info' }), desk: desk() });
    expect(moved.waiting.map((t) => [t.id, t.serviceId])).to.deep.equal([[1, 'info'], [2, 'certs']]);
    expect(moved.services.map((x) => x.waiting)).to.deep.equal([1, 1]);
  });
});
