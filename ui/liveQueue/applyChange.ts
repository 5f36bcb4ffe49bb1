import type { ChangeEventName, DeskChange, ChangeEvents, TicketChange } from '../../protocol/events.ts';
import type { CallView, QueueSnapshot, ServiceView, TicketView } from '../../protocol/views.ts';

/** How many recent calls a snapshot carries (the hub keeps the same number). */
export const lastCallsKept = 10;

export type ChangePayload<E extends ChangeEventName> = Parameters<ChangeEvents[E]>[0];

/**
 * Applies one pushed change to a snapshot, returning a new snapshot (the old one is not modified).
 * Desks, last calls, the busy flag, which tickets wait, how many per service and how many tickets a
 * service with a daily limit has left follow exactly. The order of the waiting list, positions and wait
 * estimates are the hub's to compute (priority policy, service times): they stay as the last snapshot
 * gave them, and pages that show them ask for a fresh snapshot after changes (`useLiveQueue`'s
 * `refreshAfterChangeMs`). A new day (`day:started`) always needs a fresh snapshot.
 */
export function applyChange<E extends ChangeEventName>(snapshot: QueueSnapshot, name: E, change: ChangePayload<E>): QueueSnapshot {
  const next: QueueSnapshot = { ...snapshot, seq: change.seq, serverTime: change.at };
  if (name === 'room:busy' || name === 'room:calm') return { ...next, roomBusy: name === 'room:busy' };
  if (name === 'desk:changed') return withDesk(next, (change as DeskChange).desk);
  if (name.startsWith('ticket:')) return withTicketChange(next, name, change as TicketChange);
  return next;
}

function withDesk(snapshot: QueueSnapshot, desk: DeskChange['desk']): QueueSnapshot {
  return { ...snapshot, desks: snapshot.desks.map((d) => (d.id === desk.id ? desk : d)) };
}

function withTicketChange(snapshot: QueueSnapshot, name: ChangeEventName, change: TicketChange): QueueSnapshot {
  const { ticket, desk } = change;
  let next = desk ? withDesk(snapshot, desk) : snapshot;
  const waiting = upsertWaiting(next.waiting, ticket);
  next = { ...next, waiting, services: next.services.map((s) => ({ ...s, waiting: waiting.filter((t) => t.serviceId === s.id).length })) };
  if (name === 'ticket:issued') next = { ...next, services: next.services.map((s) => (s.id === ticket.serviceId ? withOneLessLeft(s) : s)) };
  const call = name === 'ticket:called' || name === 'ticket:recalled' ? callFromChange(change, name === 'ticket:recalled') : null;
  if (call) next = { ...next, lastCalls: [call, ...next.lastCalls].slice(0, lastCallsKept) };
  return next;
}

/** A new number of a service with a daily limit leaves one fewer for today (the hub counts the same way). */
function withOneLessLeft(service: ServiceView): ServiceView {
  if (service.ticketsLeftToday === null) return service;
  const left = Math.max(0, service.ticketsLeftToday - 1);
  return { ...service, ticketsLeftToday: left, dailyLimitReached: left === 0 };
}

/** The call a pushed `ticket:called` / `ticket:recalled` describes (null when it names no desk). */
export function callFromChange(change: TicketChange, recall: boolean): CallView | null {
  const { ticket, desk } = change;
  if (!desk) return null;
  return {
    ticketId: ticket.id,
    number: ticket.number,
    serviceId: ticket.serviceId,
    deskId: desk.id,
    deskName: desk.name,
    at: change.at,
    recall,
    appointment: ticket.appointment,
    needs: [...ticket.needs],
  };
}

/** The waiting list with this ticket replaced, added at the end (new) or taken out (no longer waiting). */
function upsertWaiting(waiting: readonly TicketView[], ticket: TicketView): TicketView[] {
  const at = waiting.findIndex((t) => t.id === ticket.id);
  if (ticket.status !== 'waiting') return at === -1 ? [...waiting] : waiting.filter((t) => t.id !== ticket.id);
  if (at === -1) return [...waiting, ticket];
  return waiting.map((t) => (t.id === ticket.id ? ticket : t));
}
