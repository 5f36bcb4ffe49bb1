import { expect } from 'chai';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { firstPassOnly, freshPostgresUrl, skipWithoutPostgres } from '../helpers/postgres.ts';
import { testOffice } from '../helpers/office.ts';
import { ask, record, until } from '../helpers/wire.ts';

/** The test office with seven front desks. */
function sevenDesks() {
  const office = testOffice();
  return { ...office, desks: Array.from({ length: 7 }, (_, i) => ({ id: `desk-${i + 1}`, name: `Sportello ${i + 1}`, kind: 'front' as const, services: ['certs', 'idcard', 'info'] })) };
}

/**
 * Several hub nodes on one PostgreSQL database (server/cluster/), here in one process: each office has one
 * owner that writes it; the other nodes forward commands to it, follow its commits, and get its pushes for
 * their sockets through Socket.IO's PostgreSQL adapter. (Killing and pausing nodes: clusterFailover.test.ts.)
 */
describe('a cluster of hub nodes on PostgreSQL', function () {
  this.timeout(60_000);
  const hubs: TestHub[] = [];
  let url: string;

  before(function () {
    firstPassOnly(this);
    skipWithoutPostgres(this);
  });
  beforeEach(async () => {
    url = await freshPostgresUrl();
  });
  afterEach(async () => {
    for (const h of hubs.splice(0).reverse()) await h.close();
  });

  const node = async (name: string, office = testOffice()) => {
    const h = await startTestHub({ databaseUrl: url, nodeName: name, clusterRoundMs: 200, office });
    hubs.push(h);
    return h;
  };
  const health = async (h: TestHub) => (await h.request('GET', '/api/health', undefined, await h.login())).body.cluster as { node: string; owns: string[]; nodes: { name: string; offices: number }[] };
  const waitForHealth = async (h: TestHub, what: string, ok: (c: Awaited<ReturnType<typeof health>>) => boolean) => {
    let last: Awaited<ReturnType<typeof health>> | undefined;
    const deadline = Date.now() + 10_000;
    while (!last || !ok(last)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`);
      await new Promise((r) => setTimeout(r, 100));
      last = await health(h);
    }
    return last;
  };

  it('a node alone owns every office; a second node forwards commands to the owner and follows its commits', async () => {
    const a = await node('node-a');
    expect(await health(a)).to.deep.include({ node: 'node-a', owns: ['main'] });
    const b = await node('node-b');
    await waitForHealth(b, 'two nodes', (c) => c.nodes.length === 2);
    expect((await health(b)).owns).to.deep.equal([]);

    // Issued through the node that does not own the office: written by the owner, answered by b.
    const viaB = await b.issue({ serviceId: 'certs' });
    expect(viaB.status, JSON.stringify(viaB.body)).to.equal(201);
    expect(viaB.body.ticket.number).to.equal('A001');
    const viaA = await a.issue({ serviceId: 'certs' });
    expect(viaA.body.ticket.number).to.equal('A002');
    // Both nodes read the same queue, b from its replica.
    for (const h of [a, b]) {
      const queue = await h.request('GET', '/api/queue', undefined, await h.login());
      expect(queue.body.waiting.map((t: { number: string }) => t.number), h === a ? 'a' : 'b').to.deep.equal(['A001', 'A002']);
      expect(queue.body.seq).to.equal(a.hub.ctx.committer.seq);
    }
    expect(b.hub.ctx.committer.seq).to.equal(a.hub.ctx.committer.seq);
  });

  it('pushes reach the sockets of every node, and a desk on one node calls what a kiosk on another issued', async () => {
    const a = await node('node-a');
    const b = await node('node-b');
    await waitForHealth(a, 'two nodes', (c) => c.nodes.length === 2);
    const display = await b.socket();
    expect((await ask(display, 'session:join', [{ role: 'display', id: 'all' }])).ok).to.equal(true);
    const seen = record(display);
    const issued = await a.issue({ serviceId: 'info' });
    expect(issued.status).to.equal(201);
    await until(() => seen.some((e) => e.name === 'ticket:issued'), 'the push of a ticket issued on the other node', 5_000);

    const clerk = await b.hold('desk-1');
    const called = await b.request('POST', '/api/desks/desk-1/call-next', {}, clerk);
    expect(called.status, JSON.stringify(called.body)).to.equal(200);
    expect(called.body.ticket.number).to.equal(issued.body.ticket.number);
    await until(() => seen.some((e) => e.name === 'ticket:called'), 'the call pushed to the display', 5_000);
    expect(a.hub.ctx.committer.state.tickets.get(issued.body.ticket.id)?.status).to.equal('called');
  });

  it('spreads offices over the nodes, and seven desks on three nodes never get the same ticket', async () => {
    const a = await node('node-a', sevenDesks());
    const admin = await a.login();
    for (const id of ['vingone', 'casellina']) {
      const created = await a.request('POST', '/api/admin/offices', { office: { ...a.hub.ctx.office, id, name: `Ufficio ${id}` } }, admin);
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
    }
    const b = await node('node-b', sevenDesks());
    const c = await node('node-c', sevenDesks());
    const spread = await waitForHealth(a, 'one office per node', (s) => s.nodes.length === 3 && s.nodes.every((n) => n.offices === 1));
    expect(spread.nodes.map((n) => n.name)).to.deep.equal(['node-a', 'node-b', 'node-c']);
    for (const h of [b, c]) await until(() => h.hub.network.offices.has('vingone') && h.hub.network.offices.has('casellina'), 'offices created elsewhere opened here', 5_000);

    // 40 tickets, then seven desks (spread over the three nodes) call and finish as fast as they can.
    for (let i = 0; i < 40; i++) expect((await [a, b, c][i % 3]!.issue({ serviceId: 'certs' })).status).to.equal(201);
    const nodes = [a, b, c];
    const calledBy = new Map<number, string>();
    const doubles: string[] = [];
    await Promise.all(a.hub.ctx.office.desks.map(async (desk, i) => {
      const h = nodes[i % 3]!;
      const clerk = await h.hold(desk.id);
      for (;;) {
        const r = await h.request('POST', `/api/desks/${desk.id}/call-next`, {}, clerk);
        if (r.status === 404 && r.body.error.code === 'queue-empty') break;
        expect(r.status, `${desk.id}: ${JSON.stringify(r.body)}`).to.equal(200);
        const id = r.body.ticket.id as number;
        if (calledBy.has(id)) doubles.push(`${id}: ${calledBy.get(id)} and ${desk.id}`);
        calledBy.set(id, desk.id);
        const finished = await h.request('POST', `/api/desks/${desk.id}/finish`, { outcomes: [{ code: 'certificate', count: 1 }] }, clerk);
        expect(finished.status, `${desk.id}: ${JSON.stringify(finished.body)}`).to.equal(200);
      }
    }));
    expect(doubles).to.deep.equal([]);
    expect(calledBy.size).to.equal(40);
    expect(new Set(calledBy.values()).size, 'every desk called some').to.be.greaterThan(3);
  });

  it('a logout on one node ends the session on every node at once, not when their caches expire', async () => {
    const a = await node('node-a');
    const b = await node('node-b');
    await waitForHealth(a, 'two nodes', (c) => c.nodes.length === 2);
    const token = await a.loginAs('marta', 'clerk');
    // Both nodes have looked the session up lately (their caches hold it).
    for (const h of [a, b]) expect((await h.request('GET', '/api/auth/me', undefined, token)).status).to.equal(200);
    expect((await b.request('POST', '/api/auth/logout', {}, token)).status).to.be.oneOf([200, 204]);
    const deadline = Date.now() + 2_000;
    let status = 200;
    while (status === 200 && Date.now() < deadline) status = (await a.request('GET', '/api/auth/me', undefined, token)).status;
    expect(status, 'the session ended on the other node (its cache would keep it 5 s)').to.equal(401);
  });

  it('pairs a device showing its code on one node through an admin on another, and hands its token over through any node', async () => {
    const a = await node('node-a');
    const b = await node('node-b');
    await waitForHealth(a, 'two nodes', (c) => c.nodes.length === 2);
    const shown = await b.request('POST', '/api/pairings', { kind: 'display' });
    expect(shown.status).to.equal(201);
    const added = await a.request('POST', '/api/admin/devices', { name: 'Sala attesa', kind: 'display', profile: 'all', code: shown.body.code }, await a.login());
    expect(added.status, JSON.stringify(added.body)).to.equal(201);
    // The device asks again through whichever node the balancer picks.
    const claimed = await a.request('POST', '/api/pairings/claim', { secret: shown.body.secret });
    expect(claimed.body.status).to.equal('paired');
    for (const h of [a, b]) expect((await h.request('GET', '/api/queue', undefined, claimed.body.token)).status).to.equal(200);
    const unknown = await a.request('POST', '/api/admin/devices', { name: 'Altro', kind: 'display', profile: 'all', code: '000000' }, await a.login());
    expect(unknown.status).to.equal(404);
  });

  it('moves a ticket to an office another node owns, keeping its place by arrival (shared traffic across nodes)', async () => {
    const located = (id: string, km: number) => ({
      ...testOffice({ location: { address: `${km} km`, lat: 43.7544 + km / 111.195, lon: 11.1894 }, sharing: { enabled: true, thresholdMinutes: 10, maxDistanceKm: 10 } }),
      id,
      name: `Ufficio ${id}`,
    });
    const a = await node('node-a', located('main', 0));
    const admin = await a.login();
    const created = await a.request('POST', '/api/admin/offices', { office: located('vingone', 1.2) }, admin);
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const b = await node('node-b', located('main', 0));
    const spread = await waitForHealth(b, 'one office per node', (s) => s.nodes.length === 2 && s.nodes.every((n) => n.offices === 1));
    const ownerOfVingone = spread.owns.includes('vingone') ? b : a;
    const other = ownerOfVingone === a ? b : a;
    await until(() => other.hub.network.offices.has('vingone'), 'the other node runs vingone too', 5_000);

    const earlier = (await other.request('POST', '/api/offices/vingone/tickets', { serviceId: 'certs' }, admin)).body.ticket;
    const mine = (await other.issue({ serviceId: 'certs' })).body.ticket;
    const later = (await other.request('POST', '/api/offices/vingone/tickets', { serviceId: 'certs' }, admin)).body.ticket;
    const key = other.hub.ctx.statusLinks.key(mine.id);
    // Asked of the node that does not own the target office: the move's writes go to each office's owner.
    const moved = await other.request('POST', `/api/tickets/${mine.id}/move?key=${key}`, { officeId: 'vingone' });
    expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
    for (const h of [a, b]) {
      const waiting = (await h.request('GET', '/api/offices/vingone/queue', undefined, admin)).body.waiting.map((t: { id: number }) => t.id);
      expect(waiting, h === a ? 'node a' : 'node b').to.deep.equal([earlier.id, moved.body.ticket.id, later.id]);
      expect(h.hub.ctx.committer.state.tickets.get(mine.id)?.status).to.equal('cancelled');
    }
  });
});
