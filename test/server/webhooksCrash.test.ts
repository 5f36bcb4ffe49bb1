import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChildHub, type ChildHub } from '../helpers/childHub.ts';
import { testOffice } from '../helpers/office.ts';
import { until } from '../helpers/wire.ts';
import { eventually, startReceiver, type WebhookReceiver } from '../helpers/webhookReceiver.ts';

/**
 * "A crash loses nothing": the hub runs as a child process with a webhook endpoint; it is killed (kill -9) while a
 * delivery is under way (the receiver holds the request unanswered), then again while it delivers a stream of
 * tickets, and restarted on the same database each time. Every ticket the hub acknowledged must reach the receiver
 * at least once, and the first arrival of each must follow the order the tickets were issued in.
 */

const password = 'webhooks-crash-admin-pw';

async function call(hub: ChildHub, token: string | undefined, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(hub.url + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe('webhooks survive kill -9 mid-delivery (child hub)', function () {
  this.timeout(120_000);
  let dir: string;
  let hub: ChildHub | undefined;
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pc-webhooks-crash-'));
    await writeFile(join(dir, 'office.json'), JSON.stringify(testOffice()));
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await hub?.kill();
    await receiver.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('delivers every acknowledged event at least once, in order, across two kills', async () => {
    const options = { dbPath: join(dir, 'data', 'hub.db'), officeConfigPath: join(dir, 'office.json'), adminPassword: password };
    hub = await startChildHub(options);
    const admin = async () => (await call(hub!, undefined, 'POST', '/api/auth/login', { username: 'admin', password })).body.token as string;
    let token = await admin();
    const added = await call(hub, token, 'POST', '/api/admin/webhooks', { url: receiver.url, events: ['ticket:issued'] });
    expect(added.status, JSON.stringify(added.body)).to.equal(201);
    const acknowledged: number[] = [];
    const issue = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const res = await call(hub!, token, 'POST', '/api/tickets', { serviceId: i % 2 ? 'certs' : 'info' });
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
        acknowledged.push(res.body.ticket.id as number);
      }
    };

    // 1. The receiver holds the first request; the others wait behind it in the outbox; kill -9.
    receiver.mode = 'stall';
    await issue(10);
    await until(() => receiver.received.length >= 1, 'the first delivery to reach the receiver', 10_000);
    await hub.kill();
    receiver.mode = 'ok';
    hub = await startChildHub(options);
    token = await admin();
    await until(() => new Set(receiver.accepted().map((r) => r.json.data.ticket.id)).size === 10, 'the ten after the restart', 20_000);

    // 2. Killed while it delivers a stream of tickets.
    await issue(20);
    await until(() => receiver.accepted().length >= 14, 'some of the stream delivered', 20_000);
    await hub.kill();
    hub = await startChildHub(options);
    token = await admin();
    await issue(5);
    await until(() => new Set(receiver.accepted().map((r) => r.json.data.ticket.id)).size === acknowledged.length, 'every ticket delivered', 30_000);

    const firstArrivals: number[] = [];
    for (const r of receiver.accepted()) if (!firstArrivals.includes(r.json.data.ticket.id)) firstArrivals.push(r.json.data.ticket.id);
    expect(firstArrivals).to.deep.equal(acknowledged);
    const ids = receiver.accepted().map((r) => r.headers['webhook-id']);
    const repeats = ids.length - new Set(ids).size;
    expect(repeats, 'a message sent again keeps its webhook-id').to.equal(receiver.accepted().length - acknowledged.length);
    // The outbox empties once the last answer is recorded (just after the receiver answered).
    await eventually(() => call(hub!, token, 'GET', '/api/admin/webhooks'), (r) => r.body.endpoints[0].pending === 0, 'an empty outbox');
  });
});
