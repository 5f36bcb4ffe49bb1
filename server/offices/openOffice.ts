import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { OfficeConfig } from '../../protocol/office.ts';
import { Auth } from '../auth/auth.ts';
import type { FairQueue } from '../auth/fairQueue.ts';
import type { SessionCaches } from '../auth/sessionCache.ts';
import { KioskRate } from '../auth/kioskRate.ts';
import { Pairings } from '../auth/pairings.ts';
import type { ScryptCost } from '../auth/passwords.ts';
import { scheduleDailyBackups } from '../backup/dailyBackups.ts';
import { Callbacks } from '../callbacks/callbacks.ts';
import { Committer, type QueueWriter } from '../commands/committer.ts';
import { ClusterCommitter } from '../cluster/clusterCommitter.ts';
import type { Cluster } from '../cluster/cluster.ts';
import type { HubContext } from '../context.ts';
import { auditTakeOvers } from '../desks/holding.ts';
import type { AllowedHost } from '../http/allowedHosts.ts';
import type { FailedLogins, LoginLimits } from '../http/loginLimits.ts';
import type { TrustProxy } from '../http/trustProxy.ts';
import type { Logger } from '../logger.ts';
import type { NodeMetrics } from '../observability/nodeMetrics.ts';
import { HubWarnings } from '../observability/warnings.ts';
import { FilePrinterRule, officePrinters } from '../printing/filePrinters.ts';
import { TicketPrinting } from '../printing/ticketPrinting.ts';
import { scheduleRetention } from '../privacy/retention.ts';
import type { Connections } from '../realtime/connections.ts';
import { Reports } from '../reports/reports.ts';
import { AppointmentStore } from '../store/appointmentStore.ts';
import { RemoteJoin } from '../remoteJoin/remoteJoin.ts';
import { AuditStore } from '../store/auditStore.ts';
import { AuthStore, defaultOfficeKey } from '../store/authStore.ts';
import { CallbackStore } from '../store/callbackStore.ts';
import { DeviceStore } from '../store/deviceStore.ts';
import type { HubDatabase } from '../store/hubDatabase.ts';
import { openQueue } from '../store/openQueue.ts';
import { openStorage, type Storage, type StorageOptions } from '../store/openStorage.ts';
import { privateFolder } from '../store/privateFiles.ts';
import { QueueStore } from '../store/queueStore.ts';
import { StatusLinks } from '../tickets/statusLinks.ts';
import type { NetworkCatalogue } from './catalogue/networkCatalogue.ts';
import { officeStorage } from './officeStorage.ts';
import { OfficeWebhooks } from '../webhooks/officeWebhooks.ts';
import type { DeliveryOptions } from '../webhooks/deliveryWorker.ts';

/** What every office of the hub shares: the network's database (staff, sessions, offices), the sockets, the HTTP rules. */
export interface NetworkParts {
  storage: StorageOptions;
  /** The default office's database, where staff accounts and sessions live. */
  networkDatabase: HubDatabase;
  /** The network's outcome catalogue (in the network database), which every office's config follows. */
  catalogue: NetworkCatalogue;
  /** One password check at a time in the whole hub. */
  hashing?: FairQueue;
  /** A logout or an account change forgets the session in every office at once. */
  sessionCaches?: SessionCaches;
  clock: () => number;
  log: Logger;
  /** This hub node's name (NODE_NAME; `<hostname>:<port>` by default, the port chosen by the system once the hub listens when asked for port 0), e.g. for `pc_node_info` in /metrics. */
  nodeName: string;
  /** The node's /metrics, where each office's series carry its id. */
  nodeMetrics: NodeMetrics;
  sessionMs: number;
  connections: Connections;
  trustProxy: TrustProxy;
  allowedHosts: readonly AllowedHost[] | undefined;
  loginLimits: LoginLimits;
  /** Failed logins, counted for the whole hub. */
  loginFailures: FailedLogins;
  publicUrl: string | undefined;
  metricsToken: string | undefined;
  maxSocketsPerAddress: number;
  secureCookies: boolean;
  passwordCost: ScryptCost | undefined;
  printer: string | undefined;
  printerFileDir: string | undefined;
  printTimeoutMs: number | undefined;
  kioskTicketsPerMinute: number;
  deskAwayMs: number | undefined;
  backupDir: string | undefined;
  backupKeep: number;
  /** On PostgreSQL, this process as a node of a cluster (server/cluster/): each office's writer is the cluster's. */
  cluster?: Cluster | undefined;
  /** The webhooks' backoff, timeout, concurrency and polling, when not the defaults (tests shorten them). */
  /** People ahead of a ticket when its SMS notice goes (SMS_NOTICE_AHEAD). */
  smsNoticeAhead: number;
  webhookDelivery?: Pick<DeliveryOptions, 'backoffMs' | 'timeoutMs' | 'concurrency' | 'pollMs' | 'reloadMs'> | undefined;
}

/** One office running in the hub: its queue engine and stores, on its own database (see officeStorage.ts). */
export interface OfficeRuntime {
  id: string;
  isDefault: boolean;
  ctx: HubContext;
  close(): Promise<void>;
}

export interface OfficeSpec {
  id: string;
  isDefault: boolean;
  /** Seeds a new office database; one that has a config keeps its own. */
  seed: OfficeConfig;
  /**
   * The office is being created now (its database is new). An office of the list that is not new must find its
   * config in its database: one without (a deleted or replaced file) is refused, not filled with `seed`.
   */
  creating?: boolean;
}

/**
 * Opens an office: its database (brought up to date), its queue as the database left it, its stores and
 * schedules (midnight, retention, backups). The default office's database may be passed already open (it is
 * the network's too). Nothing here knows whether SQLite or PostgreSQL is behind the stores.
 */
export async function openOffice(network: NetworkParts, spec: OfficeSpec, opened?: Storage): Promise<OfficeRuntime> {
  const { clock } = network;
  const log = spec.isDefault ? network.log : network.log.child({ office: spec.id });
  const where = officeStorage(network.storage, spec.id, spec.isDefault);
  if (!opened && !spec.creating && !spec.isDefault && where.databaseUrl === undefined && where.dbPath !== ':memory:' && !existsSync(where.dbPath)) {
    throw new Error(`the office "${spec.id}" is in the list of offices, but its database file ${where.dbPath} is missing`);
  }
  if (!opened && where.databaseUrl === undefined && where.dbPath !== ':memory:') {
    const warning = await privateFolder(dirname(where.dbPath)); // 0700 when new; the database files are 0600 (Db.open)
    if (warning) log.warn(warning);
  }
  const storage = opened ?? (await openStorage(where, clock()));
  try {
    return await startOffice(network, spec, storage, where, log);
  } catch (err) {
    if (!opened) await storage.close();
    throw err;
  }
}

async function startOffice(network: NetworkParts, spec: OfficeSpec, storage: Storage, where: StorageOptions, log: Logger): Promise<OfficeRuntime> {
  const { clock } = network;
  const database = storage.database;
  const queue = await openQueue(storage.writer, spec.seed, clock());
  if (queue.seeded && !spec.isDefault && !spec.creating) {
    throw new Error(`the office "${spec.id}" is in the list of offices, but its database holds no office config (was its database file deleted or replaced?)`);
  }
  if (!queue.seeded && spec.isDefault) log.info('office config from the database (the config file only seeds a new database; see npm run office)');
  const warnings = new HubWarnings();
  if (queue.officeWarning) {
    log.error({ problems: queue.officeWarning.problems }, queue.officeWarning.message);
    warnings.set(queue.officeWarning);
  }
  // In a cluster the office is written by the node that owns it; this one keeps a replica until it does.
  const committer: QueueWriter = network.cluster
    ? await network.cluster.committerFor(spec.id, storage.writer, queue.store, spec.seed, log)
    : new Committer(queue.state, queue.lastSeq, queue.store, clock, log);
  const writesHere = () => !(committer instanceof ClusterCommitter) || committer.owns;
  // Outbound webhooks: each commit writes its messages in its own transaction; only the writer delivers them.
  const webhooks = new OfficeWebhooks({ officeId: spec.id, database, clock, log, warnings, active: writesHere, delivery: network.webhookDelivery, smsAhead: network.smsNoticeAhead });
  queue.store.writeAlongside(webhooks.writeAlongside);
  await webhooks.start();
  if (committer instanceof ClusterCommitter) committer.whenOwned(() => void webhooks.resume().catch((err: unknown) => log.error({ err }, 'could not start the webhooks')));

  const users = new AuthStore(network.networkDatabase, spec.isDefault ? defaultOfficeKey : spec.id);
  const devices = new DeviceStore(database);
  const auth = new Auth(users, devices, clock, network.sessionMs, {
    cost: network.passwordCost,
    maxWaitingPerAddress: network.loginLimits.maxWaitingPerAddress,
    log,
    ...(network.hashing ? { hashing: network.hashing } : {}),
    ...(network.sessionCaches ? { sessionCaches: network.sessionCaches } : {}),
  });

  const printing = new TicketPrinting({
    office: () => committer.state.office,
    defaultPrinter: network.printer,
    log,
    clock,
    ...(network.printTimeoutMs ? { timeoutMs: network.printTimeoutMs } : {}),
  });
  // Its printers are built: the config started cleanly, and is the one to fall back on if a later start finds the stored one broken.
  // Not being able to note it (a full disk) must not stop the start either.
  if (!queue.officeWarning) {
    await queue.store.recordCleanStart(committer.state.office, clock()).catch((err: unknown) => log.warn({ err }, 'could not keep the office config as the last good one'));
  }
  const connections = network.connections;
  const pairings = new Pairings(clock);
  pairings.elsewhere = network.cluster?.pairingsFor(spec.id);
  const metrics = network.nodeMetrics.forOffice(spec.id, { state: () => committer.state, clock, printers: () => printing.service.statuses(), storage: () => committer.storage });
  const base: Omit<HubContext, 'remoteJoin'> = {
    officeId: spec.id,
    pagePrefix: spec.isDefault ? '' : `/o/${spec.id}`,
    get office() {
      return committer.state.office;
    },
    committer,
    cluster: network.cluster ? () => network.cluster!.status() : undefined,
    database,
    queueStore: new QueueStore(storage.reader),
    auth,
    clock,
    log,
    sessionMs: network.sessionMs,
    printing,
    // The config file's printers were set by whoever installed the hub; an office created through the API has only what PRINTER_FILE_DIR allows.
    filePrinters: new FilePrinterRule(network.printerFileDir, [network.printer ?? 'none', ...(spec.isDefault ? officePrinters(spec.seed).map((p) => p.url) : [])]),
    publicUrl: network.publicUrl,
    appointments: new AppointmentStore(database),
    callbacks: new Callbacks(new CallbackStore(database)),
    reports: new Reports(database, () => committer.state.office, clock, log),
    audit: new AuditStore(database),
    users,
    connections,
    metrics,
    metricsToken: network.metricsToken,
    warnings,
    devices,
    pairings,
    kioskRate: new KioskRate(network.kioskTicketsPerMinute, clock),
    statusLinks: await StatusLinks.load(database, spec.isDefault ? '' : `/o/${spec.id}`),
    maxSocketsPerAddress: network.maxSocketsPerAddress,
    secureCookies: network.secureCookies,
    trustProxy: network.trustProxy,
    allowedHosts: network.allowedHosts,
    loginLimits: network.loginLimits,
    loginFailures: network.loginFailures,
    deskAwayMs: network.deskAwayMs,
    catalogue: network.catalogue,
    webhooks,
  };
  // Joining from home reads the live office through the context it belongs to.
  const ctx: HubContext = Object.assign(base, { remoteJoin: new RemoteJoin(base, writesHere).start() });

  // The catalogue is seeded from the default office, which starts first; every office then runs on its
  // config merged with it (server/offices/catalogue/effectiveOffice.ts), one that is not yet is put on it now.
  if (spec.isDefault) await network.catalogue.load(committer.state.office, clock());
  const followCatalogue = async () => {
    if (await network.catalogue.follow({ id: spec.id, committer })) log.info('office config brought onto the network outcome catalogue');
  };
  // In a cluster, the node that takes the office over does it (none owns it yet while the nodes start).
  if (writesHere()) await followCatalogue();
  if (committer instanceof ClusterCommitter) committer.whenOwned(() => void followCatalogue().catch((err: unknown) => log.error({ err }, 'could not bring the office onto the network outcome catalogue')));
  network.catalogue.register(spec.id);

  // Closes yesterday's tickets at local midnight, even when nobody sends a command.
  let dayTimer: NodeJS.Timeout | undefined;
  const scheduleRollover = () => {
    clearTimeout(dayTimer);
    const wait = Math.max(0, committer.state.dayEndsAt - clock());
    // In a cluster only the owner rolls the day over (the others replay it).
    dayTimer = setTimeout(() => void (writesHere() ? committer.submit({ type: 'clock:tick' }) : Promise.resolve()).then(scheduleRollover), Math.min(wait, 3_600_000) + 50);
    dayTimer.unref();
  };
  committer.on('committed', (batch, origin) => {
    scheduleRollover();
    if (origin === 'replayed') return; // the node that wrote it audits and rolls up
    void auditTakeOvers(ctx, batch);
    // A day that just ended no longer changes: boil it down for the reports.
    if (batch.some((c) => c.events.some((e) => e.event.type === 'day:started'))) void ctx.reports.rollUp(committer.state.day);
  });
  if (writesHere() && committer.state.dayEndsAt <= clock()) await committer.submit({ type: 'clock:tick' });
  scheduleRollover();
  void ctx.reports.rollUp(committer.state.day);
  const stopRetention = scheduleRetention(ctx);
  const timeZone = () => committer.state.office.timeZone;
  // Each office's backups in a folder of its own beside the default office's (BACKUP_DIR/offices/<id>).
  const backups = network.backupDir && where.databaseUrl === undefined && where.dbPath !== ':memory:'
    ? scheduleDailyBackups({ dbPath: where.dbPath, dir: spec.isDefault ? network.backupDir : `${network.backupDir}/offices/${spec.id}`, keep: network.backupKeep, clock, timeZone, log })
    : undefined;
  ctx.backups = backups;

  return {
    id: spec.id,
    isDefault: spec.isDefault,
    ctx,
    close: async () => {
      clearTimeout(dayTimer);
      ctx.remoteJoin.stop();
      await stopRetention();
      await webhooks.stop();
      await backups?.stop();
      await committer.idle();
      await auth.idle();
      await ctx.reports.idle();
      await printing.service.idle();
      await printing.deskService.idle();
      await storage.close();
    },
  };
}
