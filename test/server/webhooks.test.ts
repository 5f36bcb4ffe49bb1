import { expect } from 'chai';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { until } from '../helpers/wire.ts';
import { eventually, startReceiver, type WebhookReceiver } from '../helpers/webhookReceiver.ts';

describe('outbound webhooks', () => {
  let hub: TestHub;
  let receiver: WebhookReceiver;
  let admin: string;

  const start = async (backoffMs = [20, 20, 20], timeoutMs = 1_000) => {
    hub = await startTestHub({ webhookDelivery: { backoffMs, timeoutMs, pollMs: 20 } });
    admin = await hub.login();
  };
  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await hub?.close();
    await receiver.close();
  });

  const addEndpoint = async (body: Record<string, unknown>) => {
    const res = await hub.request('POST', '/api/admin/webhooks', body, admin);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body as { id: number; secret: string };
  };
  const deliveries = async (id: number) => (await hub.request('GET', `/api/admin/webhooks/${id}/deliveries`, undefined, admin)).body.deliveries as any[];
  const issue = async (serviceId = 'certs') => {
    const res = await hub.issue({ serviceId });
    expect(res.status).to.equal(201);
    return res.body.ticket as { id: number; number: string };
  };

  it('registers endpoints for admins only, checks what is sent, and shows the secret only when made', async () => {
    await start();
    expect((await hub.request('POST', '/api/admin/webhooks', { url: 'ftp://example.org/x', events: ['ticket:issued'] }, admin)).status).to.equal(400);
    expect((await hub.request('POST', '/api/admin/webhooks', { url: receiver.url, events: [] }, admin)).status, 'no event chosen').to.equal(400);
    expect((await hub.request('POST', '/api/admin/webhooks', { url: receiver.url, events: ['ticket:nope'] }, admin)).status).to.equal(400);
    expect((await hub.request('POST', '/api/admin/webhooks', { url: receiver.url, events: ['ticket:issued'], extra: 1 }, admin)).status).to.equal(400);
    const clerk = await hub.loginAs('clerk1', 'clerk');
    expect((await hub.request('GET', '/api/admin/webhooks', undefined, clerk)).status).to.equal(403);
    expect((await hub.request('GET', '/api/admin/webhooks', undefined, admin)).body.endpoints).to.deep.equal([]);

    const made = await addEndpoint({ url: receiver.url, events: ['ticket:issued'] });
    expect(made.secret).to.match(/^whsec_[A-Za-z0-9+/]+=*$/);
    const list = (await hub.request('GET', '/api/admin/webhooks', undefined, admin)).body.endpoints;
    expect(list).to.have.length(1);
    expect(list[0]).to.include({ id: made.id, url: receiver.url, kind: 'events', enabled: true, personalData: false, pending: 0 });
    expect(JSON.stringify(list)).not.to.include(made.secret);

    const rotated = await hub.request('POST', `/api/admin/webhooks/${made.id}/secret`, {}, admin);
    expect(rotated.body.secret).to.match(/^whsec_/).and.not.equal(made.secret);
    expect((await hub.request('PUT', '/api/admin/webhooks/999', { url: receiver.url, events: ['ticket:issued'] }, admin)).status).to.equal(404);
    expect((await hub.request('DELETE', `/api/admin/webhooks/${made.id}`, undefined, admin)).status).to.equal(204);
    expect((await hub.request('DELETE', `/api/admin/webhooks/${made.id}`, undefined, admin)).status).to.equal(404);
  });

  it('delivers the events subscribed, signed, in order, without clerks\' names unless ticked', async () => {
    await start();
    const plain = await addEndpoint({ url: receiver.url, events: ['ticket:issued', 'ticket:called'] });
    await hub.hold('desk-1');
    const issued = [];
    for (let i = 0; i < 6; i++) issued.push(await issue());
    const called = await hub.request('POST', '/api/desks/desk-1/call-next', {}, await hub.login());
    expect(called.status).to.equal(200);
    await until(() => receiver.accepted().length === 7, 'seven deliveries');
    const got = receiver.accepted();
    for (const r of got) expect(() => receiver.verify(r, plain.secret)).not.to.throw();
    expect(() => receiver.verify(got[0]!, 'whsec_' + Buffer.alloc(32).toString('base64'))).to.throw();
    expect(got.map((r) => r.json.type)).to.deep.equal([...issued.map(() => 'ticket:issued'), 'ticket:called']);
    expect(got.slice(0, 6).map((r) => r.json.data.ticket.number)).to.deep.equal(issued.map((t) => t.number));
    const seqs = got.map((r) => r.json.data.seq as number);
    expect(seqs).to.deep.equal([...seqs].sort((a, b) => a - b));
    expect(new Set(got.map((r) => r.headers['webhook-id'])).size).to.equal(7);
    expect(got[6]!.json.data.desk).to.include({ id: 'desk-1', heldBy: null });
    expect(got[6]!.json.data).not.to.have.property('clerk');

    const withNames = await addEndpoint({ url: receiver.url, events: ['ticket:called'], personalData: true });
    expect((await hub.request('POST', '/api/desks/desk-1/finish', {}, await hub.login())).status).to.equal(200);
    const next = await hub.request('POST', '/api/desks/desk-1/call-next', {}, await hub.login());
    expect(next.status, JSON.stringify(next.body)).to.equal(200);
    await until(() => receiver.accepted().some((r) => r.json.data.desk?.heldBy === 'clerk-desk-1'), 'a delivery with the clerk');
    const named = receiver.accepted().find((r) => r.json.data.desk?.heldBy === 'clerk-desk-1')!;
    expect(() => receiver.verify(named, withNames.secret)).not.to.throw();
    const log = await eventually(() => deliveries(plain.id), (l) => l.length === 8, 'eight attempts logged');
    expect(log[0]).to.include({ status: 200, attempt: 1, error: null });
    expect(log[0].payload.length).to.be.at.most(501);
  });

  it('retries a receiver that fails, in order, and logs every attempt with its answer', async () => {
    await start([30, 30, 30, 30, 30]);
    const endpoint = await addEndpoint({ url: receiver.url, events: ['ticket:issued'] });
    receiver.mode = 'fail';
    const first = await issue();
    const second = await issue();
    await until(() => receiver.received.length >= 3, 'three failed attempts');
    expect(receiver.received.every((r) => r.json.data.ticket.id === first.id), 'the second waits behind the first').to.equal(true);
    receiver.mode = 'ok';
    await until(() => receiver.accepted().length === 2, 'both delivered after recovery');
    expect(receiver.accepted().map((r) => r.json.data.ticket.id)).to.deep.equal([first.id, second.id]);
    const ids = new Set(receiver.received.filter((r) => r.json.data.ticket.id === first.id).map((r) => r.headers['webhook-id']));
    expect(ids.size, 'a retry keeps its webhook-id').to.equal(1);
    const log = (await eventually(() => deliveries(endpoint.id), (l) => l.filter((d) => d.status === 200).length === 2, 'both deliveries logged')).reverse();
    expect(log.filter((d) => d.status === 500).length).to.be.at.least(3);
    expect(log.find((d) => d.status === 500)).to.include({ error: 'HTTP 500', response: 'receiver is down' });
    expect(log.at(-1), JSON.stringify(log)).to.include({ status: 200, attempt: 1 });
    const pending = (await hub.request('GET', '/api/admin/webhooks', undefined, admin)).body.endpoints[0].pending;
    expect(pending).to.equal(0);
  });

  it('cuts off a receiver that never answers, and the queue goes on meanwhile', async () => {
    await start([20, 20, 20, 20, 20, 20, 20, 20], 300);
    const endpoint = await addEndpoint({ url: receiver.url, events: ['ticket:issued'] });
    receiver.mode = 'stall';
    await issue();
    await until(() => receiver.received.length >= 1, 'the stalled request');
    // Issuing does not wait for the receiver.
    for (let i = 0; i < 5; i++) await issue();
    await until(() => receiver.received.length >= 2, 'a second attempt after the timeout');
    const log = await deliveries(endpoint.id);
    expect(log[log.length - 1]).to.include({ status: null, error: 'no answer within 300 ms' });
    receiver.mode = 'ok';
    await until(() => receiver.accepted().length === 6, 'all six after recovery');
  });

  it('turns an endpoint off after its last retry fails, warns the admins, and resumes when turned on again', async () => {
    await start([10, 10]);
    const endpoint = await addEndpoint({ url: receiver.url, events: ['ticket:issued'] });
    receiver.mode = 'fail';
    const ticket = await issue();
    await until(() => hub.hub.ctx.warnings.has('webhooks-disabled'), 'the warning');
    expect(receiver.received).to.have.length(3);
    const [listed] = (await hub.request('GET', '/api/admin/webhooks', undefined, admin)).body.endpoints;
    expect(listed).to.include({ enabled: false, pending: 1 });
    expect(listed.disabledReason).to.equal('HTTP 500');
    const health = await hub.request('GET', '/api/health', undefined, admin);
    expect(JSON.stringify(health.body)).to.include('webhooks-disabled');
    const afterOff = await issue();
    receiver.mode = 'ok';
    const on = await hub.request('PUT', `/api/admin/webhooks/${endpoint.id}`, { url: receiver.url, events: ['ticket:issued'], enabled: true }, admin);
    expect(on.body).to.include({ enabled: true, disabledReason: null });
    await until(() => receiver.accepted().length === 1, 'the waiting message delivered');
    expect(receiver.accepted()[0]!.json.data.ticket.id).to.equal(ticket.id);
    expect(receiver.received.some((r) => r.json.data.ticket.id === afterOff.id), 'nothing was queued while off').to.equal(false);
    await until(() => !hub.hub.ctx.warnings.has('webhooks-disabled'), 'the warning cleared');
  });

  it('writes nothing to the outbox when no endpoint is on, and sends a test on demand', async () => {
    await start();
    await issue();
    const outbox = await hub.hub.ctx.database.get<{ n: number }>('SELECT COUNT(*) AS n FROM webhook_outbox');
    expect(Number(outbox!.n)).to.equal(0);
    const endpoint = await addEndpoint({ url: receiver.url, events: ['room:busy'] });
    const test = await hub.request('POST', `/api/admin/webhooks/${endpoint.id}/test`, {}, admin);
    expect(test.body).to.include({ ok: true, status: 200 });
    expect(receiver.accepted()[0]!.json).to.include({ type: 'webhook:test' });
    expect(() => receiver.verify(receiver.accepted()[0]!, endpoint.secret)).not.to.throw();
    expect((await deliveries(endpoint.id))[0]).to.include({ type: 'webhook:test', status: 200 });
    expect((await hub.request('POST', '/api/admin/webhooks/77/test', {}, admin)).status).to.equal(404);
  });
});
