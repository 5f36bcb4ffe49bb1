import { join } from 'node:path';
import { startReceiver } from '../test/helpers/webhookReceiver.ts';
import { benchOffice, removeDatabase } from './benchOffice.ts';
import { command, HubClient, openSockets, type BenchSocket } from './clients.ts';
import { startHubProcess } from './hubProcess.ts';
import { latencyStats, load, type LatencyStats } from './stats.ts';

/**
 * Section 2c: webhook delivery lag at the hub's peak issue rate (issue 25). One receiver on 127.0.0.1, subscribed to
 * `ticket:issued`, answers 200 at once; `kiosks` sockets issue `tickets` tickets as fast as the hub takes them.
 * Each lag runs from the ticket's acknowledgement (its commit, which wrote the outbox row) to the receiver having
 * that ticket's message. Beside it, the issue rate reached with the endpoint on, and the same load just before
 * without one.
 */
export interface WebhookLagFigures {
  kiosks: number;
  tickets: number;
  /** The same load on the same hub before the endpoint was added: what the webhooks cost the command path. */
  issueWithoutEndpoint: LatencyStats;
  /** The issues' own latencies and rate while the endpoint is on. */
  issue: LatencyStats;
  /** Ticket acknowledged → the receiver has its `ticket:issued`. */
  deliveryLag: LatencyStats;
  /** From the first issue to the last message received. */
  drainMs: number;
  /** Messages received more than once (0 unless the hub retried). */
  duplicates: number;
}

export async function webhookLag(dir: string, settings: { kiosks: number; tickets: number }, log: (line: string) => void): Promise<WebhookLagFigures> {
  const office = await benchOffice(dir);
  const dbPath = join(dir, 'webhook-lag.db');
  await removeDatabase(dbPath);
  const receiver = await startReceiver();
  const hub = await startHubProcess({ dbPath, officePath: office.path, env: { SOCKET_MESSAGES_PER_SECOND: '100000' } });
  const sockets: BenchSocket[] = [];
  try {
    const client = new HubClient(hub.url);
    const admin = await client.adminToken();
    sockets.push(...(await openSockets(hub.url, Array.from({ length: settings.kiosks }, () => admin))));
    const issueOne = async (i: number) => {
      const answer = (await command(sockets[i % sockets.length]!, 'ticket:issue', { serviceId: office.services[i % office.services.length]! })) as { ok: boolean; data?: { ticket: { id: number } } };
      if (!answer.ok || !answer.data) throw new Error('ticket:issue refused');
      return answer.data.ticket.id;
    };
    const baseline = await load(settings.tickets, settings.kiosks, async (i) => void (await issueOne(i)));
    const added = await client.request('POST', '/api/admin/webhooks', { url: receiver.url, events: ['ticket:issued'] }, admin);
    if (added.status !== 201) throw new Error(`webhook: ${added.status} ${JSON.stringify(added.body)}`);
    client.close();
    const acked = new Map<number, number>();
    const received = new Map<number, number>();
    let duplicates = 0;
    const seen = receiver.received;
    const started = performance.now();
    const issue = await load(settings.tickets, settings.kiosks, async (i) => void acked.set(await issueOne(i), performance.now()));
    const issueElapsed = performance.now() - started;
    // The receiver stamps each arrival as it comes (same process, same clock).
    const deadline = performance.now() + 60_000;
    let read = 0;
    while (received.size < acked.size && performance.now() < deadline) {
      for (; read < seen.length; read++) {
        const id = seen[read]!.json.data.ticket.id as number;
        if (received.has(id)) duplicates++;
        else received.set(id, seen[read]!.at);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const lags = [...acked].flatMap(([id, at]) => (received.has(id) ? [Math.max(0, received.get(id)! - at)] : []));
    const figures = {
      kiosks: settings.kiosks,
      tickets: settings.tickets,
      issueWithoutEndpoint: latencyStats(baseline.latencies, baseline.elapsedMs),
      issue: latencyStats(issue.latencies, issueElapsed),
      deliveryLag: latencyStats(lags, performance.now() - started),
      drainMs: Math.round(Math.max(...received.values()) - started),
      duplicates,
    };
    log(`issues: ${figures.issueWithoutEndpoint.perSecond}/s without an endpoint, ${figures.issue.perSecond}/s with one`);
    log(`webhook lag at ${figures.issue.perSecond} issues/s: p50 ${figures.deliveryLag.p50Ms} ms, p99 ${figures.deliveryLag.p99Ms} ms, ${received.size}/${acked.size} delivered, drained in ${figures.drainMs} ms`);
    return figures;
  } finally {
    for (const s of sockets) s.close();
    await hub.stop();
    await receiver.close();
  }
}
