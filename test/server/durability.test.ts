import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect } from 'socket.io-client';
import type { QueueSnapshot, TicketStatus, TicketView } from '../../protocol/views.ts';
import { startChildHub, type ChildHub } from '../helpers/childHub.ts';
import type { TestSocket } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';
import { ask, record } from '../helpers/wire.ts';

/**
 * "No acknowledged ticket is ever lost or numbered twice, even if the hub is killed (kill -9) mid-day."
 * The hub runs as a child process under load; it is killed while requests are in flight and restarted
 * on the same database file, twice.
 */

const password = 'durability-admin-pw';
const services = ['certs', 'idcard', 'info'] as const;
const deskIds = ['desk-1', 'desk-2', 'desk-3'] as const;

/** How far along a ticket is; a restart may find it further along than acknowledged, never less. */
const rank: Record<TicketStatus, number> = {
  waiting: 0, called: 1, serving: 2, parked: 2, done: 3, 'no-show': 3, cancelled: 3, expired: 3,
};

interface Acked {
  id: number;
  number: string;
  serviceId: string;
  status: 'waiting' | 'called' | 'done';
  deskId: string | null;
}

/** What the test was told: by REST answers, and by the changes pushed to a display. */
class Ledger {
  readonly tickets = new Map<number, Acked>();
  maxSeq = 0;
  unexpected: string[] = [];

  ack(t: TicketView, status: Acked['status']): void {
    const known = this.tickets.get(t.id);
    if (known && rank[known.status] >= rank[status]) return;
    this.tickets.set(t.id, { id: t.id, number: t.number, serviceId: t.serviceId, status, deskId: t.deskId });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * POST with a JSON body; undefined when the connection failed (the hub was killed).
 * The answer's body is `any` on purpose: each caller asserts the shape it expects for each status.
 */
async function post(url: string, body: unknown, token?: string): Promise<{ status: number; body: any } | undefined> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  } catch {
    return undefined;
  }
}

async function login(hub: ChildHub): Promise<string> {
  const res = await post(`${hub.url}/api/auth/login`, { username: 'admin', password });
  expect(res?.status, hub.output.join('\n')).to.equal(200);
  return res!.body.token as string;
}

/** A kiosk tapping as fast as the hub answers, each tap with its own request id. */
async function kiosk(hub: ChildHub, name: string, ledger: Ledger, running: () => boolean): Promise<void> {
  for (let i = 0; i < 5000 && running(); i++) {
    const res = await post(`${hub.url}/api/tickets`, { serviceId: services[i % 3], requestId: `kiosk-${name}-tap-${i}` });
    if (!res) return;
    if (res.status !== 201) ledger.unexpected.push(`issue: ${res.status} ${JSON.stringify(res.body)}`);
    else ledger.ack(res.body.ticket as TicketView, 'waiting');
  }
}

/** A clerk calling and finishing; a desk found holding a ticket (from before a kill) finishes it first. */
async function clerk(hub: ChildHub, deskId: string, token: string, ledger: Ledger, running: () => boolean): Promise<void> {
  const action = (name: string) => post(`${hub.url}/api/desks/${deskId}/${name}`, {}, token);
  for (let i = 0; i < 5000 && running(); i++) {
    const called = await action('call-next');
    if (!called) return;
    if (called.status === 404 && called.body.error.code === 'queue-empty') {
      await sleep(2);
      continue;
    }
    if (called.status === 200) ledger.ack(called.body.ticket as TicketView, 'called');
    else if (called.status !== 409 || called.body.error.code !== 'desk-busy') {
      ledger.unexpected.push(`call-next: ${called.status} ${JSON.stringify(called.body)}`);
      return;
    }
    const finished = await action('finish');
    if (!finished) return;
    if (finished.status === 200) ledger.ack(finished.body.ticket as TicketView, 'done');
    else ledger.unexpected.push(`finish: ${finished.status} ${JSON.stringify(finished.body)}`);
  }
}

async function displaySocket(hub: ChildHub, ledger: Ledger): Promise<TestSocket> {
  const s: TestSocket = connect(hub.url, { transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
  const events = record(s);
  s.onAny(() => (ledger.maxSeq = Math.max(ledger.maxSeq, events.at(-1)!.payload.seq)));
  const joined = await ask<QueueSnapshot>(s, 'session:join', [{ role: 'display', id: 'tv-durability' }]);
  expect(joined.ok).to.equal(true);
  if (joined.ok) ledger.maxSeq = Math.max(ledger.maxSeq, joined.data.seq);
  return s;
}

/** GET as JSON; `any` on purpose, as for `post`. */
async function getJson(url: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
}

/** Every ticket of the database, read by id from 1 up to the first unknown one. */
async function allTickets(hub: ChildHub): Promise<TicketView[]> {
  const tickets: TicketView[] = [];
  for (let id = 1; id < 100_000; id++) {
    const res = await getJson(`${hub.url}/api/tickets/${id}`);
    if (res.status === 404) break;
    expect(res.status).to.equal(200);
    tickets.push(res.body.ticket as TicketView);
  }
  // Ids are given in order: nothing hides beyond the first gap.
  for (let id = tickets.length + 1; id <= tickets.length + 5; id++) {
    expect((await getJson(`${hub.url}/api/tickets/${id}`)).status, `ticket ${id}`).to.equal(404);
  }
  return tickets;
}

const numberSeq = (n: string) => Number(n.slice(1));

/** The restarted hub holds every acknowledged ticket at least as far along, numbered once. */
async function verify(hub: ChildHub, ledger: Ledger): Promise<Map<string, number>> {
  expect(ledger.unexpected, 'answers the load did not expect').to.deep.equal([]);
  const tickets = await allTickets(hub);
  const byId = new Map(tickets.map((t) => [t.id, t]));
  for (const acked of ledger.tickets.values()) {
    const t = byId.get(acked.id);
    expect(t, `acknowledged ticket ${acked.id} (${acked.number}) lost`).to.not.equal(undefined);
    expect(t!.number, `ticket ${acked.id}`).to.equal(acked.number);
    expect(t!.serviceId, `ticket ${acked.id}`).to.equal(acked.serviceId);
    expect(rank[t!.status], `ticket ${acked.number} acknowledged ${acked.status}, found ${t!.status}`).to.be.at.least(rank[acked.status]);
    if (acked.status !== 'waiting') expect(t!.deskId, `desk of ${acked.number}`).to.equal(acked.deskId);
    if (acked.status === 'done') expect(t!.status).to.equal('done');
  }

  // Numbering: per service exactly 001…n, none twice (the load never transfers, so a ticket keeps its service).
  const highest = new Map<string, number>();
  for (const serviceId of services) {
    const seqs = tickets.filter((t) => t.serviceId === serviceId).map((t) => numberSeq(t.number)).sort((a, b) => a - b);
    expect(seqs, `numbers of ${serviceId}`).to.deep.equal(seqs.map((_, i) => i + 1));
    highest.set(serviceId, seqs.length);
  }

  // Desks came back holding what they held: each called or served ticket is its desk's current one.
  const queue = (await getJson(`${hub.url}/api/queue`)).body as QueueSnapshot;
  expect(queue.seq, 'seq went back').to.be.at.least(ledger.maxSeq);
  for (const t of tickets.filter((x) => x.status === 'called' || x.status === 'serving')) {
    expect(queue.desks.find((d) => d.id === t.deskId)?.currentTicket?.id, `desk of ${t.number}`).to.equal(t.id);
  }
  const held = queue.desks.flatMap((d) => (d.currentTicket ? [d.currentTicket.id] : []));
  expect(new Set(held).size).to.equal(held.length);
  expect(queue.waiting.map((t) => t.id).sort((a, b) => a - b)).to.deep.equal(
    tickets.filter((t) => t.status === 'waiting').map((t) => t.id),
  );
  return highest;
}

describe('durability: kill -9 under load', () => {
  let dir: string;
  let hub: ChildHub | undefined;
  let display: TestSocket | undefined;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'punto-comune-durability-'));
    await writeFile(join(dir, 'office.json'), JSON.stringify(testOffice()));
  });

  after(async () => {
    display?.disconnect();
    await hub?.kill();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged ticket and its numbering through two kills', async function () {
    this.timeout(30_000);
    const options = { dbPath: join(dir, 'data', 'hub.db'), officeConfigPath: join(dir, 'office.json'), adminPassword: password };
    const ledger = new Ledger();
    hub = await startChildHub(options);

    for (let cycle = 1; cycle <= 2; cycle++) {
      const token = await login(hub);
      display = await displaySocket(hub, ledger);
      const ackedBefore = ledger.tickets.size;

      let running = true;
      const alive = () => running;
      const load = [
        ...Array.from({ length: 10 }, (_, k) => kiosk(hub!, `c${cycle}-k${k}`, ledger, alive)),
        ...deskIds.map((deskId) => clerk(hub!, deskId, token, ledger, alive)),
      ];
      // Mid-stream: once plenty has been acknowledged, with requests still in flight.
      const deadline = Date.now() + 3000;
      while (ledger.tickets.size - ackedBefore < 150 && Date.now() < deadline) await sleep(5);
      const seqAtKill = ledger.maxSeq;
      await hub.kill();
      running = false;
      await Promise.all(load);
      display.disconnect();

      const called = [...ledger.tickets.values()].filter((t) => t.status !== 'waiting').length;
      expect(ledger.tickets.size - ackedBefore, `tickets acknowledged in cycle ${cycle}`).to.be.at.least(100);
      expect(called, 'tickets called so far').to.be.at.least(10 * cycle);
      expect(seqAtKill).to.be.at.least(ledger.tickets.size);

      hub = await startChildHub(options);
      const highest = await verify(hub, ledger);

      // Numbering goes on after the highest number given before the kill, in every service.
      for (const serviceId of services) {
        const res = await post(`${hub.url}/api/tickets`, { serviceId });
        expect(res?.status).to.equal(201);
        const t = res!.body.ticket as TicketView;
        expect(numberSeq(t.number), `${serviceId} after restart ${cycle}`).to.equal(highest.get(serviceId)! + 1);
        ledger.ack(t, 'waiting');
      }
    }
    await hub.stop();
    expect(hub.child.exitCode).to.equal(0);
  });
});
