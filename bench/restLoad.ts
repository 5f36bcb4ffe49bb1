import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { benchOffice } from './benchOffice.ts';
import { HubClient } from './clients.ts';
import { startHubProcess, type HubProcess } from './hubProcess.ts';
import { sqliteStorageIn, type HubStorage, type StorageFor } from './hubStorage.ts';
import { latencyStats, type LatencyStats } from './stats.ts';

/**
 * Section 1b: the REST path under an independent HTTP load generator (autocannon), beside a bare Express 5
 * app and a bare Node `http` server (bench/bareHttp.ts), each in its own process, in the same run. The load
 * generator runs in the bench's process; on a 2-core machine it has one core and the server the other.
 */

export interface RestSettings {
  /** Seconds of each measured autocannon run (after a one-second warm-up). */
  seconds: number;
  connections: readonly number[];
  /** Waiting tickets of the small and the big queue. */
  smallQueue: number;
  bigQueue: number;
}

export type RestTarget = 'bare-node' | 'bare-express' | 'health' | 'queue-small' | 'queue-big' | 'ticket-issue';

export interface RestRun {
  target: RestTarget;
  /** What was asked, e.g. `GET /api/queue (20 waiting)`. */
  label: string;
  method: 'GET' | 'POST';
  connections: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers other than the one expected (200, or 201 for an issue), and connection errors. */
  unexpected: number;
  errors: number;
  /** The hub's run ÷ the bare one of the same method and connections; null for the bare runs. */
  ofExpress: number | null;
  ofNode: number | null;
}

export interface RestFigures {
  runs: RestRun[];
  /** `GET /api/queue` right after a change (nothing cached), one at a time, with the big queue: to the answer's last byte; `firstByte`, to its first (the hub's work before it sends). */
  bigQueueFresh: LatencyStats & { waiting: number; firstByte: LatencyStats };
  /** Per ticket-issue run: the 201 answers and the tickets the database holds afterwards. */
  writes: { connections: number; answered201: number; requestsSent: number; inDatabase: number; lost: number }[];
}

interface Measured {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  unexpected: number;
  errors: number;
  status: Record<string, number>;
  sent: number;
  /** Expected answers of the warm-up and the measured run together. */
  expectedWithWarmUp: number;
}

async function cannon(url: string, connections: number, seconds: number, method: 'GET' | 'POST', expected: number, headers: Record<string, string>, body?: string): Promise<Measured> {
  const options = { url, connections, method, headers: body ? { ...headers, 'content-type': 'application/json' } : headers, ...(body ? { body } : {}) };
  const counts = (r: autocannon.Result) => Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, (s as { count: number }).count]));
  const warm = counts(await autocannon({ ...options, duration: 1 })); // warm-up: JIT, connections, caches
  const r = await autocannon({ ...options, duration: seconds });
  const status = counts(r);
  const total = Object.values(status).reduce((a, b) => a + b, 0);
  return {
    perSecond: Math.round(total / r.duration),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    unexpected: total - (status[String(expected)] ?? 0),
    errors: r.errors,
    status,
    sent: r.requests.sent,
    expectedWithWarmUp: (warm[String(expected)] ?? 0) + (status[String(expected)] ?? 0),
  };
}

/** bench/freshQueue.ts in a process of its own: the fresh big-queue GETs' times. */
async function freshQueueInChild(url: string, token: string, services: readonly string[], rounds: number): Promise<{ bodyMs: number[]; firstByteMs: number[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/freshQueue.ts', url, token, String(rounds), ...services], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`bench/freshQueue.ts exited with ${code}`);
  return JSON.parse(out) as { bodyMs: number[]; firstByteMs: number[] };
}

/** A bare server of bench/bareHttp.ts in its own process. */
async function startBare(kind: 'bare-node' | 'bare-express'): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/bareHttp.ts', kind], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${kind} exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/bench`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function ticketCount(storage: HubStorage): Promise<number> {
  const db = await storage.open();
  try {
    return (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM tickets'))?.n ?? 0;
  } finally {
    await db.close();
  }
}

/** A hub of its own on a fresh database, its desks held; returns it with the admin's token. */
async function freshHub(dir: string, storage: HubStorage): Promise<{ hub: HubProcess; token: string; services: string[] }> {
  const office = await benchOffice(dir);
  const hub = await startHubProcess({ dbPath: storage.dbPath, officePath: office.path, env: storage.env });
  const client = new HubClient(hub.url);
  try {
    const token = await client.adminToken();
    await client.holdDesks(token, office.frontDesks);
    return { hub, token, services: office.services };
  } finally {
    client.close();
  }
}

/** Issues tickets until `waiting` are in the queue, 16 at a time. */
async function fillQueue(url: string, token: string, services: readonly string[], count: number): Promise<void> {
  const client = new HubClient(url);
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < count) {
        const i = next++;
        const res = await client.request('POST', '/api/tickets', { serviceId: services[i % services.length] }, token);
        if (res.status !== 201) throw new Error(`filling the queue: ${res.status} ${JSON.stringify(res.body)}`);
      }
    }),
  );
  client.close();
}

/** One measured run, with its share of the bare servers' req/s of the same method and connections (among `bareRuns`). */
function restRun(target: RestTarget, label: string, method: 'GET' | 'POST', connections: number, m: Measured, bareRuns: readonly RestRun[], log: (line: string) => void): RestRun {
  const ofBare = (kind: RestTarget) => {
    const b = bareRuns.find((r) => r.target === kind && r.method === method && r.connections === connections);
    return target.startsWith('bare') || !b ? null : Math.round((m.perSecond / b.perSecond) * 100) / 100;
  };
  const run: RestRun = { target, label, method, connections, perSecond: m.perSecond, p50Ms: m.p50Ms, p99Ms: m.p99Ms, unexpected: m.unexpected, errors: m.errors, ofExpress: ofBare('bare-express'), ofNode: ofBare('bare-node') };
  log(`${label} at ${connections}: ${run.perSecond} req/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms${run.ofExpress === null ? '' : `, ÷ Express ${run.ofExpress}, ÷ Node ${run.ofNode}`}${m.unexpected || m.errors ? `, UNEXPECTED ${JSON.stringify(m.status)} errors ${m.errors}` : ''}`);
  return run;
}

export async function restLoad(dir: string, s: RestSettings, log: (line: string) => void): Promise<RestFigures> {
  const runs: RestRun[] = [];
  const add = (target: RestTarget, label: string, method: 'GET' | 'POST', connections: number, m: Measured) => runs.push(restRun(target, label, method, connections, m, runs, log));

  for (const kind of ['bare-node', 'bare-express'] as const) {
    const server = await startBare(kind);
    try {
      for (const connections of s.connections) {
        for (const method of ['GET', 'POST'] as const) {
          const m = await cannon(server.url, connections, s.seconds, method, 200, {}, method === 'POST' ? JSON.stringify({ serviceId: 'registry-certificates' }) : undefined);
          add(kind, `${kind} ${method}`, method, connections, m);
        }
      }
    } finally {
      await server.stop();
    }
  }

  // Reads: health, then the queue with the small and the big queue, on one hub.
  const readsStorage = await sqliteStorageIn(dir)('rest-reads');
  const reads = await freshHub(dir, readsStorage);
  let bigQueueFresh: RestFigures['bigQueueFresh'];
  try {
    const auth = { authorization: `Bearer ${reads.token}` };
    for (const connections of s.connections) add('health', 'GET /api/health', 'GET', connections, await cannon(`${reads.hub.url}/api/health`, connections, s.seconds, 'GET', 200, {}));
    await fillQueue(reads.hub.url, reads.token, reads.services, s.smallQueue);
    for (const connections of s.connections) add('queue-small', `GET /api/queue (${s.smallQueue} waiting)`, 'GET', connections, await cannon(`${reads.hub.url}/api/queue`, connections, s.seconds, 'GET', 200, auth));
    await fillQueue(reads.hub.url, reads.token, reads.services, s.bigQueue - s.smallQueue);
    for (const connections of s.connections) add('queue-big', `GET /api/queue (${s.bigQueue} waiting)`, 'GET', connections, await cannon(`${reads.hub.url}/api/queue`, connections, s.seconds, 'GET', 200, auth));
    // The cost of a snapshot nobody has asked for yet: one ticket more, then one GET, twenty times, from a client process of its own.
    const started = performance.now();
    const fresh = await freshQueueInChild(reads.hub.url, reads.token, reads.services, 20);
    const elapsed = performance.now() - started;
    bigQueueFresh = { ...latencyStats(fresh.bodyMs, elapsed), waiting: s.bigQueue, firstByte: latencyStats(fresh.firstByteMs, elapsed) };
    log(`GET /api/queue right after a change, ${s.bigQueue} waiting: p50 ${bigQueueFresh.p50Ms} ms, max ${bigQueueFresh.maxMs} ms (first byte p50 ${bigQueueFresh.firstByte.p50Ms} ms, max ${bigQueueFresh.firstByte.maxMs} ms)`);
  } finally {
    await reads.hub.stop();
    await readsStorage.remove();
  }

  const issues = await ticketIssues(dir, s, sqliteStorageIn(dir), runs, log);
  return { runs: [...runs, ...issues.runs], bigQueueFresh, writes: issues.writes };
}

/**
 * Durable ticket issues with a staff token, a fresh hub and database per connection count (of the engine
 * `storageFor` makes); every 201 must be in the database. `bareRuns`: the bare servers' runs to compare with.
 */
export async function ticketIssues(dir: string, s: RestSettings, storageFor: StorageFor, bareRuns: readonly RestRun[], log: (line: string) => void): Promise<Pick<RestFigures, 'runs' | 'writes'>> {
  const runs: RestRun[] = [];
  const writes: RestFigures['writes'] = [];
  for (const connections of s.connections) {
    const storage = await storageFor(`rest-issue-${connections}`);
    try {
      const w = await freshHub(dir, storage);
      let m: Measured;
      try {
        const before = await ticketCount(storage);
        m = await cannon(`${w.hub.url}/api/tickets`, connections, s.seconds, 'POST', 201, { authorization: `Bearer ${w.token}` }, JSON.stringify({ serviceId: w.services[0] }));
        await w.hub.stop();
        const inDatabase = (await ticketCount(storage)) - before;
        // The warm-up's issues count too: the 201s of both runs against the tickets the database gained.
        writes.push({ connections, answered201: m.expectedWithWarmUp, requestsSent: m.sent, inDatabase, lost: Math.max(0, m.expectedWithWarmUp - inDatabase) });
        log(`issues at ${connections} connections (${storage.engine}): ${m.expectedWithWarmUp} answered 201, ${inDatabase} new tickets in the database`);
      } finally {
        await w.hub.stop();
      }
      runs.push(restRun('ticket-issue', 'POST /api/tickets (durable)', 'POST', connections, m, bareRuns, log));
    } finally {
      await storage.remove();
    }
  }
  return { runs, writes };
}
