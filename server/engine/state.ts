import type { OfficeConfig } from '../../protocol/office.ts';
import type { DeskMode, OutcomeCount, TicketStatus } from '../../protocol/views.ts';
import type { CallNeed } from '../../protocol/needs.ts';
import { dayOf, dayStart, nextDay, openingIntervals, type Interval } from './calendar.ts';
import { isBusy, roomLoad } from './room.ts';
import { Map as ImmutableMap } from 'immutable';
import { TicketBook } from './ticketBook.ts';

/** The queue engine's whole state. Immutable: commands return a new state that shares unchanged parts. */

export interface Transfer {
  readonly fromServiceId: string;
  readonly toServiceId: string;
  readonly toDeskId: string | null;
  readonly byDeskId: string;
  readonly at: number;
}

export interface Ticket {
  readonly id: number;
  readonly day: string;
  /** Per-service daily counter value of the service that issued the number. */
  readonly seq: number;
  readonly number: string;
  readonly issuedServiceId: string;
  readonly serviceId: string;
  readonly status: TicketStatus;
  readonly priority: boolean;
  /** Booked time of an appointment checked in at the kiosk; null for walk-ins. */
  readonly appointmentAt: number | null;
  readonly requestId: string | null;
  /** Arrival time; kept through transfers, so a transferred ticket keeps its place in line. */
  readonly issuedAt: number;
  readonly calledAt: number | null;
  /** The clerk who held the desk when the ticket was last called (for per-clerk figures); null when not called. */
  readonly calledBy: string | null;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly deskId: string | null;
  readonly assignedDeskId: string | null;
  readonly recalls: number;
  readonly outcomes: readonly OutcomeCount[];
  readonly transfers: readonly Transfer[];
  /** When a no-show was brought back to the head of its queue (it is called before everyone else); null otherwise. */
  readonly recoveredAt: number | null;
  /** The clerk's private note on the service (never in public views); erased by the retention job. */
  readonly note: string | null;
  /** Why a desk cancelled the ticket (one of `cancelReasons`); null otherwise. */
  readonly cancelReason: string | null;
  /** Help asked for with being called (protocol/needs.ts), de-duplicated, in a fixed order. */
  readonly needs: readonly CallNeed[];
}

export interface Desk {
  readonly id: string;
  readonly mode: DeskMode;
  readonly currentTicketId: number | null;
  readonly parkedTicketIds: readonly number[];
  /** The username of the signed-in clerk holding the desk; a desk is open to the public only while held. */
  readonly heldBy: string | null;
}

export interface Call {
  readonly ticketId: number;
  readonly deskId: string;
  readonly at: number;
  readonly recall: boolean;
}

/** A number of today handed ahead of time to a kiosk, for it to issue while it cannot reach the hub (./kioskBlocks.ts). */
export interface ReservedNumber {
  readonly kioskId: string;
  readonly serviceId: string;
  readonly seq: number;
}

export interface EngineState {
  readonly office: OfficeConfig;
  readonly day: string;
  readonly dayEndsAt: number;
  readonly openingToday: readonly Interval[];
  readonly nextTicketId: number;
  /** The last number handed out today, per issuing service. */
  readonly counters: ReadonlyMap<string, number>;
  /** Today's tickets, whatever their status (and, the day after a rollover, the ones it expired). */
  readonly tickets: TicketBook;
  /** Today's kiosk request ids and the ticket each produced (a retried tap gets the same ticket). */
  readonly requestIds: ImmutableMap<string, number>;
  readonly desks: ReadonlyMap<string, Desk>;
  /** Recent service durations (ms) per service, newest last. */
  readonly serviceTimes: ReadonlyMap<string, readonly number[]>;
  /** Priority tickets called in a row while normal tickets waited. */
  readonly priorityStreak: number;
  readonly roomBusy: boolean;
  /** Newest first. */
  readonly lastCalls: readonly Call[];
  /** Today's numbers reserved for kiosks and not issued yet; numbering has already gone past them. */
  readonly reserved: readonly ReservedNumber[];
}

export const lastCallsKept = 10;

export const activeStatuses: readonly TicketStatus[] = ['waiting', 'called', 'serving', 'parked'];

export function isActive(ticket: Ticket): boolean {
  return activeStatuses.includes(ticket.status);
}

export function defaultMode(kind: 'front' | 'back'): DeskMode {
  return kind === 'front' ? 'front' : 'back';
}

export function dayFields(office: OfficeConfig, now: number): Pick<EngineState, 'day' | 'dayEndsAt' | 'openingToday'> {
  const day = dayOf(now, office.timeZone);
  return { day, dayEndsAt: dayStart(nextDay(day), office.timeZone), openingToday: openingIntervals(office, day) };
}

/**
 * What a store keeps between runs; everything else is derived. `tickets` holds the saved day's tickets,
 * those still open from before it, and any ticket already stored for a later day (the day the state will
 * roll over to): numbering always continues from the tickets really stored.
 */
export type PersistedState = Pick<
  EngineState,
  'nextTicketId' | 'desks' | 'serviceTimes' | 'priorityStreak' | 'lastCalls' | 'roomBusy'
> & { day: string; tickets: readonly Ticket[]; reserved?: readonly ReservedNumber[] };

/** A new desk, as the office config describes it. */
export function freshDesk(config: { id: string; kind: 'front' | 'back' }): Desk {
  return { id: config.id, mode: defaultMode(config.kind), currentTicketId: null, parkedTicketIds: [], heldBy: null };
}

/** A fresh state, or the state a store saved, for the instant `now`. */
export function createState(office: OfficeConfig, now: number, saved?: PersistedState): EngineState {
  const desks = new Map(office.desks.map((d) => [d.id, saved?.desks.get(d.id) ?? freshDesk(d)]));
  const fields = dayFields(office, now);
  const day = saved?.day ?? fields.day;
  const nextTicketId = saved?.nextTicketId ?? 1;
  const state: EngineState = {
    office,
    ...fields,
    // A saved day that is over is rolled over by the next command, like a live one.
    day,
    dayEndsAt: day === fields.day ? fields.dayEndsAt : Math.min(fields.dayEndsAt, now),
    nextTicketId,
    ...ticketsOfDay(day, saved?.tickets ?? [], nextTicketId, saved?.reserved ?? []),
    desks,
    serviceTimes: saved?.serviceTimes ?? new Map(),
    priorityStreak: saved?.priorityStreak ?? 0,
    roomBusy: false,
    lastCalls: saved?.lastCalls ?? [],
    reserved: saved?.reserved ?? [],
  };
  // A room that was busy stays busy until it is calm (the thresholds' hysteresis), restart or not.
  return { ...state, roomBusy: saved?.roomBusy === true || isBusy(state, roomLoad(state)) };
}

/**
 * The book of a day's tickets and the numbering that continues from them: each service's counter goes on
 * from the highest number of that day already handed out, and the day's request ids are known again.
 * Tickets of other days (open ones the day before left, expired by a rollover) are kept in the book but
 * count neither numbers nor taps. Numbers reserved for kiosks (of `day`) count as handed out.
 */
export function ticketsOfDay(
  day: string, tickets: readonly Ticket[], nextTicketId: number, reserved: readonly ReservedNumber[] = [],
): Pick<EngineState, 'tickets' | 'counters' | 'requestIds'> {
  const counters = new Map<string, number>();
  const requestIds = new Map<string, number>();
  let firstIdOfDay = nextTicketId;
  for (const t of tickets) {
    if (t.day !== day) continue;
    firstIdOfDay = Math.min(firstIdOfDay, t.id);
    counters.set(t.issuedServiceId, Math.max(counters.get(t.issuedServiceId) ?? 0, t.seq));
    if (t.requestId !== null) requestIds.set(t.requestId, t.id);
  }
  for (const r of reserved) counters.set(r.serviceId, Math.max(counters.get(r.serviceId) ?? 0, r.seq));
  return { tickets: TicketBook.of(tickets, firstIdOfDay), counters, requestIds: ImmutableMap(requestIds) };
}
