import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { benchOffice, pairDevicesIn, removeDatabase } from './benchOffice.ts';
import { command, HubClient, openSocket, openSockets, type BenchSocket } from './clients.ts';
import { startHubProcess } from './hubProcess.ts';
import { latencyStats, type LatencyStats } from './stats.ts';

/**
 * Section 2: a desk's call reaching K display sockets, from the desk's command to the last display's
 * receipt — beside a bare Socket.IO server broadcasting the same payload to the same number of clients.
 * Calls run one at a time; each waits until every display has both the call and the finish.
 */

export interface FanOutFigures {
  displays: number;
  calls: number;
  /** Desk sends `desk:call-next` → the last of the K displays has `ticket:called`. */
  hubToLast: LatencyStats;
  /** Trigger sends `go` → the last of the K clients has the broadcast. */
  bareToLast: LatencyStats;
  payloadBytes: number;
  /** The hub's resident memory before the displays connect, and with all of them connected after the calls. */
  hubRssMb: { beforeSockets: number; withSockets: number; peak: number };
}

/** Resolves when every socket has received `event` once more; the time of the last arrival. */
function allReceive(sockets: readonly BenchSocket[], event: string): Promise<number> {
  return Promise.all(
    sockets.map((s) => new Promise<number>((resolve) => (s.once as (e: string, f: () => void) => void)(event, () => resolve(performance.now())))),
  ).then((times) => Math.max(...times));
}

async function closeAll(sockets: readonly BenchSocket[]): Promise<void> {
  for (const s of sockets) s.close();
}

async function hubFanOut(dir: string, displays: number, calls: number): Promise<{ stats: LatencyStats; payload: unknown; memory: FanOutFigures['hubRssMb'] }> {
  const office = await benchOffice(dir);
  const dbPath = join(dir, `fanout-${displays}.db`);
  await removeDatabase(dbPath);
  const displayTokens = await pairDevicesIn(dbPath, 'display', 'all', displays);
  const hub = await startHubProcess({ dbPath, officePath: office.path, env: { MAX_SOCKETS_PER_ADDRESS: String(displays + 10), SOCKET_MESSAGES_PER_SECOND: '100000' } });
  const sockets: BenchSocket[] = [];
  try {
    const beforeSockets = await hub.memory();
    const client = new HubClient(hub.url);
    const adminToken = await client.adminToken();
    await client.holdDesks(adminToken, [office.frontDesks[0]!]);
    const desk = await openSocket(hub.url, adminToken);
    client.close();
    sockets.push(desk);
    const screens = await openSockets(hub.url, displayTokens);
    sockets.push(...screens);
    await Promise.all(screens.map((s) => command(s, 'session:join', { role: 'display', id: 'all' })));
    const withSockets = await hub.memory(); // taken again after the calls
    for (let i = 0; i < calls; i++) {
      const issued = await command(desk, 'ticket:issue', { serviceId: office.services[i % office.services.length]! });
      if (!issued.ok) throw new Error(`ticket:issue: ${issued.error?.code}`);
    }
    const deskId = office.frontDesks[0]!;
    let payload: unknown;
    screens[0]!.on('ticket:called', (p) => (payload = p));
    const latencies: number[] = [];
    const started = performance.now();
    for (let i = 0; i < calls; i++) {
      const called = allReceive(screens, 'ticket:called');
      const t0 = performance.now();
      const answer = await command(desk, 'desk:call-next', { deskId });
      if (!answer.ok) throw new Error(`desk:call-next: ${answer.error?.code}`);
      latencies.push((await called) - t0);
      const finished = allReceive(screens, 'ticket:finished');
      const done = await command(desk, 'desk:finish', { deskId });
      if (!done.ok) throw new Error(`desk:finish: ${done.error?.code}`);
      await finished;
    }
    const after = await hub.memory();
    const memory = { beforeSockets: beforeSockets.rssMb, withSockets: Math.max(withSockets.rssMb, after.rssMb), peak: after.peakRssMb };
    return { stats: latencyStats(latencies, performance.now() - started), payload, memory };
  } finally {
    await closeAll(sockets);
    await hub.stop();
  }
}

export async function bareFanOut(displays: number, calls: number, payload: unknown): Promise<LatencyStats> {
  const server = spawn(process.execPath, ['--import', 'tsx', 'bench/bareBroadcastServer.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const sockets: BenchSocket[] = [];
  try {
    const port = await new Promise<number>((resolve, reject) => {
      server.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      server.once('exit', () => reject(new Error('the bare Socket.IO server exited')));
    });
    const url = `http://127.0.0.1:${port}`;
    const trigger = await openSocket(url);
    sockets.push(trigger);
    const screens = await openSockets(url, new Array<undefined>(displays).fill(undefined));
    sockets.push(...screens);
    const latencies: number[] = [];
    const started = performance.now();
    for (let i = 0; i < calls; i++) {
      const received = allReceive(screens, 'ticket:called');
      const t0 = performance.now();
      await new Promise<void>((resolve) => (trigger.emit as (e: string, p: unknown, ack: () => void) => void)('go', payload, resolve));
      latencies.push((await received) - t0);
    }
    return latencyStats(latencies, performance.now() - started);
  } finally {
    await closeAll(sockets);
    server.kill('SIGTERM');
  }
}

export async function fanOut(dir: string, options: { displays: readonly number[]; calls: number }, log: (line: string) => void): Promise<FanOutFigures[]> {
  const figures: FanOutFigures[] = [];
  for (const displays of options.displays) {
    const hub = await hubFanOut(dir, displays, options.calls);
    const bare = await bareFanOut(displays, options.calls, hub.payload);
    log(`fan-out to ${displays}: hub p50 ${hub.stats.p50Ms} p99 ${hub.stats.p99Ms} ms, bare p50 ${bare.p50Ms} p99 ${bare.p99Ms} ms, hub RSS ${hub.memory.withSockets} MB`);
    figures.push({ displays, calls: options.calls, hubToLast: hub.stats, bareToLast: bare, payloadBytes: Buffer.byteLength(JSON.stringify(hub.payload)), hubRssMb: hub.memory });
  }
  return figures;
}
