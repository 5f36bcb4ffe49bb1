import type { OfficeConfig } from '../protocol/office.ts';
import type { TicketView } from '../protocol/views.ts';
import type { Auth } from './auth/auth.ts';
import type { Callbacks } from './callbacks/callbacks.ts';
import type { AppointmentStore } from './store/appointmentStore.ts';
import type { Committer } from './commands/committer.ts';
import type { Logger } from './logger.ts';
import type { TicketPrinting } from './printing/ticketPrinting.ts';
import type { QueueStore } from './store/queueStore.ts';
import type { AuditStore } from './store/auditStore.ts';
import type { Reports } from './reports/reports.ts';
import type { AuthStore } from './store/authStore.ts';
import type { Connections } from './realtime/connections.ts';
import { ticketView } from './views.ts';

/** What the handlers of every feature share, built once by `createHub`. */
export interface HubContext {
  /** The live office config (the engine state's): admin changes apply at once. */
  readonly office: OfficeConfig;
  committer: Committer;
  queueStore: QueueStore;
  auth: Auth;
  clock: () => number;
  log: Logger;
  sessionMs: number;
  printing: TicketPrinting;
  /** The address citizens' phones reach the hub at (PUBLIC_URL), for the QR codes; undefined: the kiosk's. */
  publicUrl: string | undefined;
  appointments: AppointmentStore;
  callbacks: Callbacks;
  reports: Reports;
  audit: AuditStore;
  /** Staff accounts, for the admin pages (logins go through `auth`). */
  users: AuthStore;
  /** The sockets connected now (kiosks, displays, staff). */
  connections: Connections;
}

/** A ticket of today from memory, or an older one from the database. */
export async function readTicket(ctx: HubContext, id: number): Promise<TicketView | undefined> {
  const state = ctx.committer.state;
  const t = state.tickets[id] ?? (await ctx.queueStore.findTicket(id));
  return t && ticketView(state, t);
}
