import { EngineError, type EngineEvent } from './commands.ts';
import { currentTicket, deskState, requireCallingDesk, serviceConfig, ticket, withDesk, withTicket } from './access.ts';
import type { EngineState, Ticket } from './state.ts';

/**
 * Taking a desk's slip back: each undo is a command of its own with its own event, so the event log and
 * the reports say what really happened (a call withdrawn, a no-show recovered, a service reopened).
 */

/**
 * Undo of a call, and a desk let go with its ticket put back (see holding.ts): the desk's current ticket
 * (called, or already being served) waits again, in its own place: its arrival time, priority and appointment are kept, so the engine's normal order ranks it. A
 * ticket transferred to this very desk is reserved for it again. The withdrawn call leaves the last calls.
 */
export function requeue(state: EngineState, deskId: string, events: EngineEvent[]) {
  const t = currentTicket(state, deskId);
  const last = t.transfers.at(-1);
  const back: Ticket = {
    ...t,
    status: 'waiting',
    deskId: null,
    calledAt: null,
    calledBy: null,
    startedAt: null,
    assignedDeskId: last?.toDeskId === deskId && last.toServiceId === t.serviceId ? deskId : null,
  };
  events.push({ type: 'ticket:requeued', ticketId: t.id, deskId });
  const next = withDesk(withTicket(state, back), { ...deskState(state, deskId), currentTicketId: null });
  return { state: { ...next, lastCalls: state.lastCalls.filter((c) => c.ticketId !== t.id) }, ticketId: t.id };
}

/**
 * A no-show comes back (the citizen was only late), within `policy.noShowRecoveryMinutes` of being
 * marked: it waits again at the head of its service's queue (recovered tickets are called first, the
 * earliest recovered first).
 */
export function recover(state: EngineState, ticketId: number, now: number, events: EngineEvent[]) {
  const t = ticket(state, ticketId);
  if (t.status !== 'no-show') throw new EngineError('wrong-state', `Ticket ${t.number} is ${t.status}, not a no-show.`);
  serviceConfig(state, t.serviceId);
  const minutes = state.office.policy.noShowRecoveryMinutes;
  if (now - (t.finishedAt ?? now) > minutes * 60_000) {
    throw new EngineError('too-late', `Ticket ${t.number} was marked absent more than ${minutes} minutes ago.`);
  }
  const back: Ticket = {
    ...t, status: 'waiting', deskId: null, assignedDeskId: null, calledAt: null, startedAt: null, finishedAt: null, recoveredAt: now,
  };
  events.push({ type: 'ticket:recovered', ticketId: t.id, deskId: t.deskId });
  return { state: withTicket(state, back), ticketId: t.id };
}

/**
 * Undo of a finish: within `policy.undoSeconds`, the ticket this desk finished last is its current ticket
 * again (being served), its outcomes and note removed, and the service time it added taken out of the
 * samples. Refused once the desk has moved on (it has a ticket, or has finished or marked another since).
 */
export function reopen(state: EngineState, deskId: string, ticketId: number, now: number, events: EngineEvent[]) {
  const desk = requireCallingDesk(state, deskId);
  const t = ticket(state, ticketId);
  if (t.status !== 'done' || t.deskId !== deskId || t.finishedAt === null) {
    throw new EngineError('wrong-state', `Ticket ${t.number} was not finished at desk "${deskId}".`);
  }
  const finishedAt = t.finishedAt;
  const seconds = state.office.policy.undoSeconds;
  if (now - finishedAt > seconds * 1000) throw new EngineError('too-late', `Ticket ${t.number} was finished more than ${seconds} seconds ago.`);
  for (const other of state.tickets.values()) {
    if (other.id !== t.id && other.deskId === deskId && other.finishedAt !== null && other.finishedAt >= finishedAt) {
      throw new EngineError('too-late', `Desk "${deskId}" has moved on from ticket ${t.number}.`);
    }
  }
  const open: Ticket = { ...t, status: 'serving', finishedAt: null, outcomes: [], note: null };
  events.push({ type: 'ticket:reopened', ticketId: t.id, deskId });
  const next = withDesk(withTicket(state, open), { ...desk, currentTicketId: t.id });
  return { state: withoutSample(next, t.serviceId, finishedAt - (t.calledAt ?? finishedAt)), ticketId: t.id };
}

/** Takes back the service-time sample a finish added (the newest one of that length). */
function withoutSample(state: EngineState, serviceId: string, ms: number): EngineState {
  const samples = state.serviceTimes.get(serviceId) ?? [];
  const at = samples.lastIndexOf(ms);
  if (at === -1) return state;
  return { ...state, serviceTimes: new Map(state.serviceTimes).set(serviceId, samples.filter((_, i) => i !== at)) };
}
