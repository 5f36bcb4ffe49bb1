import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import type { OfficeConfig } from '../protocol/office.ts';
import { Auth } from './auth/auth.ts';
import { Committer } from './commands/committer.ts';
import type { HubContext } from './context.ts';
import { createApp } from './http/app.ts';
import { createLogger, type Logger } from './logger.ts';
import { createRealtime } from './realtime/io.ts';
import { defaultSocketLimits, type SocketLimits } from './realtime/limits.ts';
import type { HubServer } from './realtime/types.ts';
import { AuthStore } from './store/authStore.ts';
import { openStorage } from './store/openStorage.ts';
import { privateFolder } from './store/privateFiles.ts';
import { TicketPrinting } from './printing/ticketPrinting.ts';
import { QueueStore } from './store/queueStore.ts';
import { openQueue } from './store/openQueue.ts';
import { AppointmentStore } from './store/appointmentStore.ts';
import { CallbackStore } from './store/callbackStore.ts';
import { Callbacks } from './callbacks/callbacks.ts';
import { scheduleRetention } from './privacy/retention.ts';
import { Reports } from './reports/reports.ts';
import { AuditStore } from './store/auditStore.ts';
import { auditTakeOvers } from './desks/holding.ts';
import { Connections } from './realtime/connections.ts';
import { HubMetrics } from './observability/metrics.ts';
import { DeviceStore } from './store/deviceStore.ts';
import { Pairings } from './auth/pairings.ts';
import { KioskRate } from './auth/kioskRate.ts';
import { StatusLinks } from './tickets/statusLinks.ts';
import { defaultLoginLimits, type LoginLimits } from './http/loginLimits.ts';
import type { ScryptCost } from './auth/passwords.ts';
import { parseTrustProxy } from './http/trustProxy.ts';
import { parseAllowedHosts } from './http/allowedHosts.ts';
import { scheduleDailyBackups } from './backup/dailyBackups.ts';
import { FilePrinterRule, officePrinters } from './printing/filePrinters.ts';
import { HubWarnings } from './observability/warnings.ts';
import { publicUrlWarning } from './observability/publicUrl.ts';

export interface HubOptions {
  /** Seeds a new database; a database that has an office config keeps its own. */
  office: OfficeConfig;
  dbPath: string;
  /** DATABASE_URL: postgres://… stores everything in PostgreSQL instead of the SQLite file at `dbPath`. */
  databaseUrl?: string | undefined;
  port?: number;
  host?: string;
  adminPassword?: string | undefined;
  sessionHours?: number;
  log?: Logger;
  /** Printer URL of kiosks without their own (see the office config's `kiosks`); "none" by default. */
  printer?: string;
  /** The one folder `file:` printers set by an admin may point into (PRINTER_FILE_DIR); none by default. */
  printerFileDir?: string | undefined;
  /** Base address for the ticket QR codes; by default the address the kiosk reached the hub at. Unset or private, it is warned about (log at start, `/api/health`). */
  publicUrl?: string | undefined;
  /** Printer connect/write timeout; tests shorten it. */
  printTimeoutMs?: number;
  /** Milliseconds since the epoch; tests pass a fake one. */
  clock?: () => number;
  /** Bearer token of the monitoring system for /metrics and the detailed /api/health (METRICS_TOKEN). */
  metricsToken?: string | undefined;
  /** How long a write waits for another program's lock on the database before failing; 5000 by default. */
  busyTimeoutMs?: number;
  /** Tickets one paired kiosk may issue per minute (KIOSK_TICKETS_PER_MINUTE); 20 by default. */
  kioskTicketsPerMinute?: number;
  /** Sockets one address may hold open (MAX_SOCKETS_PER_ADDRESS); 50 by default. */
  maxSocketsPerAddress?: number;
  /** Mark the session cookie `Secure` (COOKIE_SECURE, when the hub is reached over HTTPS). */
  secureCookies?: boolean;
  /** TRUST_PROXY: which proxies may name the client's address (see server/http/trustProxy.ts); none by default. */
  trustProxy?: string | number | undefined;
  /** ALLOWED_HOSTS: the `Host` names the hub answers to, comma-separated (see server/http/allowedHosts.ts); any when unset. */
  allowedHosts?: string | undefined;
  /** Failed-login limits; tests shorten them. */
  loginLimits?: Partial<LoginLimits>;
  /** What one socket may send and how soon a connection must join; tests shorten them. */
  socketLimits?: Partial<SocketLimits>;
  /** scrypt parameters of new password hashes; OWASP's (N = 2^17) by default. Tests lower them to stay fast. */
  passwordCost?: ScryptCost;
  /** Folder of the automatic daily backups (BACKUP_DIR); none without it. See docs/backup.md. */
  backupDir?: string | undefined;
  /** How many daily backups to keep (BACKUP_KEEP); 14 by default. */
  backupKeep?: number;
  /** Overrides the office policy's `deskAwayMinutes` in milliseconds: tests shorten it. */
  deskAwayMs?: number;
}

export interface Hub {
  ctx: HubContext;
  /** The Socket.IO server, for tests that look at sockets and rooms from the hub's side. */
  io: HubServer;
  listen(): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
}

/** The composition root: opens the database, rebuilds the queue from it and wires REST and Socket.IO. */
export async function createHub(options: HubOptions): Promise<Hub> {
  const clock = options.clock ?? Date.now;
  const log = options.log ?? createLogger('info');
  const trustProxy = parseTrustProxy(options.trustProxy);
  const allowedHosts = parseAllowedHosts(options.allowedHosts);
  if (options.databaseUrl !== undefined && options.backupDir) {
    throw new Error('BACKUP_DIR makes SQLite backups, and this hub stores its data in PostgreSQL (DATABASE_URL): back PostgreSQL up with its own tools (pg_dump, base backups) and unset BACKUP_DIR.');
  }
  if (options.databaseUrl === undefined && options.dbPath !== ':memory:') {
    const warning = await privateFolder(dirname(options.dbPath)); // 0700 when new; the database files are 0600 (Db.open)
    if (warning) log.warn(warning);
  }

  // One connection writes (the committer's batches, and every store's writes in turn with them); the
  // other, read-only, serves logins, reports and older tickets. See server/store/hubDatabase.ts.
  // On PostgreSQL (DATABASE_URL) one pool does both. See server/store/openStorage.ts.
  const storage = await openStorage({ dbPath: options.dbPath, databaseUrl: options.databaseUrl, busyTimeoutMs: options.busyTimeoutMs }, clock());
  const database = storage.database;

  const opened = await openQueue(storage.writer, options.office, clock());
  if (!opened.seeded) log.info('office config from the database (the config file only seeds a new database; see npm run office)');
  const warnings = new HubWarnings();
  if (opened.officeWarning) {
    log.error({ problems: opened.officeWarning.problems }, opened.officeWarning.message);
    warnings.set(opened.officeWarning);
  }
  const linksWarning = publicUrlWarning(options.publicUrl);
  if (linksWarning) {
    log.warn({ publicUrl: linksWarning.publicUrl }, linksWarning.message);
    warnings.set(linksWarning);
  }
  const committer = new Committer(opened.state, opened.lastSeq, opened.store, clock, log);

  const sessionMs = (options.sessionHours ?? 12) * 3_600_000;
  const loginLimits = { ...defaultLoginLimits, ...options.loginLimits };
  const users = new AuthStore(database);
  const devices = new DeviceStore(database);
  const auth = new Auth(users, devices, clock, sessionMs, { cost: options.passwordCost, maxWaitingPerAddress: loginLimits.maxWaitingPerAddress, log });
  await auth.ensureAdmin(options.adminPassword, log);

  const printing = new TicketPrinting({
    office: () => committer.state.office,
    defaultPrinter: options.printer,
    log,
    clock,
    ...(options.printTimeoutMs ? { timeoutMs: options.printTimeoutMs } : {}),
  });
  // Its printers are built: the config started cleanly, and is the one to fall back on if a later start finds the stored one broken.
  // Not being able to note it (a full disk) must not stop the start either.
  if (!opened.officeWarning) {
    await opened.store.recordCleanStart(committer.state.office, clock()).catch((err: unknown) => log.warn({ err }, 'could not keep the office config as the last good one'));
  }
  const connections = new Connections();
  const metrics = new HubMetrics({ state: () => committer.state, clock, sockets: () => connections.counts(), printers: () => printing.service.statuses() });
  const ctx: HubContext = {
    get office() {
      return committer.state.office;
    },
    committer,
    database,
    queueStore: new QueueStore(storage.reader),
    auth,
    clock,
    log,
    sessionMs,
    printing,
    filePrinters: new FilePrinterRule(options.printerFileDir, [options.printer ?? 'none', ...officePrinters(options.office).map((p) => p.url)]),
    publicUrl: options.publicUrl,
    appointments: new AppointmentStore(database),
    callbacks: new Callbacks(new CallbackStore(database)),
    reports: new Reports(database, () => committer.state.office, clock, log),
    audit: new AuditStore(database),
    users,
    connections,
    metrics,
    metricsToken: options.metricsToken,
    warnings,
    devices,
    pairings: new Pairings(clock),
    kioskRate: new KioskRate(options.kioskTicketsPerMinute ?? 20, clock),
    statusLinks: await StatusLinks.load(database),
    maxSocketsPerAddress: options.maxSocketsPerAddress ?? 50,
    secureCookies: options.secureCookies ?? false,
    trustProxy,
    allowedHosts,
    loginLimits,
    deskAwayMs: options.deskAwayMs,
  };
  const http = createServer(createApp(ctx));
  const io = createRealtime(ctx, http, { ...defaultSocketLimits, ...options.socketLimits });

  // Closes yesterday's tickets at local midnight, even when nobody sends a command.
  let dayTimer: NodeJS.Timeout | undefined;
  const scheduleRollover = () => {
    clearTimeout(dayTimer);
    const wait = Math.max(0, committer.state.dayEndsAt - clock());
    dayTimer = setTimeout(() => void committer.submit({ type: 'clock:tick' }).then(scheduleRollover), Math.min(wait, 3_600_000) + 50);
    dayTimer.unref();
  };
  committer.on('committed', (batch) => {
    scheduleRollover();
    void auditTakeOvers(ctx, batch);
    // A day that just ended no longer changes: boil it down for the reports.
    if (batch.some((c) => c.events.some((e) => e.event.type === 'day:started'))) void ctx.reports.rollUp(committer.state.day);
  });
  if (committer.state.dayEndsAt <= clock()) await committer.submit({ type: 'clock:tick' });
  scheduleRollover();
  void ctx.reports.rollUp(committer.state.day);
  const stopRetention = scheduleRetention(ctx);
  const timeZone = () => committer.state.office.timeZone;
  const backups = options.backupDir && options.databaseUrl === undefined && options.dbPath !== ':memory:'
    ? scheduleDailyBackups({ dbPath: options.dbPath, dir: options.backupDir, keep: options.backupKeep ?? 14, clock, timeZone, log })
    : undefined;
  ctx.backups = backups;

  return {
    ctx,
    io,
    listen: () =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(options.port ?? 3000, options.host ?? '127.0.0.1', () => {
          const { port, address } = http.address() as AddressInfo;
          const host = address.includes(':') ? `[${address}]` : address;
          log.info({ port, host: address }, `Punto Comune hub listening on http://${host}:${port}`);
          resolve({ port, url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}` });
        });
      }),
    close: async () => {
      clearTimeout(dayTimer);
      await stopRetention();
      await backups?.stop();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await committer.idle();
      await auth.idle();
      await ctx.reports.idle();
      await printing.service.idle();
      await printing.deskService.idle();
      await storage.close();
    },
  };
}
