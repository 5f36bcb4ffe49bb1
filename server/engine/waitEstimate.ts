import type { EngineState, Ticket } from './state.ts';
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
  const lists = waitingByService(state);
  if (serviceId !== undefined) return [...(lists.get(serviceId) ?? [])];
  return [...lists.values()].flat().sort((a, b) => a.id - b.id);
}

/** How many tickets wait for each service. */
export function waitingCounts(state: EngineState): ReadonlyMap<string, number> {
  return new Map([...waitingByService(state)].map(([serviceId, list]) => [serviceId, list.length]));
}

type WaitingLists = ReadonlyMap<string, readonly Ticket[]>;

/**
 * The waiting tickets of each service, by ascending id. Every command needs them (the room's load,
 * positions, call-next) and a day holds thousands of tickets while a command changes one or two: so
 * the lists of each ticket book are kept (a memo, invisible from outside: the engine stays pure), and
 * `withTicket` derives a new book's lists from the previous one's instead of going through the day again.
 */
function waitingByService(state: EngineState): WaitingLists {
  let lists = waitingByBook.get(state.tickets);
  if (!lists) {
    const built = new Map<string, Ticket[]>();
    for (const t of state.tickets.values()) {
      if (t.status !== 'waiting') continue;
      let list = built.get(t.serviceId);
      if (!list) built.set(t.serviceId, (list = []));
      list.push(t);
    }
    waitingByBook.set(state.tickets, (lists = built));
  }
  return lists;
}

const waitingByBook = new WeakMap<TicketBook, WaitingLists>();

/** Carries the waiting lists over to `next`, a copy of `previous` in which only `before` became `after`. */
export function carryWaiting(previous: TicketBook, next: TicketBook, before: Ticket | undefined, after: Ticket): void {
  const lists = waitingByBook.get(previous);
  if (!lists) return; // never listed: listed when first asked for
  const carried = new Map(lists);
  if (before?.status === 'waiting') carried.set(before.serviceId, carried.get(before.serviceId)!.filter((t) => t.id !== before.id));
  if (after.status === 'waiting') carried.set(after.serviceId, insertById(carried.get(after.serviceId) ?? [], after));
  waitingByBook.set(next, carried);
  carryCallOrder(previous, next, before, after);
}

function insertById(list: readonly Ticket[], t: Ticket): Ticket[] {
  const at = list.findLastIndex((x) => x.id < t.id) + 1; // a new ticket goes last
  return [...list.slice(0, at), t, ...list.slice(at)];
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
 * People ahead of a waiting ticket in its service's queue: a binary search in the service's waiting
 * tickets in call order (O(log n)), the same count as going through them all (`positionByScan`).
 */
export function positionOf(state: EngineState, ticket: Ticket): number {
  const list = callOrder(state).get(ticket.serviceId) ?? [];
  const ahead = firstNotBefore(list, ticket);
  // The book's own copy of the ticket is not ahead of itself (a copy with other fields may sort before it).
  const own = state.tickets.get(ticket.id);
  const ownAhead = own !== undefined && own !== ticket && own.status === 'waiting' && own.serviceId === ticket.serviceId && callsBefore(own, ticket);
  return ahead - (ownAhead ? 1 : 0);
}

/** `positionOf` by going through the service's waiting tickets: O(n). Kept as the reference the tests compare against. */
export function positionByScan(state: EngineState, ticket: Ticket): number {
  return waitingTickets(state, ticket.serviceId).filter((t) => t.id !== ticket.id && callsBefore(t, ticket)).length;
}

/** How many of `list` (in call order) are called before `t`. */
function firstNotBefore(list: readonly Ticket[], t: Ticket): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (callsBefore(list[mid]!, t)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type CallOrder = ReadonlyMap<string, readonly Ticket[]>;

/**
 * The waiting tickets of each service in the order they are called (`callsBefore` is a total order:
 * rank, then time, then id). A memo per ticket book like the waiting lists above, and carried the same way:
 * a command that changes one ticket moves it in its list instead of sorting the day again.
 */
function callOrder(state: EngineState): CallOrder {
  let lists = callOrderByBook.get(state.tickets);
  if (!lists) {
    const sorted = new Map<string, Ticket[]>();
    for (const [serviceId, list] of waitingByService(state)) sorted.set(serviceId, [...list].sort((a, b) => (callsBefore(a, b) ? -1 : 1)));
    callOrderByBook.set(state.tickets, (lists = sorted));
  }
  return lists;
}

const callOrderByBook = new WeakMap<TicketBook, CallOrder>();

function carryCallOrder(previous: TicketBook, next: TicketBook, before: Ticket | undefined, after: Ticket): void {
  const lists = callOrderByBook.get(previous);
  if (!lists) return;
  const carried = new Map(lists);
  if (before?.status === 'waiting') carried.set(before.serviceId, carried.get(before.serviceId)!.filter((t) => t.id !== before.id));
  if (after.status === 'waiting') {
    const list = carried.get(after.serviceId) ?? [];
    const at = firstNotBefore(list, after);
    carried.set(after.serviceId, [...list.slice(0, at), after, ...list.slice(at)]);
  }
  callOrderByBook.set(next, carried);
}

/** Every waiting ticket in the order the room is called (services merged by `callsBefore`). */
export function waitingInCallOrder(state: EngineState): Ticket[] {
  return [...callOrder(state).values()].flat().sort((a, b) => (callsBefore(a, b) ? -1 : 1));
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
  return estimateMinutes(state, serviceId, waitingTickets(state, serviceId).length);
}
