import type { ClusterStatus } from '../cluster/ownership.ts';
import { performance } from 'node:perf_hooks';
import type { PrinterStatus } from '../../printer/index.ts';
import type { HubContext } from '../context.ts';
import type { ConnectionKind } from '../realtime/connections.ts';
import type { DeviceView } from '../../protocol/devices.ts';
import type { StorageStatus } from '../commands/committer.ts';
import type { DailyBackupStatus } from '../backup/dailyBackups.ts';
import { deviceView, type DeviceViewContext } from '../http/routes/devices.ts';
import type { HubWarning } from '../../protocol/health.ts';

export type HealthStatus = 'ok' | 'degraded';

export interface DatabaseCheck {
  /** A read on the connection that serves logins and reports answered in time. */
  ok: boolean;
  latencyMs: number;
}

/** What `/api/health` tells managers, admins and the monitoring system (others get only `status`). */
export interface HealthReport {
  /** `degraded`: the hub runs but something needs a look (the database check failed, a printer's last job failed, a warning other than `public-url-private`). */
  status: HealthStatus;
  office: string;
  day: string;
  seq: number;
  uptimeSeconds: number;
  database: DatabaseCheck;
  /** The last print status of each kiosk that printed. */
  printers: PrinterStatus[];
  /** Socket.IO connections open now, by what they act as. */
  sockets: Record<ConnectionKind, number>;
  /** Whether the last write of the queue went through, and the last failure (`storage-full`: the disk is full). */
  storage: StorageStatus;
  /** The registered kiosks and displays: paired or not, connected now or when last seen. */
  devices: Pick<DeviceView, 'name' | 'kind' | 'profile' | 'paired' | 'connected' | 'lastSeenAt'>[];
  /** The automatic daily backups (null when BACKUP_DIR is not set). */
  backups: DailyBackupStatus | null;
  /** What an admin must look at although the hub runs, e.g. `office-config-invalid`, `public-url-private`; empty when nothing. */
  warnings: HubWarning[];
  /** Several hub nodes on PostgreSQL: this node, the offices it owns, and the live nodes with how many offices each owns. Absent on SQLite. */
  cluster?: ClusterStatus;
}

export const databaseTimeoutMs = 2000;

/** Warnings that are advice on the setup, not a fault: listed, but the hub is not `degraded` for them. */
const adviceOnly = new Set<HubWarning['code']>(['public-url-private']);

/** What the health report reads: the queue, its storage and database, printers, sockets, devices, backups, warnings, the time, the log. */
export type HealthContext = DeviceViewContext &
  Pick<HubContext, 'office' | 'committer' | 'queueStore' | 'printing' | 'warnings' | 'devices' | 'backups' | 'clock' | 'log' | 'cluster'>;

/** What the status is made of: the database check, the storage, the printers and the warnings. */
function statusOf(database: DatabaseCheck, storage: StorageStatus, printers: readonly PrinterStatus[], warnings: readonly HubWarning[]): HealthStatus {
  const degraded = !database.ok || !storage.ok || printers.some((p) => !p.ok) || warnings.some((w) => !adviceOnly.has(w.code));
  return degraded ? 'degraded' : 'ok';
}

/**
 * Only the status, for anyone's poll: the same as the report's, without reading the devices from the database
 * (that read was the largest part of an anonymous `GET /api/health`; see docs/performance.md).
 */
export async function healthStatus(ctx: HealthContext): Promise<HealthStatus> {
  const database = await checkDatabase(ctx);
  return statusOf(database, ctx.committer.storage, ctx.printing.service.statuses(), ctx.warnings.list());
}

export async function healthReport(ctx: HealthContext, startedAt: number): Promise<HealthReport> {
  const database = await checkDatabase(ctx);
  const printers = ctx.printing.service.statuses();
  const storage = ctx.committer.storage;
  const warnings = ctx.warnings.list();
  return {
    status: statusOf(database, storage, printers, warnings),
    office: ctx.office.name,
    day: ctx.committer.state.day,
    seq: ctx.committer.seq,
    uptimeSeconds: Math.round((ctx.clock() - startedAt) / 1000),
    database,
    printers,
    sockets: ctx.connections.counts(ctx.officeId),
    storage,
    devices: (await ctx.devices.list()).map((d) => {
      const { name, kind, profile, paired, connected, lastSeenAt } = deviceView(ctx, d);
      return { name, kind, profile, paired, connected, lastSeenAt };
    }),
    backups: ctx.backups?.status() ?? null,
    warnings,
    ...(ctx.cluster ? { cluster: ctx.cluster() } : {}),
  };
}

/** A quick read of a real table, given `databaseTimeoutMs` to answer. */
/** The check under way per hub: requests that come while it runs share its answer instead of each reading the database. */
const checking = new WeakMap<HealthContext, Promise<DatabaseCheck>>();

function checkDatabase(ctx: HealthContext): Promise<DatabaseCheck> {
  let check = checking.get(ctx);
  if (!check) {
    check = readDatabase(ctx).finally(() => checking.delete(ctx));
    checking.set(ctx, check);
  }
  return check;
}

async function readDatabase(ctx: HealthContext): Promise<DatabaseCheck> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${databaseTimeoutMs} ms`)), databaseTimeoutMs);
  });
  let ok = true;
  try {
    await Promise.race([ctx.queueStore.ping(), timeout]);
  } catch (err) {
    ok = false;
    ctx.log.warn({ err }, 'health check: the database could not be read');
  } finally {
    clearTimeout(timer);
  }
  return { ok, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
}
