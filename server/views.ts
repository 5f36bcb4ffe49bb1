import { outcomeOpenOn } from '../protocol/outcomes.ts';
import type { CallView, DeskView, QueueSnapshot, ServiceView, TicketView } from '../protocol/views.ts';
import {
  estimateMinutes, estimator, forEachWaitingInCallOrder, isWithin, openDesksFor, positionOf, serviceEstimateMinutes, ticketsLeftToday, waitingCount,
  type EngineState, type Ticket,
} from './engine/index.ts';

/** What clients see of the engine's state. */

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function ticketView(state: EngineState, t: Ticket): TicketView {
  const waiting = t.status === 'waiting' && state.tickets.get(t.id) !== undefined;
  const position = waiting ? positionOf(state, t) : null;
  return viewOf(t, position, position === null ? null : estimateMinutes(state, t.serviceId, position));
}

/** The waiting tickets' views in call order, positions and estimates counted in one pass (each service's tickets in call order are its queue). */
function waitingViews(state: EngineState): TicketView[] {
  return eachWaiting(state, viewOf);
}

/** `each` of every waiting ticket in call order, with its position and estimate, counted in one pass. */
export function eachWaiting<T>(state: EngineState, each: (t: Ticket, position: number, estimate: number | null) => T): T[] {
  const out: T[] = [];
  forEachWaiting(state, (t, position, estimate) => void out.push(each(t, position, estimate)));
  return out;
}

/** `visit` of every waiting ticket in call order, with its position and estimate, counted in one pass; no list made. */
export function forEachWaiting(state: EngineState, visit: (t: Ticket, position: number, estimate: number | null) => void): void {
  const services = new Map<string, { ahead: number; estimate: (ahead: number) => number | null }>();
  forEachWaitingInCallOrder(state, (t) => {
    let service = services.get(t.serviceId);
    if (!service) services.set(t.serviceId, (service = { ahead: 0, estimate: estimator(state, t.serviceId) }));
    const position = service.ahead++;
    visit(t, position, service.estimate(position));
  });
}

/** A ticket's view with the position and estimate given (the last two fields). */
export function viewOf(t: Ticket, position: number | null, estimatedWaitMinutes: number | null): TicketView {
  return {
    id: t.id,
    number: t.number,
    serviceId: t.serviceId,
    status: t.status,
    priority: t.priority,
    appointment: t.appointmentAt !== null,
    issuedAt: new Date(t.issuedAt).toISOString(),
    calledAt: iso(t.calledAt),
    startedAt: iso(t.startedAt),
    finishedAt: iso(t.finishedAt),
    deskId: t.deskId,
    assignedDeskId: t.assignedDeskId,
    recalls: t.recalls,
    outcomes: [...t.outcomes],
    transfers: t.transfers.map((x) => ({ ...x, at: new Date(x.at).toISOString() })),
    needs: [...t.needs],
    position,
    estimatedWaitMinutes,
  };
}

export function deskView(state: EngineState, deskId: string): DeskView {
  const config = state.office.desks.find((d) => d.id === deskId)!;
  const desk = state.desks.get(deskId)!;
  const current = desk.currentTicketId === null ? undefined : state.tickets.get(desk.currentTicketId);
  return {
    id: config.id,
    name: config.name,
    kind: config.kind,
    services: [...config.services],
    mode: desk.mode,
    currentTicket: current ? ticketView(state, current) : null,
    parkedTicketIds: [...desk.parkedTicketIds],
    heldBy: desk.heldBy,
    parkedTickets: desk.parkedTicketIds.flatMap((id) => {
      const t = state.tickets.get(id);
      return t ? [ticketView(state, t)] : [];
    }),
  };
}

export function serviceViews(state: EngineState): ServiceView[] {
  return state.office.services.map((s) => ({
    id: s.id,
    prefix: s.prefix,
    name: { ...s.name },
    icon: s.icon,
    // Only what can still be recorded today (an outcome past its `until` stays named, for history).
    outcomes: s.outcomes.filter((o) => outcomeOpenOn(o, state.day)).map((o) => o.code),
    outcomeNames: s.outcomes.map((o) => ({ code: o.code, name: { ...o.name } })),
    open: s.open,
    waiting: waitingCount(state, s.id),
    openDesks: openDesksFor(state, s.id),
    estimatedWaitMinutes: serviceEstimateMinutes(state, s.id),
    ...dailyLimitView(state, s),
  }));
}

function dailyLimitView(state: EngineState, s: EngineState['office']['services'][number]): Pick<ServiceView, 'dailyLimit' | 'ticketsLeftToday' | 'dailyLimitReached'> {
  const left = ticketsLeftToday(state, s);
  return { dailyLimit: s.dailyLimit ?? null, ticketsLeftToday: left, dailyLimitReached: left === 0 };
}

function callView(state: EngineState, call: EngineState['lastCalls'][number]): CallView {
  const t = state.tickets.get(call.ticketId);
  return {
    ticketId: call.ticketId,
    number: t?.number ?? '',
    serviceId: t?.serviceId ?? '',
    deskId: call.deskId,
    deskName: state.office.desks.find((d) => d.id === call.deskId)?.name ?? call.deskId,
    at: new Date(call.at).toISOString(),
    recall: call.recall,
    appointment: t?.appointmentAt != null,
    needs: t ? [...t.needs] : [],
  };
}

/** The parts of a snapshot that change with the time of day alone (the rest changes only with the state). */
export function openingNow(state: EngineState, now: number): Pick<QueueSnapshot, 'open' | 'closesAt' | 'opensAt'> {
  const open = isWithin(state.openingToday, now);
  return {
    open,
    closesAt: iso(state.openingToday.find((i) => now >= i.from && now < i.to)?.to ?? null),
    opensAt: open ? null : iso(state.openingToday.filter((i) => i.from > now).reduce<number | null>((next, i) => (next === null || i.from < next ? i.from : next), null)),
  };
}

export function snapshot(state: EngineState, seq: number, now: number): QueueSnapshot {
  return { ...snapshotButWaiting(state, seq, now), waiting: waitingViews(state) };
}

/** Everything of a snapshot but its waiting tickets (the long part), in the same order. */
export function snapshotButWaiting(state: EngineState, seq: number, now: number): Omit<QueueSnapshot, 'waiting'> & { waiting?: never } {
  return {
    seq,
    day: state.day,
    serverTime: new Date(now).toISOString(),
    officeName: state.office.name,
    ...openingNow(state, now),
    roomBusy: state.roomBusy,
    services: serviceViews(state),
    desks: state.office.desks.map((d) => deskView(state, d.id)),
    lastCalls: state.lastCalls.map((c) => callView(state, c)),
    requireOutcome: state.office.policy.requireOutcome,
  };
}
