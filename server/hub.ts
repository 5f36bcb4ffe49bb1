import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import type { OfficeConfig } from '../protocol/office.ts';
import type { HubContext } from './context.ts';
import { createApp } from './http/app.ts';
import { createLogger, type Logger } from './logger.ts';
import { createRealtime } from './realtime/io.ts';
import { defaultSocketLimits, type SocketLimits } from './realtime/limits.ts';
import type { HubServer } from './realtime/types.ts';
import { openStorage } from './store/openStorage.ts';
import { privateFolder } from './store/privateFiles.ts';
import { Connections } from './realtime/connections.ts';
import { defaultLoginLimits, FailedLogins, type LoginLimits } from './http/loginLimits.ts';
import type { ScryptCost } from './auth/passwords.ts';
import { parseTrustProxy } from './http/trustProxy.ts';
import { parseAllowedHosts } from './http/allowedHosts.ts';
import { publicUrlWarning } from './observability/publicUrl.ts';
import { NodeMetrics } from './observability/nodeMetrics.ts';
import { OfficeRegistry } from './offices/officeRegistry.ts';
import { openOffice, type NetworkParts, type OfficeRuntime } from './offices/openOffice.ts';
import { Offices } from './offices/offices.ts';
import type { Network } from './offices/network.ts';
import { Cluster } from './cluster/cluster.ts';
import { officeReady } from './cluster/officeReady.ts';
import { SharedPgPool, type PgDatabase } from './store/pg/pgDatabase.ts';
import { FaqStore } from './faq/faqStore.ts';
import { NetworkCatalogue } from './offices/catalogue/networkCatalogue.ts';

export interface HubOptions {
  /** Seeds a new database; a database that has an office config keeps its own. */
  office: OfficeConfig;
  dbPath: string;
  /** DATABASE_URL: postgres://… stores everything in PostgreSQL instead of the SQLite file at `dbPath`. */
  databaseUrl?: string | undefined;
  port?: number;
  host?: string;
  /**
   * This node's name among the hub nodes of a network (NODE_NAME): `pc_node_info` in /metrics, `/api/health`, the
   * logs, and its name in a cluster on PostgreSQL, where it must be unique. `<hostname>:<port>` by default; with
   * port 0 (tests) `<hostname>-<pid>`, the port being chosen only once the hub listens.
   */
  nodeName?: string | undefined;
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
  /** How often a cluster node looks at who owns which office (ms); tests may shorten it. */
  clusterRoundMs?: number;
  /** People ahead of a ticket when its SMS notice goes (SMS_NOTICE_AHEAD); 3 by default. */
  smsNoticeAhead?: number;
  /** Webhook delivery's backoff (ms after each failed attempt), timeout, concurrency and polling; tests shorten them. */
  webhookDelivery?: NetworkParts['webhookDelivery'];
}

export interface Hub {
  /** The default office's context (the office seeded from OFFICE_CONFIG). */
  ctx: HubContext;
  /** Every office of the hub, and what they share. */
  network: Network;
  /** The Socket.IO server, for tests that look at sockets and rooms from the hub's side. */
  io: HubServer;
  listen(): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
}

/** A node's name when NODE_NAME is not set: the machine's and the port's, which no two nodes share. */
export const defaultNodeName = (port: number) => (port === 0 ? `${hostname()}-${process.pid}` : `${hostname()}:${port}`);

/** The id the default office gets at its first start when its config file names none. */
export const defaultOfficeId = 'main';

/**
 * The composition root: opens the default office's database (which also holds the staff and the list of
 * offices), then every office in its own database (see server/offices/), rebuilds their queues and wires
 * REST and Socket.IO. A one-office hub is just a network of one.
 */
export async function createHub(options: HubOptions): Promise<Hub> {
  const clock = options.clock ?? Date.now;
  const log = options.log ?? createLogger('info');
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
  // On PostgreSQL the offices other than the default share one pool (their schemas as search_path): a few connections per hub, not per office.
  const sharedPool = options.databaseUrl === undefined ? undefined : new SharedPgPool(options.databaseUrl);
  const storageOptions = { dbPath: options.dbPath, databaseUrl: options.databaseUrl, busyTimeoutMs: options.busyTimeoutMs, sharedPool };
  const storage = await openStorage(storageOptions, clock());
  const registry = new OfficeRegistry(storage.database);
  // On PostgreSQL every hub process is a node of a cluster (one alone owns every office): see server/cluster/.
  let cluster: Cluster | undefined;
  if (options.databaseUrl !== undefined) {
    try {
      cluster = await Cluster.start({
        databaseUrl: options.databaseUrl,
        nodeName: options.nodeName ?? defaultNodeName(options.port ?? 3000),
        networkDb: storage.writer as PgDatabase,
        log,
        clock,
        ...(options.clusterRoundMs ? { roundMs: options.clusterRoundMs } : {}),
      });
    } catch (err) {
      await storage.close();
      throw err;
    }
  }
  const loginLimits = { ...defaultLoginLimits, ...options.loginLimits };
  const connections = new Connections();
  const parts: NetworkParts = {
    storage: storageOptions,
    networkDatabase: storage.database,
    catalogue: new NetworkCatalogue(storage.database, log),
    clock,
    log,
    nodeName: options.nodeName ?? defaultNodeName(options.port ?? 3000),
    nodeMetrics: new NodeMetrics({ nodeName: () => parts.nodeName, sockets: () => connections.countsByOffice() }),
    sessionMs: (options.sessionHours ?? 12) * 3_600_000,
    connections,
    trustProxy: parseTrustProxy(options.trustProxy),
    allowedHosts: parseAllowedHosts(options.allowedHosts),
    loginLimits,
    loginFailures: new FailedLogins(loginLimits, clock),
    publicUrl: options.publicUrl,
    metricsToken: options.metricsToken,
    maxSocketsPerAddress: options.maxSocketsPerAddress ?? 50,
    secureCookies: options.secureCookies ?? false,
    passwordCost: options.passwordCost,
    printer: options.printer,
    printerFileDir: options.printerFileDir,
    printTimeoutMs: options.printTimeoutMs,
    kioskTicketsPerMinute: options.kioskTicketsPerMinute ?? 20,
    deskAwayMs: options.deskAwayMs,
    backupDir: options.backupDir,
    backupKeep: options.backupKeep ?? 14,
    cluster,
    webhookDelivery: options.webhookDelivery,
    smsNoticeAhead: options.smsNoticeAhead ?? 3,
  };

  const opened: OfficeRuntime[] = [];
  try {
    const defaultId = await registry.defaultId(options.office.id ?? defaultOfficeId, clock());
    const main = await openOffice(parts, { id: defaultId, isDefault: true, seed: options.office }, storage);
    opened.push(main);
    parts.hashing = main.ctx.auth.hashing; // one password check at a time in the whole hub
    parts.sessionCaches = main.ctx.auth.sessionCaches; // a logout ends the session in every office at once
    await main.ctx.auth.ensureAdmin(options.adminPassword, log);
    const linksWarning = publicUrlWarning(options.publicUrl);
    if (linksWarning) {
      log.warn({ publicUrl: linksWarning.publicUrl }, linksWarning.message);
      main.ctx.warnings.set(linksWarning);
    }
    // The other offices as they were, each from its own database, where its config is. One that cannot be
    // opened does not keep the others from running: it is logged and shown to the admins as a warning.
    const notStarted: { id: string; problem: string }[] = [];
    for (const entry of await registry.list()) {
      if (entry.isDefault) continue;
      try {
        opened.push(await openOffice(parts, { id: entry.id, isDefault: false, seed: { ...options.office, id: entry.id } }));
      } catch (err) {
        const problem = err instanceof Error ? err.message : String(err);
        log.error({ err, office: entry.id }, `the office "${entry.id}" could not be started; the other offices run`);
        notStarted.push({ id: entry.id, problem });
      }
    }
    if (notStarted.length > 0) {
      main.ctx.warnings.set({
        code: 'offices-not-started',
        message: `${notStarted.length === 1 ? 'An office' : `${notStarted.length} offices`} of the network could not be started: ${notStarted.map((o) => `${o.id} (${o.problem})`).join('; ')}. The other offices run; repair the database, then restart the hub.`,
        offices: notStarted,
      });
    }
  } catch (err) {
    for (const office of opened.reverse()) await office.close().catch(() => undefined);
    if (opened.length === 0) await storage.close();
    await cluster?.close();
    await cluster?.closeAdapter();
    await sharedPool?.end();
    throw err;
  }
  const offices = new Offices(opened[0]!);
  for (const office of opened.slice(1)) offices.add(office);
  // /metrics reads every office running here, those created later through the API included.
  offices.each((office) => parts.nodeMetrics.show(office.ctx.metrics));
  const network: Network = { parts, offices, registry, faq: new FaqStore(storage.database) };

  const http = createServer(createApp(network));
  const io = createRealtime(network, http, { ...defaultSocketLimits, ...options.socketLimits });
  const ctx = offices.defaultOffice.ctx;
  // An office created on another node is opened here when the ownership rounds find it in the list.
  await cluster?.run(io, async (id) => {
    if (offices.has(id) || offices.opening(id)) return;
    if (!(await officeReady(storage.writer as PgDatabase, id))) return; // another node is still creating it
    offices.add(await openOffice(parts, { id, isDefault: false, seed: { ...options.office, id } }));
  }, { sessions: ctx.auth.sessionCaches, devices: () => offices.all().map((o) => o.ctx.auth), pairings: (id) => offices.get(id)?.ctx.pairings });

  return {
    ctx,
    network,
    io,
    listen: () =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(options.port ?? 3000, options.host ?? '127.0.0.1', () => {
          const { port, address } = http.address() as AddressInfo;
          const host = address.includes(':') ? `[${address}]` : address;
          log.info({ port, host: address, node: parts.nodeName, offices: offices.all().length }, `Punto Comune hub listening on http://${host}:${port}`);
          resolve({ port, url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}` });
        });
      }),
    close: async () => {
      await cluster?.close(); // hands its offices over first: the commands under way are written
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await cluster?.closeAdapter();
      // The default office last: its database is the network's (staff, sessions) and the others' logins use it.
      for (const office of offices.all().reverse()) await office.close();
      await sharedPool?.end();
    },
  };
}
