import { outcomeOpenOn } from '../../protocol/outcomes.ts';
import type { OutcomeCount } from '../../protocol/views.ts';
import { EngineError, type EngineEvent } from './commands.ts';
import {
  currentTicket, deskConfig, deskState, requireCallingDesk, serviceConfig, ticket, withDesk, withTicket,
} from './access.ts';
import type { EngineState, Ticket } from './state.ts';

/** What a desk does with the ticket in front of it. */

function release(state: EngineState, deskId: string): EngineState {
  return withDesk(state, { ...deskState(state, deskId), currentTicketId: null });
}

export function recordServiceTime(state: EngineState, t: Ticket, now: number): EngineState {
  const samples = [...(state.serviceTimes.get(t.serviceId) ?? []), now - (t.calledAt ?? now)];
  const kept = samples.slice(-state.office.policy.serviceTimeSamples);
  return { ...state, serviceTimes: new Map(state.serviceTimes).set(t.serviceId, kept) };
}

export function start(state: EngineState, deskId: string, now: number, events: EngineEvent[]) {
  const t = currentTicket(state, deskId);
  if (t.status !== 'called') throw new EngineError('wrong-state', `Ticket ${t.number} is already being served.`);
  events.push({ type: 'ticket:started', ticketId: t.id, deskId });
  return { state: withTicket(state, { ...t, status: 'serving', startedAt: now }), ticketId: t.id };
}

function mergeOutcomes(outcomes: readonly OutcomeCount[]): OutcomeCount[] {
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(o.code, (counts.get(o.code) ?? 0) + o.count);
  return [...counts].map(([code, count]) => ({ code, count }));
}

export function finish(
  state: EngineState, deskId: string, outcomes: readonly OutcomeCount[], now: number, events: EngineEvent[], note?: string,
) {
  const t = currentTicket(state, deskId);
  const allowed = serviceConfig(state, t.serviceId).outcomes;
  const unknown = outcomes.find((o) => !allowed.some((a) => a.code === o.code));
  if (unknown) throw new EngineError('outcome-not-allowed', `Outcome "${unknown.code}" is not recorded for this service.`);
  const expired = allowed.find((a) => !outcomeOpenOn(a, state.day) && outcomes.some((o) => o.code === a.code));
  if (expired) {
    throw new EngineError('outcome-expired', `Outcome "${expired.code}" can no longer be recorded: its last day was ${expired.until}.`);
  }
  if (outcomes.length === 0 && state.office.policy.requireOutcome) {
    throw new EngineError('outcome-required', `Record at least one outcome to finish ticket ${t.number}.`);
  }
  events.push({ type: 'ticket:finished', ticketId: t.id, deskId });
  const done: Ticket = {
    ...t, status: 'done', startedAt: t.startedAt ?? now, finishedAt: now, outcomes: mergeOutcomes(outcomes), note: note ? note : null,
  };
  return { state: recordServiceTime(release(withTicket(state, done), deskId), t, now), ticketId: t.id };
}

export function noShow(state: EngineState, deskId: string, now: number, events: EngineEvent[]) {
  const t = currentTicket(state, deskId);
  if (t.status !== 'called') throw new EngineError('wrong-state', `Ticket ${t.number} is being served; finish it instead.`);
  events.push({ type: 'ticket:no-show', ticketId: t.id, deskId });
  return { state: release(withTicket(state, { ...t, status: 'no-show', finishedAt: now }), deskId), ticketId: t.id };
}

/** Back in line for another service (or desk), keeping its number and its arrival time. */
export function transfer(
  state: EngineState,
  deskId: string,
  to: { serviceId: string; toDeskId?: string },
  now: number,
  events: EngineEvent[],
) {
  const t = currentTicket(state, deskId);
  serviceConfig(state, to.serviceId);
  if (to.toDeskId !== undefined && !deskConfig(state, to.toDeskId).services.includes(to.serviceId)) {
    throw new EngineError('wrong-state', `Desk "${to.toDeskId}" does not serve "${to.serviceId}".`);
  }
  if (to.toDeskId === undefined && to.serviceId === t.serviceId) {
    throw new EngineError('wrong-state', `Ticket ${t.number} is already in that queue.`);
  }
  const moved: Ticket = {
    ...t,
    status: 'waiting',
    serviceId: to.serviceId,
    assignedDeskId: to.toDeskId ?? null,
    deskId: null,
    calledAt: null,
    calledBy: null,
    startedAt: null,
    transfers: [
      ...t.transfers,
      { fromServiceId: t.serviceId, toServiceId: to.serviceId, toDeskId: to.toDeskId ?? null, byDeskId: deskId, at: now },
    ],
  };
  events.push({ type: 'ticket:transferred', ticketId: t.id, deskId });
  return { state: release(withTicket(state, moved), deskId), ticketId: t.id };
}

/** Sets the current ticket aside (the citizen fetches a document) and frees the desk for the next one. */
export function park(state: EngineState, deskId: string, events: EngineEvent[]) {
  const t = currentTicket(state, deskId);
  const desk = deskState(state, deskId);
  events.push({ type: 'ticket:parked', ticketId: t.id, deskId });
  const next = withDesk(withTicket(state, { ...t, status: 'parked' }), {
    ...desk,
    currentTicketId: null,
    parkedTicketIds: [...desk.parkedTicketIds, t.id],
  });
  return { state: next, ticketId: t.id };
}

export function resume(state: EngineState, deskId: string, ticketId: number, events: EngineEvent[]) {
  const desk = requireCallingDesk(state, deskId);
  const t = ticket(state, ticketId);
  if (t.status !== 'parked' || !desk.parkedTicketIds.includes(t.id)) {
    throw new EngineError('wrong-state', `Ticket ${t.number} is not parked at desk "${deskId}".`);
  }
  events.push({ type: 'ticket:resumed', ticketId: t.id, deskId });
  const next = withDesk(withTicket(state, { ...t, status: t.startedAt !== null ? 'serving' : 'called' }), {
    ...desk,
    currentTicketId: t.id,
    parkedTicketIds: desk.parkedTicketIds.filter((id) => id !== t.id),
  });
  return { state: next, ticketId: t.id };
}
