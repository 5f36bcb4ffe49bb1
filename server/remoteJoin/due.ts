import type { PlaceStatus } from '../../protocol/remoteJoin.ts';
import type { EngineState, Ticket } from '../engine/state.ts';
import { estimator, isOpenDesk, waitingTickets } from '../engine/waitEstimate.ts';

/**
 * When a remote place's turn comes, read from the live queue (pure: the state and `now` are passed in).
 * A remote place is not in the engine, so it is never called; its turn has come
 * - at the first call, in its service, of a walk-in ranked after it (joined later), or
 * - now, when nobody who joined before it is waiting for its service and a desk of that service is free.
 * Appointments, priority tickets and no-shows brought back are called out of arrival order: their calls say
 * nothing about the place's turn, and tickets transferred in were ranked in another service's queue.
 */

/** What the turn and the status need of a place. */
export interface PlaceFacts {
  day: string;
  serviceId: string;
  joinedAt: number;
  /** The turn as first noted (the hold runs from the earliest one). */
  dueAt: number | null;
  checkedInAt: number | null;
  expiredAt: number | null;
}

const byArrival = (t: Ticket) => t.appointmentAt === null && !t.priority && t.recoveredAt === null && t.transfers.length === 0;

/** A desk open to the public that serves the service and has nobody at it. */
export function freeDeskFor(state: EngineState, serviceId: string): boolean {
  return state.office.desks.some((d) => d.services.includes(serviceId) && isOpenDesk(state, d.id) && state.desks.get(d.id)?.currentTicketId === null);
}

/** Tickets waiting for the service that arrived before the place joined: it would be called after them. */
export function waitingAhead(state: EngineState, serviceId: string, joinedAt: number): number {
  return waitingTickets(state, serviceId).filter((t) => t.issuedAt <= joinedAt || !byArrival(t)).length;
}

/** The moment the place would have been called, as far as the queue shows it now; null: not yet. */
export function turnCameAt(state: EngineState, place: Pick<PlaceFacts, 'day' | 'serviceId' | 'joinedAt'>, now: number): number | null {
  if (place.day !== state.day) return null;
  let first: number | null = null;
  for (const t of state.tickets.values()) {
    if (t.day !== state.day || t.serviceId !== place.serviceId || t.calledAt === null || !byArrival(t)) continue;
    if (t.issuedAt <= place.joinedAt) continue;
    if (first === null || t.calledAt < first) first = t.calledAt;
  }
  if (first !== null) return first;
  const someoneAhead = waitingTickets(state, place.serviceId).some((t) => t.issuedAt <= place.joinedAt);
  return !someoneAhead && freeDeskFor(state, place.serviceId) ? now : null;
}

/** The place's turn: the earlier of the one noted and the one the queue shows now. */
export function dueAt(state: EngineState, place: PlaceFacts, now: number): number | null {
  const seen = turnCameAt(state, place, now);
  if (place.dueAt === null) return seen;
  return seen === null ? place.dueAt : Math.min(seen, place.dueAt);
}

/**
 * Where the place stands: checked in; expired (marked, from an earlier day, or `holdMs` past its turn);
 * due (its turn has come: come now); or still waiting at home.
 */
export function placeStatus(state: EngineState, place: PlaceFacts, now: number, holdMs: number): { status: PlaceStatus; dueAt: number | null; expiresAt: number | null } {
  if (place.checkedInAt !== null) return { status: 'checked-in', dueAt: place.dueAt, expiresAt: null };
  if (place.expiredAt !== null || place.day < state.day) return { status: 'expired', dueAt: place.dueAt, expiresAt: place.expiredAt };
  const due = dueAt(state, place, now);
  if (due === null) return { status: 'waiting', dueAt: null, expiresAt: null };
  const expiresAt = due + holdMs;
  return { status: now >= expiresAt ? 'expired' : 'due', dueAt: due, expiresAt };
}

/** "Vieni entro le…": when due, its expiry; while waiting, now plus the wait of those ahead (null when no desk serves it). */
export function arriveBy(state: EngineState, place: PlaceFacts, now: number, holdMs: number): { at: number | null; waitMinutes: number | null; ahead: number } {
  const ahead = waitingAhead(state, place.serviceId, place.joinedAt);
  const waitMinutes = estimator(state, place.serviceId)(ahead);
  const { status, expiresAt } = placeStatus(state, place, now, holdMs);
  if (status === 'due') return { at: expiresAt, waitMinutes: 0, ahead };
  if (status !== 'waiting') return { at: null, waitMinutes, ahead };
  return { at: waitMinutes === null ? null : now + waitMinutes * 60_000, waitMinutes, ahead };
}
