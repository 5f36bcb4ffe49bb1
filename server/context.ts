import type { OfficeConfig } from '../protocol/office.ts';
import type { TicketView } from '../protocol/views.ts';
import type { Auth } from './auth/auth.ts';
import type { Callbacks } from './callbacks/callbacks.ts';
import type { AppointmentStore } from './store/appointmentStore.ts';
import type { QueueWriter } from './commands/committer.ts';
import type { ClusterStatus } from './cluster/ownership.ts';
import type { Logger } from './logger.ts';
import type { TicketPrinting } from './printing/ticketPrinting.ts';
import type { FilePrinterRule } from './printing/filePrinters.ts';
import type { QueueStore } from './store/queueStore.ts';
import type { HubDatabase } from './store/hubDatabase.ts';
import type { AuditStore } from './store/auditStore.ts';
import type { Reports } from './reports/reports.ts';
import type { AuthStore } from './store/authStore.ts';
import type { Connections } from './realtime/connections.ts';
import type { HubMetrics } from './observability/metrics.ts';
import type { HubWarnings } from './observability/warnings.ts';
import type { DailyBackups } from './backup/dailyBackups.ts';
import type { FailedLogins, LoginLimits } from './http/loginLimits.ts';
import type { TrustProxy } from './http/trustProxy.ts';
import type { AllowedHost } from './http/allowedHosts.ts';
import type { KioskRate } from './auth/kioskRate.ts';
import type { Pairings } from './auth/pairings.ts';
import type { DeviceStore } from './store/deviceStore.ts';
import type { StatusLinks } from './tickets/statusLinks.ts';
import type { NetworkCatalogue } from './offices/catalogue/networkCatalogue.ts';
import type { RemoteJoin } from './remoteJoin/remoteJoin.ts';
import { ticketView } from './views.ts';
import type { OfficeWebhooks } from './webhooks/officeWebhooks.ts';

/** What the handlers of every feature share, built once by `createHub`. */
export interface HubContext {
  /** The office's id in the network (the default office's too); see server/offices/. */
  readonly officeId: string;
  /** Where the office's pages are: '' for the default office, `/o/<id>` for the others. */
  readonly pagePrefix: string;
  /** The live office config (the engine state's): admin changes apply at once. */
  readonly office: OfficeConfig;
  committer: QueueWriter;
  /** Several hub nodes on PostgreSQL: what this node owns and which nodes are live (server/cluster/); undefined on SQLite. */
  cluster?: (() => ClusterStatus) | undefined;
  /**
   * The database file and its two connections: `writer` is the committer's, the hub's single writer (the
   * stores write there too, each write in a transaction of its own), `reader` is read-only and serves
   * logins, reports and older tickets. The same connection for ':memory:'. See store/hubDatabase.ts.
   */
  database: HubDatabase;
  queueStore: QueueStore;
  auth: Auth;
  clock: () => number;
  log: Logger;
  sessionMs: number;
  printing: TicketPrinting;
  /** Where `file:` printers set by an admin may write (PRINTER_FILE_DIR). */
  filePrinters: FilePrinterRule;
  /** The address citizens' phones reach the hub at (PUBLIC_URL), for the QR codes; undefined: the kiosk's. */
  publicUrl: string | undefined;
  appointments: AppointmentStore;
  callbacks: Callbacks;
  reports: Reports;
  audit: AuditStore;
  /** Staff accounts, for the admin pages (logins go through `auth`). */
  users: AuthStore;
  /** The sockets connected now (kiosks, displays, staff), of every office: the limits per address are the hub's. */
  connections: Connections;
  /** Prometheus metrics for /metrics (counters bumped by the command path and error answers). */
  metrics: HubMetrics;
  /** METRICS_TOKEN: the monitoring system's bearer token for /metrics and the detailed /api/health. */
  metricsToken: string | undefined;
  /** What an admin must look at although the hub runs (a stored office config that failed validation). */
  warnings: HubWarnings;
  /** Registered kiosks and displays, and the codes devices are showing to be paired. */
  devices: DeviceStore;
  pairings: Pairings;
  /** How fast a paired kiosk may issue. */
  kioskRate: KioskRate;
  /** Signs the citizens' ticket status links. */
  statusLinks: StatusLinks;
  /** At most this many sockets from one address. */
  maxSocketsPerAddress: number;
  /** Set `Secure` on the session cookie (the hub is reached over HTTPS). */
  secureCookies: boolean;
  /** Which proxies may name the client (TRUST_PROXY): Express's `trust proxy` and the sockets' `clientAddress` both use it. */
  trustProxy: TrustProxy;
  /** ALLOWED_HOSTS: the only `Host` names answered, on HTTP and socket handshakes; undefined: any. */
  allowedHosts: readonly AllowedHost[] | undefined;
  loginLimits: LoginLimits;
  /** Failed logins by account and address, counted for the whole hub: a session works in every office, so one count. */
  loginFailures: FailedLogins;
  /** How long a held desk's page may be gone before the hub releases the desk, when not the office policy's (tests). */
  deskAwayMs: number | undefined;
  /** The network's outcome catalogue: an office config coming in is checked against it and merged with it. */
  catalogue: NetworkCatalogue;
  /** Outbound webhooks and SMS notices: endpoints, outbox, delivery (server/webhooks/). */
  webhooks: OfficeWebhooks;
  /** Joining the queue from home: remote places, outside the engine until checked in (server/remoteJoin/). */
  remoteJoin: RemoteJoin;
  /** The automatic daily backups, when BACKUP_DIR is set: their status, for /api/health. */
  backups?: Pick<DailyBackups, 'status'> | undefined;
}

/** What reading a ticket needs: today's from the engine, older ones from the queue's tables. */
export type TicketReadContext = Pick<HubContext, 'committer' | 'queueStore'>;

/** A ticket of today from memory, or an older one from the database. */
export async function readTicket(ctx: TicketReadContext, id: number): Promise<TicketView | undefined> {
  const state = ctx.committer.state;
  const t = state.tickets.get(id) ?? (await ctx.queueStore.findTicket(id));
  return t && ticketView(state, t);
}
