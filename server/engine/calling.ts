import { EngineError, type EngineEvent } from './commands.ts';
import { currentTicket, deskConfig, requireCallingDesk, ticket, withDesk, withTicket } from './access.ts';
import { lastCallsKept, type EngineState, type Ticket } from './state.ts';
import { callsBefore, waitingTickets } from './waitEstimate.ts';

/** Tickets this desk may call: waiting, for a service it serves, not reserved for another desk. */
export function callableBy(state: EngineState, deskId: string): Ticket[] {
  return deskConfig(state, deskId)
    .services.flatMap((serviceId) => waitingTickets(state, serviceId))
    .filter((t) => t.assignedDeskId === null || t.assignedDeskId === deskId);
}

function first(tickets: Ticket[]): Ticket | undefined {
  return tickets.reduce<Ticket | undefined>((best, t) => (best === undefined || callsBefore(t, best) ? t : best), undefined);
}

/**
 * The call-next policy: no-shows brought back (recovered) first, then appointments that are due, then priority tickets (at most `maxPriorityInRow`
 * in a row while normal tickets wait), then the longest-waiting ticket. Appointments not yet due wait.
 */
export function pickNext(state: EngineState, deskId: string, now: number): Ticket | undefined {
  const { appointmentWindowMinutes, maxPriorityInRow } = state.office.policy;
  const callable = callableBy(state, deskId);
  const recovered = callable.filter((t) => t.recoveredAt !== null);
  if (recovered.length > 0) return first(recovered);
  const dueBy = now + appointmentWindowMinutes * 60_000;
  const due = callable.filter((t) => t.appointmentAt !== null && t.appointmentAt <= dueBy);
  if (due.length > 0) return first(due);
  const walkIns = callable.filter((t) => t.appointmentAt === null);
  const priority = walkIns.filter((t) => t.priority);
  const normal = walkIns.filter((t) => !t.priority);
  if (priority.length > 0 && (normal.length === 0 || state.priorityStreak < maxPriorityInRow)) return first(priority);
  return first(normal);
}

function call(state: EngineState, t: Ticket, deskId: string, now: number, events: EngineEvent[]): EngineState {
  const desk = requireCallingDesk(state, deskId);
  const others = callableBy(state, deskId);
  const normalsWaited = others.some((o) => o.id !== t.id && !o.priority && o.appointmentAt === null);
  const priorityStreak =
    t.appointmentAt !== null || t.recoveredAt !== null ? state.priorityStreak : t.priority && normalsWaited ? state.priorityStreak + 1 : 0;
  const calledBy = desk.heldBy!; // a calling desk is held
  events.push({ type: 'ticket:called', ticketId: t.id, deskId, clerk: calledBy });
  const next = withDesk(withTicket(state, { ...t, status: 'called', calledAt: now, calledBy, deskId, assignedDeskId: null }), {
    ...desk,
    currentTicketId: t.id,
  });
  return { ...next, priorityStreak, lastCalls: [{ ticketId: t.id, deskId, at: now, recall: false }, ...state.lastCalls].slice(0, lastCallsKept) };
}

export function callNext(state: EngineState, deskId: string, now: number, events: EngineEvent[]) {
  requireCallingDesk(state, deskId);
  const t = pickNext(state, deskId, now);
  if (!t) throw new EngineError('queue-empty', `Nobody is waiting for desk "${deskId}".`);
  return { state: call(state, t, deskId, now, events), ticketId: t.id };
}

/** A clerk calls a specific waiting ticket out of order. */
export function callTicket(state: EngineState, deskId: string, ticketId: number, now: number, events: EngineEvent[]) {
  requireCallingDesk(state, deskId);
  const t = ticket(state, ticketId);
  if (t.status !== 'waiting') {
    const code = t.status === 'called' || t.status === 'serving' ? 'ticket-taken' : 'wrong-state';
    throw new EngineError(code, `Ticket ${t.number} is ${t.status}.`);
  }
  if (!callableBy(state, deskId).includes(t)) {
    throw new EngineError('wrong-state', `Desk "${deskId}" does not serve ticket ${t.number}.`);
  }
  return { state: call(state, t, deskId, now, events), ticketId: t.id };
}

/** Calls the current ticket again (the citizen has not come to the desk yet). */
export function recall(state: EngineState, deskId: string, now: number, events: EngineEvent[]) {
  const t = currentTicket(state, deskId);
  if (t.status !== 'called') throw new EngineError('wrong-state', `Ticket ${t.number} is already being served.`);
  events.push({ type: 'ticket:recalled', ticketId: t.id, deskId });
  const next = withTicket(state, { ...t, recalls: t.recalls + 1 });
  return {
    state: { ...next, lastCalls: [{ ticketId: t.id, deskId, at: now, recall: true }, ...state.lastCalls].slice(0, lastCallsKept) },
    ticketId: t.id,
  };
}
