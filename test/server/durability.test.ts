import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QueueSnapshot, TicketView } from '../../protocol/views.ts';
import { startChildHub, type ChildHub } from '../helpers/childHub.ts';
import { adminSocket, clerk, kiosk, Ledger, prng, rank, restChannel, sleep, socketChannel, type Channel, type Issued } from '../helpers/crashLoad.ts';
import type { TestSocket } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';
import { ask, record } from '../helpers/wire.ts';

/**
 * "No acknowledged ticket is ever lost or numbered twice, even if the hub is killed (kill -9) mid-day."
 * The hub runs as a child process under a mixed load (kiosks over REST and Socket.IO with request ids,
 * four desks calling, serving, finishing, marking no-shows, transferring, parking, resuming, a back
 * office opening and closing) and is killed at a random moment, five times in a row, restarting on the
 * same database file. After each restart everything acknowledged must be there. The kill delays and the
 * load's choices come from a seeded PRNG: CRASH_SEED=<n> replays them (the timing of the answers varies).
 */

const password = 'durability-admin-pw';
const kills = 5;
const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const services = ['certs', 'idcard', 'info'] as const;
/** Which desk is worked over which transport. */
const desks: [string, 'rest' | 'socket'][] = [['desk-1', 'rest'], ['desk-2', 'socket'], ['desk-3', 'rest'], ['back-1', 'socket']];

/** JSON from the hub with the admin's token; `any` on purpose: each caller asserts the shape it expects. */
async function call(hub: ChildHub, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(hub.url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function login(hub: ChildHub): Promise<string> {
  const res = await fetch(`${hub.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
  expect(res.status, hub.output.slice(-20).join('\n')).to.equal(200);
  return ((await res.json()) as { token: string }).token;
}

/** Each desk held by a clerk of its own (a desk calls only while held); holding again what one holds changes nothing. */
async function holdDesks(hub: ChildHub, admin: string): Promise<void> {
  for (const [deskId] of desks) {
    const username = `clerk-${deskId}`;
    const added = await call(hub, admin, 'POST', '/api/admin/users', { username, password: `${username}-password-long`, role: 'clerk' });
    expect([201, 409], JSON.stringify(added.body)).to.include(added.status);
    const res = await fetch(`${hub.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: `${username}-password-long` }) });
    const clerk = ((await res.json()) as { token: string }).token;
    const held = await call(hub, clerk, 'POST', `/api/desks/${deskId}/hold`, {});
    expect(held.status, JSON.stringify(held.body)).to.equal(200);
  }
}

/** A waiting-room display (with the admin's token): every pushed ticket change is acknowledged state too. */
async function displaySocket(hub: ChildHub, token: string, ledger: Ledger): Promise<TestSocket> {
  const s = await adminSocket(hub.url, token);
  const events = record(s);
  s.onAny(() => {
    const last = events.at(-1)!.payload;
    ledger.maxSeq = Math.max(ledger.maxSeq, last.seq);
    if (last.ticket) ledger.ack(last.ticket as TicketView);
  });
  const joined = await ask<QueueSnapshot>(s, 'session:join', [{ role: 'display', id: 'tv-durability' }], 5000);
  expect(joined.ok, JSON.stringify(joined)).to.equal(true);
  if (joined.ok) ledger.maxSeq = Math.max(ledger.maxSeq, joined.data.seq);
  return s;
}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)));
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every ticket of the database: ids 1 up to the highest acknowledged, then on until the first unknown one. */
async function allTickets(hub: ChildHub, token: string, ledger: Ledger): Promise<TicketView[]> {
  const highest = Math.max(0, ...ledger.tickets.keys());
  const tickets: TicketView[] = [];
  for (let from = 1; from <= highest; from += 32) {
    const ids = Array.from({ length: Math.min(32, highest - from + 1) }, (_, i) => from + i);
    const answers = await Promise.all(ids.map((id) => call(hub, token, 'GET', `/api/tickets/${id}`)));
    for (const [i, res] of answers.entries()) {
      const acked = ledger.tickets.get(ids[i]!);
      const what = acked ? `acknowledged ticket ${acked.number} (id ${acked.id}) lost` : `ticket ${ids[i]} lost (ids are consecutive; ${highest} was acknowledged)`;
      expect(res.status, `${what}: ${JSON.stringify(res.body)}`).to.equal(200);
      tickets.push(res.body.ticket as TicketView);
    }
  }
  // Committed but not acknowledged (the answer was lost with the hub): there may be a few more.
  for (let id = highest + 1; id < highest + 2000; id++) {
    const res = await call(hub, token, 'GET', `/api/tickets/${id}`);
    if (res.status === 404) break;
    expect(res.status).to.equal(200);
    tickets.push(res.body.ticket as TicketView);
  }
  // Ids are given in order: nothing hides beyond the first gap.
  for (let id = tickets.length + 1; id <= tickets.length + 5; id++) expect((await call(hub, token, 'GET', `/api/tickets/${id}`)).status, `ticket ${id}`).to.equal(404);
  return tickets;
}

const prefixOf = (number: string) => /^[A-Z]+/.exec(number)![0];
const seqOf = (number: string) => Number(number.slice(prefixOf(number).length));

/** The restarted hub holds everything acknowledged, at least as far along, numbered once, each ticket at one desk. */
async function verify(hub: ChildHub, token: string, ledger: Ledger): Promise<{ tickets: TicketView[]; queue: QueueSnapshot }> {
  expect(ledger.unexpected, 'answers the load did not expect').to.deep.equal([]);
  const tickets = await allTickets(hub, token, ledger);
  const byId = new Map(tickets.map((t) => [t.id, t]));
  for (const acked of ledger.tickets.values()) {
    const t = byId.get(acked.id);
    expect(t, `acknowledged ticket ${acked.number} (id ${acked.id}) lost`).to.not.equal(undefined);
    const what = `ticket ${acked.number} (id ${acked.id}): acknowledged ${acked.status} at ${acked.deskId} after ${acked.transfers.length} transfer(s), found ${t!.status} at ${t!.deskId} after ${t!.transfers.length}`;
    expect(t!.number, what).to.equal(acked.number);
    expect(t!.transfers.map((x) => x.toServiceId).slice(0, acked.transfers.length), what).to.deep.equal(acked.transfers.map((x) => x.toServiceId));
    if (t!.transfers.length > acked.transfers.length) continue; // transferred again since: further along
    expect(t!.serviceId, what).to.equal(acked.serviceId);
    expect(rank[t!.status], what).to.be.at.least(rank[acked.status]);
    if (acked.status !== 'waiting') expect(t!.deskId, what).to.equal(acked.deskId);
    if (rank[acked.status] === 3) expect(t!.status, what).to.equal(acked.status);
  }

  // Numbering: each number once, and per prefix exactly 1…n (a transfer keeps the number).
  const numbers = tickets.map((t) => t.number);
  expect(new Set(numbers).size, 'numbers given twice').to.equal(numbers.length);
  for (const prefix of new Set(numbers.map(prefixOf))) {
    const seqs = numbers.filter((n) => prefixOf(n) === prefix).map(seqOf).sort((a, b) => a - b);
    expect(seqs, `numbers ${prefix}…`).to.deep.equal(seqs.map((_, i) => i + 1));
  }

  // Desks: no ticket held by two desks; each called or served ticket is its desk's, each parked one in its desk's list.
  const queue = (await call(hub, token, 'GET', '/api/queue')).body as QueueSnapshot;
  expect(queue.seq, 'seq went back').to.be.at.least(ledger.maxSeq);
  const held = queue.desks.flatMap((d) => [...(d.currentTicket ? [d.currentTicket.id] : []), ...d.parkedTicketIds]);
  expect(new Set(held).size, `tickets held by two desks: ${JSON.stringify(queue.desks.map((d) => [d.id, d.currentTicket?.id, d.parkedTicketIds]))}`).to.equal(held.length);
  for (const t of tickets) {
    const desk = queue.desks.find((d) => d.id === t.deskId);
    if (t.status === 'called' || t.status === 'serving') expect(desk?.currentTicket?.id, `desk of ${t.number} (${t.status})`).to.equal(t.id);
    if (t.status === 'parked') expect(desk?.parkedTicketIds, `desk of ${t.number} (parked)`).to.include(t.id);
  }
  expect(queue.waiting.map((t) => t.id).sort((a, b) => a - b)).to.deep.equal(tickets.filter((t) => t.status === 'waiting').map((t) => t.id));
  for (const [deskId, mode] of ledger.modes) {
    const found = queue.desks.find((d) => d.id === deskId)!.mode;
    expect([mode.acked, mode.pending], `mode of ${deskId}`).to.include(found);
  }
  return { tickets, queue };
}

/** Sending an acknowledged issue again (same request id) returns its ticket and issues nothing. */
async function resend(hub: ChildHub, token: string, issued: Issued[], count: number, rand: () => number): Promise<void> {
  const before = ((await call(hub, token, 'GET', '/api/queue')).body as QueueSnapshot).seq;
  const socket = await adminSocket(hub.url, token);
  try {
    for (let i = 0; i < count && issued.length > 0; i++) {
      const original = issued[Math.floor(rand() * issued.length)]!;
      const what = `request ${original.requestId} (ticket ${original.number}) sent again over ${i % 2 === 0 ? 'REST' : 'Socket.IO'}`;
      const answer = i % 2 === 0
        ? await call(hub, token, 'POST', '/api/tickets', original.payload).then((r) => (r.status === 201 ? { ok: true as const, data: r.body as { ticket: TicketView } } : { ok: false as const, error: r.body }))
        : await ask<{ ticket: TicketView }>(socket, 'ticket:issue', [original.payload], 5000);
      expect(answer.ok, `${what}: ${JSON.stringify(answer)}`).to.equal(true);
      if (answer.ok) expect({ id: answer.data.ticket.id, number: answer.data.ticket.number }, what).to.deep.equal({ id: original.ticketId, number: original.number });
    }
  } finally {
    socket.disconnect();
  }
  expect(((await call(hub, token, 'GET', '/api/queue')).body as QueueSnapshot).seq, 'a request sent again changed something').to.equal(before);
}

describe(`durability: kill -9 at random moments under a mixed load (seed ${seed}; CRASH_SEED=${seed} replays it)`, () => {
  let dir: string;
  let hub: ChildHub | undefined;
  const sockets: TestSocket[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'punto-comune-durability-'));
    await writeFile(join(dir, 'office.json'), JSON.stringify(testOffice()));
  });

  after(async () => {
    for (const s of sockets) s.disconnect();
    await hub?.kill();
    await rm(dir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged ticket, action and request id through ${kills} kills in a row`, async function () {
    this.timeout(90_000);
    const options = { dbPath: join(dir, 'data', 'hub.db'), officeConfigPath: join(dir, 'office.json'), adminPassword: password };
    const rand = prng(seed);
    const ledger = new Ledger();
    const killedAfter: number[] = [];
    try {
      hub = await startChildHub(options);
      for (let cycle = 1; cycle <= kills; cycle++) {
        const token = await login(hub);
        // Held once: who holds a desk is kept through the kills (and the hub's away timer waits minutes).
        if (cycle === 1) await holdDesks(hub, token);
        sockets.push(await displaySocket(hub, token, ledger));
        const queue = (await call(hub, token, 'GET', '/api/queue')).body as QueueSnapshot;
        const actorRand = (actor: number) => prng((seed + cycle * 7919 + actor * 104_729) >>> 0);
        const channel = async (via: 'rest' | 'socket'): Promise<Channel> => {
          if (via === 'rest') return restChannel(hub!.url, token, ledger);
          const s = await adminSocket(hub!.url, token);
          sockets.push(s);
          return socketChannel(s, ledger);
        };
        const kiosks = await Promise.all((['rest', 'rest', 'rest', 'socket', 'socket'] as const).map(channel));
        const deskChannels = await Promise.all(desks.map(([, via]) => channel(via)));

        let running = true;
        const alive = () => running;
        const load = [
          ...kiosks.map((ch, k) => kiosk(`c${cycle}-k${k}`, ch, ledger, actorRand(k), alive)),
          ...desks.map(([deskId], i) => {
            const d = queue.desks.find((x) => x.id === deskId)!;
            return clerk(deskId, { kind: d.kind, mode: d.mode, current: d.currentTicket, parked: d.parkedTicketIds }, deskChannels[i]!, ledger, actorRand(10 + i), alive);
          }),
        ];
        const delay = 250 + Math.floor(rand() * 1250);
        killedAfter.push(delay);
        await sleep(delay);
        await hub.kill();
        running = false;
        await within(Promise.all(load), 15_000, 'the load to stop after the kill');
        for (const s of sockets.splice(0)) s.disconnect();

        hub = await startChildHub(options);
        const restarted = await login(hub);
        const { tickets } = await verify(hub, restarted, ledger);
        await resend(hub, restarted, ledger.issued, 10, rand);

        // Numbering goes on after the highest number given before the kill, in every service.
        for (const serviceId of services) {
          const prefix = testOffice().services.find((s) => s.id === serviceId)!.prefix;
          const payload = { serviceId, requestId: `after-kill-${cycle}-${serviceId}`, priority: false };
          const res = await call(hub, restarted, 'POST', '/api/tickets', payload);
          expect(res.status, JSON.stringify(res.body)).to.equal(201);
          const t = res.body.ticket as TicketView;
          expect(t.number, `${serviceId} after restart ${cycle}`).to.equal(`${prefix}${String(tickets.filter((x) => prefixOf(x.number) === prefix).length + 1).padStart(3, '0')}`);
          ledger.ack(t);
          ledger.issued.push({ requestId: payload.requestId, payload, ticketId: t.id, number: t.number });
        }
      }

      // The load did everything it is meant to, so the checks above had something to check.
      for (const action of ['issued', 'retried', 'call-next', 'recall', 'start', 'finish', 'no-show', 'transfer', 'park', 'resume', 'mode']) {
        expect(ledger.actions.get(action) ?? 0, `"${action}" acknowledged over ${kills} cycles`).to.be.at.least(1);
      }
      expect(ledger.tickets.size, 'tickets acknowledged in all').to.be.at.least(60);
      const done = [...ledger.actions].map(([a, n]) => `${a} ${n}`).join(', ');
      console.log(`      killed after ${killedAfter.join(', ')} ms; ${ledger.tickets.size} tickets acknowledged; ${done}`);
      await hub.stop();
      expect(hub.child.exitCode, 'a clean stop after the last restart').to.equal(0);
    } catch (err) {
      // The seed, to replay the same kill moments and choices.
      if (err instanceof Error) err.message = `[CRASH_SEED=${seed}, killed after ${killedAfter.join(', ')} ms] ${err.message}`;
      throw err;
    }
  });
});
