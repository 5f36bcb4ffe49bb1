import type { OfficeConfig } from '../../protocol/office.ts';
import type { DeskMode, OutcomeCount, TicketStatus } from '../../protocol/views.ts';
import { dayOf, dayStart, nextDay, openingIntervals, type Interval } from './calendar.ts';
import { isBusy, roomLoad } from './room.ts';
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
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly deskId: string | null;
  readonly assignedDeskId: string | null;
  readonly recalls: number;
  readonly outcomes: readonly OutcomeCount[];
  readonly transfers: readonly Transfer[];
}

export interface Desk {
  readonly id: string;
  readonly mode: DeskMode;
  readonly currentTicketId: number | null;
  readonly parkedTicketIds: readonly number[];
}

export interface Call {
  readonly ticketId: number;
  readonly deskId: string;
  readonly at: number;
  readonly recall: boolean;
}

export interface EngineState {
  readonly office: OfficeConfig;
  readonly day: string;
  readonly dayEndsAt: number;
  readonly openingToday: readonly Interval[];
  readonly nextTicketId: number;
  readonly counters: Readonly<Record<string, number>>;
  /** Today's tickets, whatever their status (and, the day after a rollover, the ones it expired). */
  readonly tickets: TicketBook;
  readonly requestIds: Readonly<Record<string, number>>;
  readonly desks: Readonly<Record<string, Desk>>;
  /** Recent service durations (ms) per service, newest last. */
  readonly serviceTimes: Readonly<Record<string, readonly number[]>>;
  /** Priority tickets called in a row while normal tickets waited. */
  readonly priorityStreak: number;
  readonly roomBusy: boolean;
  /** Newest first. */
  readonly lastCalls: readonly Call[];
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

/** What a store keeps between runs; everything else is derived. */
export type PersistedState = Pick<
  EngineState,
  'nextTicketId' | 'desks' | 'serviceTimes' | 'priorityStreak' | 'lastCalls'
> & { day: string; tickets: Readonly<Record<number, Ticket>> };

/** A fresh state, or the state a store saved, for the instant `now`. */
export function createState(office: OfficeConfig, now: number, saved?: PersistedState): EngineState {
  const desks: Record<string, Desk> = {};
  for (const d of office.desks) {
    desks[d.id] = saved?.desks[d.id] ?? { id: d.id, mode: defaultMode(d.kind), currentTicketId: null, parkedTicketIds: [] };
  }
  const savedTickets = Object.values(saved?.tickets ?? {});
  const fields = dayFields(office, now);
  const day = saved?.day ?? fields.day;
  const nextTicketId = saved?.nextTicketId ?? 1;
  const counters: Record<string, number> = {};
  const requestIds: Record<string, number> = {};
  let firstIdToday = nextTicketId;
  for (const t of savedTickets) {
    // The expired tickets a rollover keeps belong to the day before: they count neither numbers nor taps.
    if (t.day !== day) continue;
    firstIdToday = Math.min(firstIdToday, t.id);
    counters[t.issuedServiceId] = Math.max(counters[t.issuedServiceId] ?? 0, t.seq);
    if (t.requestId) requestIds[t.requestId] = t.id;
  }
  const state: EngineState = {
    office,
    ...fields,
    // A saved day that is over is rolled over by the next command, like a live one.
    day,
    dayEndsAt: day === fields.day ? fields.dayEndsAt : Math.min(fields.dayEndsAt, now),
    nextTicketId,
    counters,
    tickets: TicketBook.of(savedTickets, firstIdToday),
    requestIds,
    desks,
    serviceTimes: saved?.serviceTimes ?? {},
    priorityStreak: saved?.priorityStreak ?? 0,
    roomBusy: false,
    lastCalls: saved?.lastCalls ?? [],
  };
  return { ...state, roomBusy: isBusy(state, roomLoad(state)) };
}
