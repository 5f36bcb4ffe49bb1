import { dayStart, isWithin } from './calendar.ts';
import { EngineError, type EngineEvent } from './commands.ts';
import { serviceConfig, ticket, withDesk, withTicket } from './access.ts';
import { ticketsLeftToday } from './dailyLimit.ts';
import type { EngineState, Ticket } from './state.ts';
import type { ServiceConfig } from '../../protocol/office.ts';
import { callNeeds, offeredNeeds, type CallNeed } from '../../protocol/needs.ts';

export interface IssueRequest {
  serviceId: string;
  priority?: boolean;
  requestId?: string;
  appointmentAt?: number;
  needs?: readonly CallNeed[];
  /**
   * When the citizen really arrived, if earlier than now: a ticket moved here from another office of the
   * network keeps its place by its first arrival. It becomes the ticket's `issuedAt` (the arrival time the
   * queue is ordered by, as for a transfer); never later than now, never before the office's day began.
   */
  arrivedAt?: number;
  /**
   * The kiosk that asks. A kiosk holding reserved numbers of the service (./kioskBlocks.ts) is given the lowest
   * of them: its block stays the next numbers it hands out, so a blip finds the kiosk's paper and the hub agreeing.
   */
  kioskId?: string;
}

/** The arrival a new ticket is ranked by: `arrivedAt` kept within today's day and not in the future. */
export function arrivalOf(state: EngineState, req: IssueRequest, now: number): number {
  if (req.arrivedAt === undefined) return now;
  return Math.min(now, Math.max(req.arrivedAt, dayStart(state.day, state.office.timeZone)));
}

export function formatNumber(prefix: string, seq: number): string {
  return `${prefix}${String(seq).padStart(3, '0')}`;
}

/**
 * A new numbered ticket; a request id seen today returns the ticket it already produced (even once the
 * service's daily limit is reached: a retry is not a second ticket).
 */
export function issueTicket(state: EngineState, req: IssueRequest, now: number, events: EngineEvent[]) {
  const known = req.requestId !== undefined ? state.requestIds.get(req.requestId) : undefined;
  if (known !== undefined) return { state, ticketId: known };

  const service = serviceConfig(state, req.serviceId);
  if (!isWithin(state.openingToday, now)) throw new EngineError('office-closed', 'The office is closed now.');
  if (!service.open) throw new EngineError('service-closed', `The service "${service.id}" is closed.`);
  // An appointment check-in is never turned away: its slot was promised when it was booked (and slots
  // are limited on their own). It still uses a number, so it counts towards the day's limit.
  // A number of the kiosk's block was counted when it was reserved: the limit has already allowed it.
  const reserved = req.kioskId === undefined ? -1 : lowestReserved(state, req.kioskId, service.id);
  if (reserved < 0 && req.appointmentAt === undefined && ticketsLeftToday(state, service) === 0) {
    throw new EngineError('daily-limit-reached', `Today's tickets for ${service.name.it} have all been given out (${service.dailyLimit} a day).`);
  }

  const offered = offeredNeeds(state.office.callNeeds);
  const refused = req.needs?.find((n) => !offered.includes(n));
  if (refused !== undefined) throw new EngineError('need-not-offered', `This office does not offer the help "${refused}" with being called.`);

  const seq = reserved >= 0 ? state.reserved[reserved]!.seq : (state.counters.get(service.id) ?? 0) + 1;
  const t = newTicket(state, service, seq, req, arrivalOf(state, req, now));
  events.push({ type: 'ticket:issued', ticketId: t.id, deskId: null });
  const next: EngineState = {
    ...withTicket(state, t),
    nextTicketId: t.id + 1,
    ...(reserved >= 0 ? { reserved: state.reserved.filter((_, i) => i !== reserved) } : { counters: new Map(state.counters).set(service.id, seq) }),
    // A persistent map: remembering a tap copies one path of it, not the day's taps.
    requestIds: req.requestId !== undefined ? state.requestIds.set(req.requestId, t.id) : state.requestIds,
  };
  return { state: next, ticketId: t.id };
}

/** The index in `state.reserved` of the kiosk's lowest number of the service; -1 when it holds none. */
function lowestReserved(state: EngineState, kioskId: string, serviceId: string): number {
  let found = -1;
  state.reserved.forEach((r, i) => {
    if (r.kioskId === kioskId && r.serviceId === serviceId && (found < 0 || r.seq < state.reserved[found]!.seq)) found = i;
  });
  return found;
}

/** A waiting ticket numbered `seq` of `service`, arrived at `issuedAt`, with the next id. */
export function newTicket(state: EngineState, service: ServiceConfig, seq: number, req: Omit<IssueRequest, 'serviceId' | 'arrivedAt' | 'kioskId'>, issuedAt: number): Ticket {
  return {
    id: state.nextTicketId,
    day: state.day,
    seq,
    number: formatNumber(service.prefix, seq),
    issuedServiceId: service.id,
    serviceId: service.id,
    status: 'waiting',
    priority: req.priority ?? false,
    appointmentAt: req.appointmentAt ?? null,
    requestId: req.requestId ?? null,
    issuedAt,
    calledAt: null,
    calledBy: null,
    startedAt: null,
    finishedAt: null,
    deskId: null,
    assignedDeskId: null,
    recalls: 0,
    outcomes: [],
    transfers: [],
    recoveredAt: null,
    note: null,
    cancelReason: null,
    needs: callNeeds.filter((n) => req.needs?.includes(n)),
  };
}

/** The citizen left: a waiting or parked ticket is cancelled. */
export function cancelTicket(state: EngineState, ticketId: number, now: number, events: EngineEvent[], reason?: string) {
  const t = ticket(state, ticketId);
  if (t.status !== 'waiting' && t.status !== 'parked') {
    throw new EngineError('wrong-state', `Ticket ${t.number} is ${t.status}; only waiting or parked tickets can be cancelled.`);
  }
  let next = withTicket(state, { ...t, status: 'cancelled', finishedAt: now, cancelReason: reason ?? null });
  if (t.status === 'parked' && t.deskId) {
    const desk = next.desks.get(t.deskId)!;
    next = withDesk(next, { ...desk, parkedTicketIds: desk.parkedTicketIds.filter((id) => id !== t.id) });
  }
  events.push({ type: 'ticket:cancelled', ticketId: t.id, deskId: t.deskId });
  return { state: next, ticketId: t.id };
}
