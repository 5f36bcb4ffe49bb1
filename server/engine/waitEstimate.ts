import type { EngineState, Ticket } from './state.ts';
import type { TicketBook } from './ticketBook.ts';

/**
 * Wait estimates: the mean of a service's recent service times (or its configured default until one is
 * known), times the people ahead, shared among the desks open for that service.
 */

const minuteMs = 60_000;

export function meanServiceMs(state: EngineState, serviceId: string): number {
  const samples = state.serviceTimes[serviceId] ?? [];
  if (samples.length > 0) return samples.reduce((a, b) => a + b, 0) / samples.length;
  const service = state.office.services.find((s) => s.id === serviceId);
  return (service?.defaultServiceMinutes ?? 8) * minuteMs;
}

/** Desks calling now (front mode) that serve the service, back-office desks switched to the public included. */
export function openDesksFor(state: EngineState, serviceId: string): number {
  return state.office.desks.filter((d) => d.services.includes(serviceId) && state.desks[d.id]?.mode === 'front').length;
}

export function waitingTickets(state: EngineState, serviceId?: string): Ticket[] {
  return state.tickets.values().filter(
    (t) => t.status === 'waiting' && (serviceId === undefined || t.serviceId === serviceId),
  );
}

/**
 * How many tickets wait for each service. The room's load needs this after every command, and a day
 * holds thousands of tickets while a command changes one or two: so the counts of each ticket book
 * are kept (a memo, invisible from outside: the engine stays pure), and `withTicket` derives a new
 * book's counts from the previous one's instead of counting the day again.
 */
export function waitingCounts(state: EngineState): ReadonlyMap<string, number> {
  let counts = countsByBook.get(state.tickets);
  if (!counts) {
    const counted = new Map<string, number>();
    for (const t of state.tickets.values()) {
      if (t.status === 'waiting') counted.set(t.serviceId, (counted.get(t.serviceId) ?? 0) + 1);
    }
    countsByBook.set(state.tickets, (counts = counted));
  }
  return counts;
}

const countsByBook = new WeakMap<TicketBook, ReadonlyMap<string, number>>();

/** Carries the counts over to `next`, a copy of `previous` in which only `before` became `after`. */
export function carryWaitingCounts(previous: TicketBook, next: TicketBook, before: Ticket | undefined, after: Ticket): void {
  const counts = countsByBook.get(previous);
  if (!counts) return; // never counted: counted when first asked for
  const carried = new Map(counts);
  if (before?.status === 'waiting') carried.set(before.serviceId, carried.get(before.serviceId)! - 1);
  if (after.status === 'waiting') carried.set(after.serviceId, (carried.get(after.serviceId) ?? 0) + 1);
  countsByBook.set(next, carried);
}

function rank(t: Ticket): number {
  return t.appointmentAt !== null ? 0 : t.priority ? 1 : 2;
}

/** Whether `a` is called before `b` among tickets of one queue (appointments, priority, then arrival). */
export function callsBefore(a: Ticket, b: Ticket): boolean {
  if (rank(a) !== rank(b)) return rank(a) < rank(b);
  const ka = a.appointmentAt ?? a.issuedAt;
  const kb = b.appointmentAt ?? b.issuedAt;
  return ka !== kb ? ka < kb : a.id < b.id;
}

/** People ahead of a waiting ticket in its service's queue. */
export function positionOf(state: EngineState, ticket: Ticket): number {
  return waitingTickets(state, ticket.serviceId).filter((t) => t.id !== ticket.id && callsBefore(t, ticket)).length;
}

export function estimateMinutes(state: EngineState, serviceId: string, peopleAhead: number): number | null {
  const desks = openDesksFor(state, serviceId);
  if (desks === 0) return null;
  return Math.round((peopleAhead * meanServiceMs(state, serviceId)) / desks / minuteMs);
}

/** A new ticket's estimated wait: everyone already waiting for the service is ahead of it. */
export function serviceEstimateMinutes(state: EngineState, serviceId: string): number | null {
  return estimateMinutes(state, serviceId, waitingTickets(state, serviceId).length);
}
