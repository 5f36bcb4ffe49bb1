import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../server/logger.ts';
import { DeliveryWorker } from '../../server/webhooks/deliveryWorker.ts';
import type { Delivered, DeliveryRecord, OutboxMessage, WebhookEndpoint, WebhookStore } from '../../server/webhooks/webhookStore.ts';
import { until } from '../helpers/wire.ts';

/**
 * How the delivery worker reads and records: an endpoint's outbox a page at a time, the 2xx answers written
 * together (one call per page here, the time limit set far off), and always before a failure is recorded. The
 * store is a recording stand-in; the receiver is a real HTTP server that refuses the messages it is told to.
 */

type Call = { kind: 'waiting'; limit: number } | { kind: 'deliveredAll'; ids: number[] } | { kind: 'failed'; id: number; attempt: number };

/** The outbox in memory, and every call the worker made, in order. */
function recordingStore(count: number) {
  let outbox: OutboxMessage[] = Array.from({ length: count }, (_, i) => ({
    id: i + 1, endpointId: 1, type: 'ticket:issued', payload: JSON.stringify({ n: i + 1 }), createdAt: 0, attempts: 0, nextAt: 0,
  }));
  const calls: Call[] = [];
  const store = {
    waiting: async (_endpointId: number, limit: number) => {
      calls.push({ kind: 'waiting', limit });
      return outbox.slice(0, limit).map((m) => ({ ...m }));
    },
    deliveredAll: async (done: readonly Delivered[]) => {
      calls.push({ kind: 'deliveredAll', ids: done.map((d) => d.message.id) });
      const gone = new Set(done.map((d) => d.message.id));
      outbox = outbox.filter((m) => !gone.has(m.id));
    },
    failed: async (message: OutboxMessage, record: DeliveryRecord, nextAt: number) => {
      calls.push({ kind: 'failed', id: message.id, attempt: record.attempt });
      outbox = outbox.map((m) => (m.id === message.id ? { ...m, attempts: m.attempts + 1, nextAt } : m));
    },
  };
  return { store: store as unknown as WebhookStore, calls, outbox: () => outbox };
}

describe('webhook delivery in pages', () => {
  let server: Server;
  let url: string;
  const arrived: number[] = [];
  const refused = new Set<number>();
  let worker: DeliveryWorker | undefined;

  beforeEach(async () => {
    arrived.length = 0;
    refused.clear();
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const n = (JSON.parse(body) as { n: number }).n;
        arrived.push(n);
        res.writeHead(refused.has(n) ? 500 : 200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterEach(async () => {
    await worker?.stop();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const startWorker = (store: WebhookStore) => {
    const endpoint: WebhookEndpoint = {
      id: 1, kind: 'events', url, events: ['ticket:issued'], secret: `whsec_${Buffer.alloc(32, 7).toString('base64')}`, enabled: true,
      personalData: false, disabledReason: null, createdAt: 0, updatedAt: 0,
    };
    worker = new DeliveryWorker({
      store, officeId: 'test', endpoints: () => [endpoint], reloadEndpoints: async () => undefined, active: () => true,
      disable: async () => undefined, clock: () => 1_000, log: createLogger('silent'),
      backoffMs: [60_000], pollMs: 60_000, pageSize: 50, flushMs: 60_000,
    });
    worker.poke();
  };

  it('reads 50 at a time, delivers in order and writes each page\'s successes in one call', async () => {
    const { store, calls, outbox } = recordingStore(120);
    startWorker(store);
    await until(() => outbox().length === 0, 'the outbox emptied', 20_000);
    expect(arrived).to.deep.equal(Array.from({ length: 120 }, (_, i) => i + 1));
    const writes = calls.flatMap((c) => (c.kind === 'deliveredAll' ? [c.ids] : []));
    expect(writes.map((ids) => ids.length)).to.deep.equal([50, 50, 20]);
    expect(writes.flat()).to.deep.equal(arrived);
    expect(calls.filter((c) => c.kind === 'waiting')).to.deep.equal([{ kind: 'waiting', limit: 50 }, { kind: 'waiting', limit: 50 }, { kind: 'waiting', limit: 50 }]);
  });

  it('writes the successes before the failure, and stops at it', async () => {
    const { store, calls, outbox } = recordingStore(10);
    refused.add(4);
    startWorker(store);
    await until(() => calls.some((c) => c.kind === 'failed'), 'the failure recorded', 20_000);
    await worker!.stop();
    expect(arrived, 'nothing after the failed message is sent').to.deep.equal([1, 2, 3, 4]);
    expect(calls).to.deep.equal([
      { kind: 'waiting', limit: 50 },
      { kind: 'deliveredAll', ids: [1, 2, 3] },
      { kind: 'failed', id: 4, attempt: 1 },
    ]);
    expect(outbox().map((m) => [m.id, m.attempts, m.nextAt])[0]).to.deep.equal([4, 1, 61_000]);
    expect(outbox()).to.have.length(7);
  });
});
