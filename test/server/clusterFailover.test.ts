import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startChildHub, type ChildHub } from '../helpers/childHub.ts';
import { testOffice } from '../helpers/office.ts';
import { firstPassOnly, freshPostgresUrl, skipWithoutPostgres } from '../helpers/postgres.ts';

const adminPassword = 'cluster-password';

async function call(url: string, method: string, path: string, body?: unknown, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(20_000) });
  return { status: res.status, body: (await res.json()) as any };
}

/**
 * Failover between real hub processes (the built hub, as `npm start` runs it) on one PostgreSQL database: the
 * owner of the office is killed with SIGKILL twenty times under a load of issues and calls, or paused while its
 * lock connection is cut. Another node takes the office over, and no acknowledged ticket is lost or numbered twice.
 */
describe('cluster failover (kill -9 and a paused owner)', function () {
  this.timeout(300_000);
  let dir: string;
  let url: string;
  let officeConfigPath: string;
  const nodes = new Map<string, ChildHub>();

  before(function () {
    firstPassOnly(this);
    skipWithoutPostgres(this);
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'punto-comune-cluster-'));
    officeConfigPath = join(dir, 'office.json');
    await writeFile(officeConfigPath, JSON.stringify(testOffice()));
    url = await freshPostgresUrl();
  });
  afterEach(async () => {
    for (const n of nodes.values()) {
      n.child.kill('SIGCONT');
      await n.kill();
    }
    nodes.clear();
    await rm(dir, { recursive: true, force: true });
  });

  const start = async (name: string) => {
    nodes.set(name, await startChildHub({ dbPath: join(dir, 'unused.db'), officeConfigPath, adminPassword, databaseUrl: url, env: { NODE_NAME: name } }));
  };
  /** The node that owns the office now, asked of every live node; undefined while none does. */
  const owner = async (token: string, skip?: string) => {
    for (const [name, n] of nodes) {
      if (name === skip) continue;
      const health = await call(n.url, 'GET', '/api/health', undefined, token).catch(() => undefined);
      if (health?.body.cluster?.owns.includes('main')) return name;
    }
    return undefined;
  };
  const waitForOwner = async (token: string, skip?: string) => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const name = await owner(token, skip);
      if (name !== undefined) return name;
      if (Date.now() > deadline) throw new Error('no node took the office over within 20 s');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('survives twenty kill -9 of the owner under load: every acknowledged ticket kept, none numbered twice', async () => {
    for (const name of ['node-a', 'node-b', 'node-c']) await start(name);
    const token = (await call(nodes.get('node-a')!.url, 'POST', '/api/auth/login', { username: 'admin', password: adminPassword })).body.token as string;
    const acknowledged = new Map<number, string>();
    const called = new Map<number, number>();
    let running = true;
    const live = () => [...nodes.values()];
    const pick = () => live()[Math.floor(Math.random() * live().length)]!;
    const kiosk = async (serviceId: string) => {
      while (running) {
        const r = await call(pick().url, 'POST', '/api/tickets', { serviceId }, token).catch(() => undefined);
        if (r?.status === 201) acknowledged.set(r.body.ticket.id, r.body.ticket.number);
        else await new Promise((res) => setTimeout(res, 50));
      }
    };
    const desk = async (deskId: string) => {
      await call(nodes.get('node-a')!.url, 'POST', `/api/desks/${deskId}/hold`, {}, token);
      while (running) {
        const r = await call(pick().url, 'POST', `/api/desks/${deskId}/call-next`, {}, token).catch(() => undefined);
        if (r?.status === 200) called.set(r.body.ticket.id, (called.get(r.body.ticket.id) ?? 0) + 1);
        await new Promise((res) => setTimeout(res, 30));
      }
    };
    const load = Promise.all([kiosk('certs'), kiosk('info'), kiosk('idcard'), desk('desk-1')]);

    const takeovers: number[] = [];
    for (let round = 0; round < 20; round++) {
      const victim = await waitForOwner(token);
      const before = acknowledged.size;
      while (acknowledged.size < before + 5) await new Promise((r) => setTimeout(r, 20));
      await nodes.get(victim)!.kill();
      nodes.delete(victim);
      const killedAt = Date.now();
      await waitForOwner(token);
      takeovers.push(Date.now() - killedAt);
      await start(victim);
    }
    running = false;
    await load;
    console.log(`      takeover after kill -9, ms: ${takeovers.join(' ')} (max ${Math.max(...takeovers)})`);

    const reader = pick();
    const numbers = new Set<string>();
    for (const [id, number] of acknowledged) {
      const r = await call(reader.url, 'GET', `/api/tickets/${id}`, undefined, token);
      expect(r.status, `ticket ${id} (${number}) was acknowledged`).to.equal(200);
      expect(r.body.ticket.number, `ticket ${id}`).to.equal(number);
      expect(numbers.has(number), `${number} given twice`).to.equal(false);
      numbers.add(number);
    }
    expect(acknowledged.size).to.be.greaterThan(100);
    expect([...called.values()].every((n) => n === 1), 'no ticket called twice').to.equal(true);
  });

  it('fences a paused owner whose lock connection was cut: its late write is refused, and the command goes to the new owner', async () => {
    await start('node-a');
    await start('node-b');
    const a = nodes.get('node-a')!;
    const b = nodes.get('node-b')!;
    const token = (await call(a.url, 'POST', '/api/auth/login', { username: 'admin', password: adminPassword })).body.token as string;
    expect(await waitForOwner(token)).to.equal('node-a');
    expect((await call(a.url, 'POST', '/api/tickets', { serviceId: 'certs' }, token)).body.ticket.number).to.equal('A001');

    // A long pause (SIGSTOP) while the network drops its lock connection: PostgreSQL releases its lock.
    a.child.kill('SIGSTOP');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'punto-comune:node-a'");
    await admin.end();
    expect(await waitForOwner(token, 'node-a')).to.equal('node-b');
    const numbers = ['A001'];
    for (let i = 0; i < 3; i++) numbers.push((await call(b.url, 'POST', '/api/tickets', { serviceId: 'certs' }, token)).body.ticket.number);
    expect(numbers).to.deep.equal(['A001', 'A002', 'A003', 'A004']);

    // A request reaches the paused node; it resumes still believing it owns the office.
    const late = call(a.url, 'POST', '/api/tickets', { serviceId: 'certs' }, token);
    await new Promise((r) => setTimeout(r, 200));
    a.child.kill('SIGCONT');
    const answer = await late;
    expect(answer.status, JSON.stringify(answer.body)).to.equal(201);
    expect(answer.body.ticket.number).to.equal('A005');
    // Both nodes end on the same queue.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const [qa, qb] = await Promise.all([a, b].map((n) => call(n.url, 'GET', '/api/queue', undefined, token)));
      if (qa!.body.seq === qb!.body.seq) {
        expect(qa!.body.waiting.map((t: { number: string }) => t.number)).to.deep.equal(['A001', 'A002', 'A003', 'A004', 'A005']);
        break;
      }
      if (Date.now() > deadline) throw new Error(`the nodes did not converge: ${qa!.body.seq} vs ${qb!.body.seq}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(a.output.join('\n')).to.match(/no longer owns the office/);
  });
});
