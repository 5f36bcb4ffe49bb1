import type { ChangeEventName, DeskChange, ChangeEvents, KioskNumbersChange, TicketChange } from '../../protocol/events.ts';
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
  // Numbers reserved for a kiosk count as handed out (as on the hub): fewer left today.
  if (name === 'kiosk:reserved') {
    const { serviceId, numbers } = change as KioskNumbersChange;
    return { ...next, services: next.services.map((s) => (s.id === serviceId ? withFewerLeft(s, numbers.length) : s)) };
  }
  return next;
}

function withDesk(snapshot: QueueSnapshot, desk: DeskChange['desk']): QueueSnapshot {
  return { ...snapshot, desks: snapshot.desks.map((d) => (d.id === desk.id ? desk : d)) };
}

function withTicketChange(snapshot: QueueSnapshot, name: ChangeEventName, change: TicketChange): QueueSnapshot {
  const { ticket, desk } = change;
  let next = desk ? withDesk(snapshot, desk) : snapshot;
  const waiting = upsertWaiting(next.waiting, ticket, name === 'ticket:recovered');
  next = { ...next, waiting, services: next.services.map((s) => ({ ...s, waiting: waiting.filter((t) => t.serviceId === s.id).length })) };
  if (name === 'ticket:issued') next = { ...next, services: next.services.map((s) => (s.id === ticket.serviceId ? withOneLessLeft(s) : s)) };
  const call = name === 'ticket:called' || name === 'ticket:recalled' ? callFromChange(change, name === 'ticket:recalled') : null;
  if (call) next = { ...next, lastCalls: [call, ...next.lastCalls].slice(0, lastCallsKept) };
  // A call taken back leaves the last calls, as on the hub.
  if (name === 'ticket:requeued') next = { ...next, lastCalls: next.lastCalls.filter((c) => c.ticketId !== ticket.id) };
  return next;
}

/** A new number of a service with a daily limit leaves one fewer for today (the hub counts the same way). */
function withOneLessLeft(service: ServiceView): ServiceView {
  return withFewerLeft(service, 1);
}

function withFewerLeft(service: ServiceView, count: number): ServiceView {
  if (service.ticketsLeftToday === null) return service;
  const left = Math.max(0, service.ticketsLeftToday - count);
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

/**
 * The waiting list with this ticket replaced, added or taken out (no longer waiting). A ticket that waits
 * again (transferred, its call taken back) goes where the hub's order puts it (appointments, priority,
 * arrival), not last, so a desk's list does not show it at the bottom until the next snapshot; a recovered
 * no-show goes first. A new ticket, the latest arrival, goes last.
 */
function upsertWaiting(waiting: readonly TicketView[], ticket: TicketView, first = false): TicketView[] {
  const at = waiting.findIndex((t) => t.id === ticket.id);
  if (ticket.status !== 'waiting') return at === -1 ? [...waiting] : waiting.filter((t) => t.id !== ticket.id);
  if (at !== -1) return waiting.map((t) => (t.id === ticket.id ? ticket : t));
  if (first) return [ticket, ...waiting];
  const before = waiting.findIndex((t) => callsBefore(ticket, t));
  return before === -1 ? [...waiting, ticket] : [...waiting.slice(0, before), ticket, ...waiting.slice(before)];
}

const rank = (t: TicketView) => (t.appointment ? 0 : t.priority ? 1 : 2);

/** The hub's order as far as a view shows it (the hub's own, in server/engine/waitEstimate.ts, knows more). */
function callsBefore(a: TicketView, b: TicketView): boolean {
  if (rank(a) !== rank(b)) return rank(a) < rank(b);
  return a.issuedAt !== b.issuedAt ? a.issuedAt < b.issuedAt : a.id < b.id;
}
