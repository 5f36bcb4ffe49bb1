import { expect } from 'chai';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { firstPassOnly, freshPostgresUrl, skipWithoutPostgres } from '../helpers/postgres.ts';
import { until } from '../helpers/wire.ts';
import { eventually, startReceiver, type WebhookReceiver } from '../helpers/webhookReceiver.ts';

/** Webhooks in a cluster of hub nodes on PostgreSQL: only the office's owner writes the outbox and delivers. */
describe('webhooks in a cluster of hub nodes', function () {
  this.timeout(60_000);
  const hubs: TestHub[] = [];
  let receiver: WebhookReceiver;

  before(function () {
    firstPassOnly(this);
    skipWithoutPostgres(this);
  });
  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    for (const h of hubs.splice(0).reverse()) await h.close();
    await receiver.close();
  });

  it('an endpoint added through the node that does not own the office gets every ticket once, whichever node issued it', async () => {
    const url = await freshPostgresUrl();
    const node = async (name: string) => {
      const h = await startTestHub({ databaseUrl: url, nodeName: name, clusterRoundMs: 200, webhookDelivery: { pollMs: 50, reloadMs: 200, backoffMs: [20, 20] } });
      hubs.push(h);
      return h;
    };
    const a = await node('node-a');
    const b = await node('node-b');
    await until(() => b.hub.ctx.cluster!().nodes.length === 2, 'two nodes', 10_000);
    expect(b.hub.ctx.cluster!().owns).to.deep.equal([]);
    const added = await b.request('POST', '/api/admin/webhooks', { url: receiver.url, events: ['ticket:issued'] }, await b.login());
    expect(added.status, JSON.stringify(added.body)).to.equal(201);
    // The owner reads the endpoints again within a polling round; until then a commit sends nothing.
    await until(() => a.hub.ctx.webhooks.endpoints.length === 1, 'the owner sees the endpoint', 5_000);
    const numbers: string[] = [];
    for (let i = 0; i < 6; i++) numbers.push((await (i % 2 ? a : b).issue({ serviceId: 'certs' })).body.ticket.number);
    await until(() => receiver.accepted().length === 6, 'six deliveries', 10_000);
    // The outbox empty and six attempts in the shared log: no node has anything left to send again.
    const admin = await a.login();
    await eventually(() => a.request('GET', '/api/admin/webhooks', undefined, admin), (r) => r.body.endpoints[0].pending === 0, 'an empty outbox');
    const log = (await a.request('GET', `/api/admin/webhooks/${added.body.id}/deliveries`, undefined, admin)).body.deliveries;
    expect(log.map((d: { status: number }) => d.status)).to.deep.equal([200, 200, 200, 200, 200, 200]);
    expect(receiver.received.map((r) => r.json.data.ticket.number)).to.deep.equal(numbers);
  });
});
