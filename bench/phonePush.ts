import { join } from 'node:path';
import { io as connect } from 'socket.io-client';
import type { TicketStatusPush } from '../protocol/ticketStatus.ts';
import { benchOffice, removeDatabase } from './benchOffice.ts';
import { command, HubClient, openSocket, type BenchSocket } from './clients.ts';
import { bareFanOut } from './fanout.ts';
import { startHubProcess } from './hubProcess.ts';
import { latencyStats, type LatencyStats } from './stats.ts';

/**
 * Section 2b: a desk's call reaching the citizen's phone. `calls` tickets are issued and each is followed
 * by a phone socket of its own (`auth: { ticketId, key }`), as the status page does; the desk calls them one
 * at a time and each latency runs from the desk's `desk:call` to that ticket's phone receiving its
 * `ticket:status` with `status: "called"`. Beside it, the bare Socket.IO broadcast to one client.
 */
export interface PhonePushFigures {
  phones: number;
  calls: number;
  /** Desk sends `desk:call` → the called ticket's phone has its `ticket:status` "called". */
  callToPhone: LatencyStats;
  /** Trigger sends `go` → one bare client has the broadcast. */
  bareToOne: LatencyStats;
}

function phoneSocket(url: string, ticketId: number, key: string): Promise<BenchSocket> {
  const socket: BenchSocket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { ticketId, key } });
  return new Promise((resolve, reject) => {
    socket.once('ticket:status', () => resolve(socket)); // its view arrives at once on connecting
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

export async function phonePush(dir: string, calls: number, log: (line: string) => void): Promise<PhonePushFigures> {
  const office = await benchOffice(dir);
  const dbPath = join(dir, 'phone-push.db');
  await removeDatabase(dbPath);
  const hub = await startHubProcess({ dbPath, officePath: office.path, env: { MAX_SOCKETS_PER_ADDRESS: String(calls + 10), SOCKET_MESSAGES_PER_SECOND: '100000' } });
  const sockets: BenchSocket[] = [];
  try {
    const client = new HubClient(hub.url);
    const adminToken = await client.adminToken();
    await client.holdDesks(adminToken, [office.frontDesks[0]!]);
    const desk = await openSocket(hub.url, adminToken);
    client.close();
    sockets.push(desk);
    const deskId = office.frontDesks[0]!;
    const phones: { ticketId: number; socket: BenchSocket }[] = [];
    for (let i = 0; i < calls; i++) {
      const issued = await command(desk, 'ticket:issue', { serviceId: office.services[0]! });
      if (!issued.ok) throw new Error(`ticket:issue: ${issued.error?.code}`);
      const { ticket, statusUrl } = (issued as unknown as { data: { ticket: { id: number }; statusUrl: string } }).data;
      const socket = await phoneSocket(hub.url, ticket.id, new URL(statusUrl).searchParams.get('k')!);
      sockets.push(socket);
      phones.push({ ticketId: ticket.id, socket });
    }
    const latencies: number[] = [];
    const started = performance.now();
    let payload: unknown;
    for (const { ticketId, socket } of phones) {
      const called = new Promise<number>((resolve) => {
        const onStatus = (p: TicketStatusPush) => {
          if (p.ticket.status !== 'called') return;
          payload = p;
          socket.off('ticket:status', onStatus);
          resolve(performance.now());
        };
        socket.on('ticket:status', onStatus);
      });
      const t0 = performance.now();
      const answer = await command(desk, 'desk:call', { deskId, ticketId });
      if (!answer.ok) throw new Error(`desk:call: ${answer.error?.code}`);
      latencies.push((await called) - t0);
      const done = await command(desk, 'desk:finish', { deskId });
      if (!done.ok) throw new Error(`desk:finish: ${done.error?.code}`);
    }
    const callToPhone = latencyStats(latencies, performance.now() - started);
    const bareToOne = await bareFanOut(1, calls, payload);
    log(`call to phone (${calls} phones following): p50 ${callToPhone.p50Ms} p99 ${callToPhone.p99Ms} ms; bare broadcast to one: p50 ${bareToOne.p50Ms} p99 ${bareToOne.p99Ms} ms`);
    return { phones: calls, calls, callToPhone, bareToOne };
  } finally {
    for (const s of sockets) s.close();
    await hub.stop();
  }
}

// `node --import tsx bench/phonePush.ts [calls] [dir]` runs this section alone (after `npm run build`).
if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await phonePush(process.argv[3] ?? 'bench/.data', Number(process.argv[2] ?? 50), (line) => console.log(`[bench] ${line}`));
  console.log(JSON.stringify(figures, null, 2));
}
