import { dayStart } from './calendar.ts';
import { EngineError, type EngineEvent } from './commands.ts';
import { serviceConfig, withTicket } from './access.ts';
import { ticketsLeftToday } from './dailyLimit.ts';
import { newTicket } from './issue.ts';
import type { CallNeed } from '../../protocol/needs.ts';
import { offeredNeeds } from '../../protocol/needs.ts';
import type { EngineState, ReservedNumber } from './state.ts';

/**
 * Blocks of numbers a kiosk holds ahead of time, so that it can keep issuing while it cannot reach the hub
 * (a network blip, a hub restart). Reserving moves the service's counter past the block: every other issuer
 * skips those numbers. The kiosk later reports what it issued from its block, with the real tap times, and
 * those tickets take their place in the queue by tap time. What is left of a block at the day's end is
 * released by the rollover (./rollover.ts), with an event that the day's report shows as a gap.
 */

/** How far ahead of the hub's clock a kiosk's tap time may be (two clocks never agree exactly); it then counts as now. */
export const tapClockSkewMs = 2 * 60_000;

/** The numbers `kioskId` holds, of one service or all, in order. */
export function blockOf(state: EngineState, kioskId: string, serviceId?: string): ReservedNumber[] {
  return state.reserved.filter((r) => r.kioskId === kioskId && (serviceId === undefined || r.serviceId === serviceId));
}

/**
 * Tops up a kiosk's block of each service (every open service when none is named) to the office's
 * `policy.kioskBlockSize`, within the service's daily limit. A closed service gets no new numbers (it keeps
 * what it holds). Reserving nothing new is not an error: the kiosk's block was already full.
 */
export function reserveNumbers(state: EngineState, kioskId: string, serviceIds: readonly string[] | undefined, events: EngineEvent[]) {
  const size = state.office.policy.kioskBlockSize;
  const services = serviceIds === undefined ? state.office.services.filter((s) => s.open) : serviceIds.map((id) => serviceConfig(state, id));
  let counters = state.counters;
  const added: ReservedNumber[] = [];
  for (const service of services) {
    if (!service.open) continue;
    const held = blockOf(state, kioskId, service.id).length;
    const left = ticketsLeftToday({ ...state, counters }, service);
    const count = Math.min(size - held, left ?? Number.POSITIVE_INFINITY);
    if (count <= 0) continue;
    const first = (counters.get(service.id) ?? 0) + 1;
    const numbers = Array.from({ length: count }, (_, i) => first + i);
    added.push(...numbers.map((seq) => ({ kioskId, serviceId: service.id, seq })));
    counters = new Map(counters).set(service.id, first + count - 1);
    events.push({ type: 'kiosk:reserved', kioskId, serviceId: service.id, numbers });
  }
  return { state: added.length === 0 ? state : { ...state, counters, reserved: [...state.reserved, ...added] } };
}

export interface ReservedIssue {
  kioskId: string;
  serviceId: string;
  seq: number;
  /** When the citizen tapped the kiosk (the kiosk's clock); the ticket's place in the queue. */
  tappedAt: number;
  requestId: string;
  priority?: boolean;
  needs?: readonly CallNeed[];
}

/**
 * A ticket the kiosk issued from its block while offline, now reported: a request id seen today gives the
 * ticket it already produced (a repeated report is not a second ticket). The number must be one the kiosk
 * holds, the tap of today and not in the future. It is not refused for the office's hours, a closed
 * service or the daily limit: the citizen already holds the paper, and the number was counted when reserved.
 */
export function issueReserved(state: EngineState, req: ReservedIssue, now: number, events: EngineEvent[]) {
  const known = state.requestIds.get(req.requestId);
  if (known !== undefined) return { state, ticketId: known };

  const service = serviceConfig(state, req.serviceId);
  const index = state.reserved.findIndex((r) => r.kioskId === req.kioskId && r.serviceId === service.id && r.seq === req.seq);
  if (index < 0) throw new EngineError('number-not-reserved', `Number ${req.seq} of ${service.id} is not in this kiosk's block (used, released or never reserved).`);
  if (req.tappedAt > now + tapClockSkewMs) throw new EngineError('tap-time-refused', 'The tap time is in the future.');
  if (req.tappedAt < dayStart(state.day, state.office.timeZone)) throw new EngineError('tap-time-refused', 'The tap time is not of today.');
  const offered = offeredNeeds(state.office.callNeeds);
  const needs = req.needs?.filter((n) => offered.includes(n)); // the paper is printed: a need since turned off is dropped, not refused

  const t = newTicket(state, service, req.seq, { priority: req.priority ?? false, requestId: req.requestId, ...(needs ? { needs } : {}) }, Math.min(req.tappedAt, now));
  events.push({ type: 'ticket:issued', ticketId: t.id, deskId: null });
  const next: EngineState = {
    ...withTicket(state, t),
    nextTicketId: t.id + 1,
    requestIds: state.requestIds.set(req.requestId, t.id),
    reserved: state.reserved.filter((_, i) => i !== index),
  };
  return { state: next, ticketId: t.id };
}

/** The rollover's release of what is left of the day's blocks: one event per kiosk and service, naming the day. */
export function releaseBlocks(state: EngineState, events: EngineEvent[]): void {
  const groups = new Map<string, { kioskId: string; serviceId: string; numbers: number[] }>();
  for (const r of state.reserved) {
    const key = JSON.stringify([r.kioskId, r.serviceId]);
    const group = groups.get(key) ?? { kioskId: r.kioskId, serviceId: r.serviceId, numbers: [] };
    group.numbers.push(r.seq);
    groups.set(key, group);
  }
  for (const g of groups.values()) events.push({ type: 'kiosk:released', ...g, day: state.day });
}
