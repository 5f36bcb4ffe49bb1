import { Db } from '../server/store/db.ts';
import { copyFile } from 'node:fs/promises';
import { benchOffice, pairDevicesOn } from './benchOffice.ts';
import { HubClient } from './clients.ts';
import { runLoad, type LoadPlan, type LoadResult } from './commandLoad.ts';
import { startHubProcess } from './hubProcess.ts';
import { sqliteStorageIn, type HubStorage, type StorageFor } from './hubStorage.ts';
import { rawCommits } from './rawCommits.ts';
import type { LatencyStats } from './stats.ts';

/** Section 1: issue and call throughput and latency, beside bare sqlite3 commits on the same disk. */

export interface ThroughputSettings {
  kiosks: number;
  rawCommits: number;
  /** The open-loop run: issues per second, and how many. */
  rate: number;
  rateIssues: number;
  /** The closed-loop runs: tickets issued per transport. */
  closedIssues: number;
  maxMs: number;
}

export interface ThroughputFigures {
  rawCommit: LatencyStats;
  runs: LoadResult[];
}

/**
 * One load on a hub of its own: on a fresh database of either engine, or on a copy of a SQLite history
 * database (a hub in its n-th year: ticket ids in the millions), the day's queue starting empty either way.
 */
async function onOwnHub(dir: string, storage: HubStorage, kiosks: number, plan: LoadPlan, history?: string): Promise<LoadResult> {
  const office = await benchOffice(dir);
  if (history) {
    await copyFile(history, storage.dbPath);
    await openAllDay(storage.dbPath);
  }
  const kioskTokens = await pairDevicesOn(await storage.open(), 'kiosk', office.kioskProfile, kiosks);
  const hub = await startHubProcess({ dbPath: storage.dbPath, officePath: office.path, env: { KIOSK_TICKETS_PER_MINUTE: '600', SOCKET_MESSAGES_PER_SECOND: '100000', ...storage.env } });
  try {
    const client = new HubClient(hub.url);
    const staffToken = await client.adminToken();
    await client.holdDesks(staffToken, office.frontDesks);
    client.close();
    return await runLoad({ url: hub.url, kioskTokens, staffToken, services: office.services, frontDesks: office.frontDesks }, plan);
  } finally {
    await hub.stop();
  }
}

/**
 * The history keeps the office config it was made with (the database's config wins over the file's), whose
 * hours would close the office at night: the copy opens around the clock, as the bench's office file does.
 */
async function openAllDay(dbPath: string): Promise<void> {
  const db = await Db.open(dbPath);
  try {
    const allDay = JSON.stringify([{ open: '00:00', close: '24:00' }]);
    const week = `{${['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => `"${d}":${allDay}`).join(',')}}`;
    await db.run(`UPDATE engine_meta SET value = json_set(value, '$.openingHours', json(?), '$.closedDates', json('[]'), '$.specialDays', json('[]')) WHERE key = 'office'`, [week]);
  } finally {
    await db.close();
  }
}

export async function throughput(dir: string, s: ThroughputSettings, log: (line: string) => void): Promise<ThroughputFigures> {
  const rawCommit = await rawCommits(dir, { count: s.rawCommits, maxMs: s.maxMs });
  log(`raw sqlite3 commits: ${rawCommit.perSecond}/s`);
  return { rawCommit, runs: await loadRuns(dir, s, sqliteStorageIn(dir), log) };
}

/** The four loads (REST and sockets, at a fixed rate and closed loop), each on a hub and a database of its own. */
export async function loadRuns(dir: string, s: ThroughputSettings, storageFor: StorageFor, log: (line: string) => void): Promise<LoadResult[]> {
  const runs: LoadResult[] = [];
  const plans: [string, LoadPlan][] = [
    ['rest-rate', { transport: 'rest', issues: s.rateIssues, rate: s.rate, maxMs: s.maxMs }],
    ['socket-rate', { transport: 'socket', issues: s.rateIssues, rate: s.rate, maxMs: s.maxMs }],
    ['rest-closed', { transport: 'rest', issues: s.closedIssues, maxMs: s.maxMs }],
    ['socket-closed', { transport: 'socket', issues: s.closedIssues, maxMs: s.maxMs }],
  ];
  for (const [name, plan] of plans) {
    const storage = await storageFor(`load-${name}`);
    try {
      const result = await onOwnHub(dir, storage, s.kiosks, plan);
      log(`${name} (${storage.engine}): issue p50 ${result.issue.p50Ms} ms p99 ${result.issue.p99Ms} ms, ${result.commandsPerSecond} commands/s`);
      runs.push(result);
    } finally {
      await storage.remove();
    }
  }
  return runs;
}

/** The closed-loop socket run again, on a hub that continues a long history (what an office sees after some years). */
export async function throughputOnHistory(dir: string, s: ThroughputSettings, history: { path: string; tickets: number }, log: (line: string) => void): Promise<LoadResult & { historyTickets: number }> {
  const storage = await sqliteStorageIn(dir)('load-socket-closed-history');
  const result = await onOwnHub(dir, storage, s.kiosks, { transport: 'socket', issues: s.closedIssues, maxMs: s.maxMs }, history.path).finally(() => storage.remove());
  log(`socket-closed after ${history.tickets} tickets of history: issue p50 ${result.issue.p50Ms} ms p99 ${result.issue.p99Ms} ms, ${result.commandsPerSecond} commands/s`);
  return { ...result, historyTickets: history.tickets };
}
