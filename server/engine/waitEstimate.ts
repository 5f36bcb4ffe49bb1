import type { EngineState, Ticket } from './state.ts';
import createTree, { type Tree } from 'functional-red-black-tree';
import type { TicketBook } from './ticketBook.ts';

/**
 * Wait estimates: the mean of a service's recent service times (or its configured default until one is
 * known), times the people ahead, shared among the desks open for that service.
 */

const minuteMs = 60_000;

export function meanServiceMs(state: EngineState, serviceId: string): number {
  const samples = state.serviceTimes.get(serviceId) ?? [];
  if (samples.length > 0) return samples.reduce((a, b) => a + b, 0) / samples.length;
  const service = state.office.services.find((s) => s.id === serviceId);
  return (service?.defaultServiceMinutes ?? 8) * minuteMs;
}

/** Whether a desk is open to the public: in front mode and held by a signed-in clerk. */
export function isOpenDesk(state: EngineState, deskId: string): boolean {
  const desk = state.desks.get(deskId);
  return desk !== undefined && desk.mode === 'front' && desk.heldBy !== null;
}

/** Desks calling now (front mode, held by a clerk) that serve the service, back-office desks switched to the public included. */
export function openDesksFor(state: EngineState, serviceId: string): number {
  return state.office.desks.filter((d) => d.services.includes(serviceId) && isOpenDesk(state, d.id)).length;
}

/** The tickets waiting (for one service, or for any), by ascending id. */
export function waitingTickets(state: EngineState, serviceId?: string): Ticket[] {
  const queues = waitingByService(state);
  if (serviceId !== undefined) return queues.get(serviceId)?.keys ?? [];
  return [...queues.values()].flatMap((q) => q.keys).sort((a, b) => a.id - b.id);
}

/** How many tickets wait for one service. */
export function waitingCount(state: EngineState, serviceId: string): number {
  return waitingByService(state).get(serviceId)?.length ?? 0;
}

/** How many tickets wait for each service. */
export function waitingCounts(state: EngineState): ReadonlyMap<string, number> {
  return new Map([...waitingByService(state)].map(([serviceId, q]) => [serviceId, q.length]));
}

/**
 * One service's waiting tickets in a persistent balanced tree (a red-black tree whose nodes count their
 * subtree): adding or taking out a ticket copies one path of it, O(log n), and leaves the tree it came from
 * as it was; a ticket's rank (how many come before it) is O(log n) too.
 */
type Queue = Tree<Ticket, true>;
type Queues = ReadonlyMap<string, Queue>;

const byId = (a: Ticket, b: Ticket) => a.id - b.id;
const byCall = (a: Ticket, b: Ticket) => (a.id === b.id ? 0 : callsBefore(a, b) ? -1 : 1);

/**
 * The waiting tickets of each service, by ascending id. Every command needs them (the room's load,
 * positions, call-next) and a day holds thousands of tickets while a command changes one or two: so
 * the queues of each ticket book are kept (a memo, invisible from outside: the engine stays pure), and
 * `withTicket` derives a new book's queues from the previous one's instead of going through the day again.
 */
function waitingByService(state: EngineState): Queues {
  let queues = waitingByBook.get(state.tickets);
  if (!queues) {
    const lists = new Map<string, Ticket[]>();
    for (const t of state.tickets.values()) {
      if (t.status !== 'waiting') continue;
      let list = lists.get(t.serviceId);
      if (!list) lists.set(t.serviceId, (list = []));
      list.push(t);
    }
    waitingByBook.set(state.tickets, (queues = queuesOf(lists, byId)));
  }
  return queues;
}

const waitingByBook = new WeakMap<TicketBook, Queues>();

function queuesOf(lists: ReadonlyMap<string, readonly Ticket[]>, compare: (a: Ticket, b: Ticket) => number): Queues {
  const queues = new Map<string, Queue>();
  for (const [serviceId, list] of lists) queues.set(serviceId, list.reduce((q, t) => q.insert(t, true), createTree<Ticket, true>(compare)));
  return queues;
}

/** Carries the queues over to `next`, a copy of `previous` in which only `before` became `after`. */
export function carryWaiting(previous: TicketBook, next: TicketBook, before: Ticket | undefined, after: Ticket): void {
  const queues = waitingByBook.get(previous);
  if (!queues) return; // never listed: listed when first asked for
  waitingByBook.set(next, moved(queues, before, after, byId));
  const ordered = callOrderByBook.get(previous);
  if (ordered) callOrderByBook.set(next, moved(ordered, before, after, byCall));
  const room = roomOrderByBook.get(previous);
  if (room) roomOrderByBook.set(next, movedIn(room, before, after));
}

/** `queues` with `before` taken out of its queue and `after` put into its own; the queues of other services are shared. */
function moved(queues: Queues, before: Ticket | undefined, after: Ticket, compare: (a: Ticket, b: Ticket) => number): Queues {
  const carried = new Map(queues);
  if (before?.status === 'waiting') carried.set(before.serviceId, movedIn(carried.get(before.serviceId)!, before, undefined));
  if (after.status === 'waiting') carried.set(after.serviceId, movedIn(carried.get(after.serviceId) ?? createTree<Ticket, true>(compare), undefined, after));
  return carried;
}

/** `queue` with `before` taken out (if it was waiting in it) and `after` put in (if it waits). */
function movedIn(queue: Queue, before: Ticket | undefined, after: Ticket | undefined): Queue {
  let carried = queue;
  if (before?.status === 'waiting') {
    const found = carried.find(before);
    if (found.valid) carried = found.remove();
  }
  return after?.status === 'waiting' ? carried.insert(after, true) : carried;
}

function rank(t: Ticket): number {
  return t.recoveredAt !== null ? -1 : t.appointmentAt !== null ? 0 : t.priority ? 1 : 2;
}

/** Whether `a` is called before `b` among tickets of one queue (recovered no-shows, appointments, priority, then arrival). */
export function callsBefore(a: Ticket, b: Ticket): boolean {
  if (rank(a) !== rank(b)) return rank(a) < rank(b);
  const ka = a.recoveredAt ?? a.appointmentAt ?? a.issuedAt;
  const kb = b.recoveredAt ?? b.appointmentAt ?? b.issuedAt;
  return ka !== kb ? ka < kb : a.id < b.id;
}

/**
 * People ahead of a waiting ticket in its service's queue: its rank in the service's waiting tickets in
 * call order (O(log n)), the same count as going through them all (`positionByScan`).
 */
export function positionOf(state: EngineState, ticket: Ticket): number {
  const queue = callOrder(state).get(ticket.serviceId);
  if (!queue) return 0;
  // The first waiting ticket not called before this one: its index is how many are.
  const ahead = queue.ge(ticket).index;
  // The book's own copy of the ticket is not ahead of itself (a copy with other fields may sort before it).
  const own = state.tickets.get(ticket.id);
  const ownAhead = own !== undefined && own !== ticket && own.status === 'waiting' && own.serviceId === ticket.serviceId && callsBefore(own, ticket);
  return ahead - (ownAhead ? 1 : 0);
}

/** `positionOf` by going through the service's waiting tickets: O(n). Kept as the reference the tests compare against. */
export function positionByScan(state: EngineState, ticket: Ticket): number {
  return waitingTickets(state, ticket.serviceId).filter((t) => t.id !== ticket.id && callsBefore(t, ticket)).length;
}

/**
 * The waiting tickets of each service in the order they are called (`callsBefore` is a total order:
 * rank, then time, then id). A memo per ticket book like the queues by id above, and carried the same way:
 * a command that changes one ticket moves it in its queue instead of sorting the day again.
 */
function callOrder(state: EngineState): Queues {
  let queues = callOrderByBook.get(state.tickets);
  if (!queues) {
    const lists = new Map([...waitingByService(state)].map(([serviceId, q]) => [serviceId, q.keys]));
    callOrderByBook.set(state.tickets, (queues = queuesOf(lists, byCall)));
  }
  return queues;
}

const callOrderByBook = new WeakMap<TicketBook, Queues>();

/**
 * Every waiting ticket in one tree, in the order the room is called (services merged by `callsBefore`): a memo
 * per ticket book carried like the queues, so that the snapshot goes through the room in order without sorting
 * the day's waiting tickets on every change.
 */
function roomOrder(state: EngineState): Queue {
  let room = roomOrderByBook.get(state.tickets);
  if (!room) {
    room = createTree<Ticket, true>(byCall);
    for (const queue of waitingByService(state).values()) for (const t of queue.keys) room = room.insert(t, true);
    roomOrderByBook.set(state.tickets, room);
  }
  return room;
}

const roomOrderByBook = new WeakMap<TicketBook, Queue>();

/** Every waiting ticket in the order the room is called (services merged by `callsBefore`). */
export function waitingInCallOrder(state: EngineState): Ticket[] {
  return roomOrder(state).keys;
}

/** `visit` of every waiting ticket in the order the room is called, without making a list of them. */
export function forEachWaitingInCallOrder(state: EngineState, visit: (t: Ticket) => void): void {
  // The tree's forEach stops at the first visit that returns a value: this one never does.
  roomOrder(state).forEach((t) => void visit(t));
}

export function estimateMinutes(state: EngineState, serviceId: string, peopleAhead: number): number | null {
  return estimator(state, serviceId)(peopleAhead);
}

/** `estimateMinutes` of one service for any number of people ahead, its desks and mean service time read once. */
export function estimator(state: EngineState, serviceId: string): (peopleAhead: number) => number | null {
  const desks = openDesksFor(state, serviceId);
  if (desks === 0) return () => null;
  const mean = meanServiceMs(state, serviceId);
  return (peopleAhead) => Math.round((peopleAhead * mean) / desks / minuteMs);
}

/** A new ticket's estimated wait: everyone already waiting for the service is ahead of it. */
export function serviceEstimateMinutes(state: EngineState, serviceId: string): number | null {
  return estimateMinutes(state, serviceId, waitingCount(state, serviceId));
}
