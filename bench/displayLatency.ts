import { startTestHub, type TestSocket } from '../test/helpers/hub.ts';
import { latencyStats, type LatencyStats } from './stats.ts';

export interface DisplayLatencyOptions {
  /** How many display socket clients to measure with, one run each (e.g. [10, 100]). */
  clients?: readonly number[];
  /** Calls per run (bounded). */
  calls?: number;
}

export interface DisplayLatencyResult {
  clients: number;
  calls: number;
  /** From sending `POST /api/desks/:id/call-next` to `ticket:called` arriving at each display client. */
  toEachDisplay: LatencyStats;
  /** From the same command to the last of the N clients receiving it (what the slowest TV sees). */
  toLastDisplay: LatencyStats;
}

/**
 * Call-to-screen latency: a desk calls a ticket over REST and N display clients, joined as
 * `display:<id>`, receive the `ticket:called` change. Loopback only; calls run one at a time.
 */
export async function displayLatency(options: DisplayLatencyOptions = {}): Promise<DisplayLatencyResult[]> {
  const results: DisplayLatencyResult[] = [];
  for (const n of options.clients ?? [10, 100]) results.push(await oneRun(n, options.calls ?? 100));
  return results;
}

async function oneRun(clients: number, calls: number): Promise<DisplayLatencyResult> {
  const hub = await startTestHub();
  try {
    const token = await hub.login();
    const post = async (path: string, body: unknown = {}) => {
      const res = await hub.request('POST', path, body, token);
      if (res.status >= 400) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as { ticket: { id: number } };
    };
    const displays: TestSocket[] = [];
    for (let i = 0; i < clients; i++) {
      const socket = await hub.socket();
      await new Promise<void>((resolve, reject) =>
        socket.emit('session:join', { role: 'display', id: `bench-${i % 10}` }, (a) => (a.ok ? resolve() : reject(new Error(a.error.message)))),
      );
      displays.push(socket);
    }
    for (let i = 0; i < calls; i++) await post('/api/tickets', { serviceId: 'certs' });

    const each: number[] = [];
    const last: number[] = [];
    const started = performance.now();
    for (let i = 0; i < calls; i++) {
      const arrivals = displays.map(
        (socket) =>
          new Promise<number>((resolve) => {
            socket.once('ticket:called', () => resolve(performance.now()));
          }),
      );
      const t0 = performance.now();
      await post('/api/desks/desk-1/call-next');
      const times = await Promise.all(arrivals);
      for (const t of times) each.push(t - t0);
      last.push(Math.max(...times) - t0);
      await post('/api/desks/desk-1/finish');
    }
    const elapsedMs = performance.now() - started;
    return { clients, calls, toEachDisplay: latencyStats(each, elapsedMs), toLastDisplay: latencyStats(last, elapsedMs) };
  } finally {
    await hub.close();
  }
}
