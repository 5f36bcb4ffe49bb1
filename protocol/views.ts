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
  /** People ahead in the same queue; null once the ticket is no longer waiting. */
  position: number | null;
  /** Null when not waiting or when no desk is open for the service. */
  estimatedWaitMinutes: number | null;
}

export interface ServiceView {
  id: string;
  prefix: string;
  name: Localized;
  outcomes: string[];
  open: boolean;
  waiting: number;
  openDesks: number;
  /** Estimated wait for a ticket issued now; null when no desk is open for the service. */
  estimatedWaitMinutes: number | null;
}

export interface DeskView {
  id: string;
  name: string;
  kind: 'front' | 'back';
  services: string[];
  mode: DeskMode;
  currentTicket: TicketView | null;
  parkedTicketIds: number[];
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
}

export interface QueueSnapshot {
  seq: number;
  day: string;
  serverTime: string;
  officeName: string;
  open: boolean;
  roomBusy: boolean;
  services: ServiceView[];
  desks: DeskView[];
  waiting: TicketView[];
  lastCalls: CallView[];
}

export interface UserView {
  id: number;
  username: string;
  role: Role;
}

export const roles = ['clerk', 'manager', 'admin'] as const;
export type Role = (typeof roles)[number];
