import type { CallNeed } from './needs.ts';
/** What clients see of the hub's state. Times are ISO 8601 strings in UTC. */

export const ticketStatuses = ['waiting', 'called', 'serving', 'parked', 'done', 'no-show', 'cancelled', 'expired'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

export const deskModes = ['front', 'back', 'paused', 'closed'] as const;
export type DeskMode = (typeof deskModes)[number];

export interface Localized {
  it: string;
  en: string;
}

export interface OutcomeCount {
  code: string;
  count: number;
}

export interface TransferView {
  fromServiceId: string;
  toServiceId: string;
  toDeskId: string | null;
  byDeskId: string;
  at: string;
}

export interface TicketView {
  id: number;
  number: string;
  serviceId: string;
  status: TicketStatus;
  priority: boolean;
  appointment: boolean;
  issuedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  deskId: string | null;
  /** A transfer to a specific desk: only that desk may call the ticket. */
  assignedDeskId: string | null;
  recalls: number;
  outcomes: OutcomeCount[];
  transfers: TransferView[];
  /** Help the citizen asked for with being called (protocol/needs.ts), in a fixed order; empty for most tickets. */
  needs: CallNeed[];
  /** People ahead in the same queue; null once the ticket is no longer waiting. */
  position: number | null;
  /** Null when not waiting or when no desk is open for the service. */
  estimatedWaitMinutes: number | null;
}

export interface ServiceView {
  id: string;
  prefix: string;
  name: Localized;
  /** One of the office config's service icons. */
  icon: string;
  outcomes: string[];
  /** The name of each of `outcomes` in both languages (the office config's, or the standard catalogue's). */
  outcomeNames: { code: string; name: Localized }[];
  open: boolean;
  waiting: number;
  openDesks: number;
  /** Estimated wait for a ticket issued now; null when no desk is open for the service. */
  estimatedWaitMinutes: number | null;
  /** The office's cap on the service's tickets per day; null when there is none. */
  dailyLimit: number | null;
  /** Tickets the service may still hand out today (walk-ins and appointment check-ins count); null without a limit. */
  ticketsLeftToday: number | null;
  /** The day's limit is reached: the kiosk offers no ticket for the service until tomorrow. */
  dailyLimitReached: boolean;
}

export interface DeskView {
  id: string;
  name: string;
  kind: 'front' | 'back';
  services: string[];
  mode: DeskMode;
  currentTicket: TicketView | null;
  parkedTicketIds: number[];
  /** The parked tickets themselves, in the order they were parked. */
  parkedTickets: TicketView[];
  /** The username of the clerk holding the desk; a desk is open to the public only while held (null: nobody). */
  heldBy: string | null;
}

/** A desk's counters for the office day so far (`GET /api/desks/:deskId/today`). */
export interface DeskTodayView {
  deskId: string;
  day: string;
  /** Tickets finished at this desk. */
  served: number;
  noShows: number;
  /** Tickets this desk sent to another queue or desk. */
  transferred: number;
  /** Mean minutes from call to done over the tickets served here, one decimal; null before the first. */
  avgServiceMinutes: number | null;
  /** Minutes the desk has been open to the public today (front mode), the current stretch included. */
  publicMinutes: number;
  /** Appointments booked from this desk today. */
  appointmentsBooked: number;
}

export interface CallView {
  ticketId: number;
  number: string;
  serviceId: string;
  deskId: string;
  deskName: string;
  at: string;
  recall: boolean;
  appointment: boolean;
  /** The called ticket's needs: the display shows a symbol, holds a hearing call longer, speaks a sight call twice. */
  needs: CallNeed[];
}

export interface QueueSnapshot {
  seq: number;
  day: string;
  serverTime: string;
  officeName: string;
  open: boolean;
  /** When open: the end of the current opening interval (ISO). Displays close on time by themselves, without waiting for a snapshot. */
  closesAt?: string | null;
  /** When closed: the start of today's next opening interval (ISO), null when none is left today. */
  opensAt?: string | null;
  roomBusy: boolean;
  services: ServiceView[];
  desks: DeskView[];
  waiting: TicketView[];
  lastCalls: CallView[];
  /** The office's `policy.requireOutcome`: "Fine" must record an outcome (the desk's Done dialog says so first). */
  requireOutcome?: boolean;
}

export interface UserView {
  id: number;
  username: string;
  /** The role in the office asked (a network admin's is always admin). */
  role: Role;
  /** An admin of every office, who may create offices (present only when true). */
  networkAdmin?: true;
}

export const roles = ['clerk', 'manager', 'admin'] as const;
export type Role = (typeof roles)[number];

/**
 * What happens on paper after a kiosk's ticket is issued: `printing` (a `printer:status` with the ticket
 * id follows), `no-printer` (the kiosk has none: the screen is the ticket) or `already-printed` (a retry
 * of a request the hub had already done).
 */
export type PrintState = 'printing' | 'no-printer' | 'already-printed';

export const printFaults = ['offline', 'timeout', 'device-missing', 'paper-out', 'error'] as const;
export type PrintFaultCode = (typeof printFaults)[number];

/** Pushed as `printer:status` to the kiosk's room and to the office after each print job. */
export interface PrinterStatusView {
  kioskId: string;
  /** The printer's address without options ("none" when the kiosk has no printer). */
  printer: string;
  ok: boolean;
  fault?: PrintFaultCode;
  message?: string;
  at: string;
  ticketId?: number;
  number?: string;
}

/** The outcome of printing on a desk's receipt printer (an appointment slip), awaited by the desk. */
export interface DeskPrintResult {
  ok: boolean;
  printer: string;
  fault?: PrintFaultCode;
  message?: string;
}

export interface OpeningInterval {
  open: string;
  close: string;
}

/** The public facts about the office that kiosks and status pages show. */
export interface OfficeInfo {
  name: string;
  /** Where phones reach the hub (PUBLIC_URL) for ticket status links; null: the address the page came from. */
  publicUrl: string | null;
  timeZone: string;
  /** Opening hours per weekday ('mon' … 'sun'); a day left out is closed. */
  openingHours: Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', OpeningInterval[]>>;
  open: boolean;
  /** The next time the office opens when it is closed now (within two weeks), else null. */
  nextOpeningAt: string | null;
  /** Today's closing time when open now. */
  closesAt: string | null;
  services: { id: string; prefix: string; name: Localized; icon: string }[];
  desks: { id: string; name: string }[];
  kiosks: { id: string; name: string }[];
  /** Empty when the office has no priority step. */
  priorityReasons: { id: string; label: Localized; icon: string }[];
  /** Whether the kiosk offers "I have an appointment" (the office takes second-level appointments). */
  appointments: boolean;
  /** The help with being called the kiosk offers (protocol/needs.ts); empty leaves the kiosk's step out. */
  callNeeds: CallNeed[];
  /** Days a call-back's phone number is kept, for the kiosk's privacy line. */
  contactRetentionDays: number;
  /** Whether citizens are asked for a rating after their ticket is done (the office's `satisfaction.enabled`). */
  satisfaction: boolean;
  /** Whether citizens can join from home now (a service opts in, not paused): the kiosk then offers their check-in. */
  remoteJoin?: boolean;
}
