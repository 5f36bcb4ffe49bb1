import { expect } from 'chai';
import { io as connect } from 'socket.io-client';
import type { TicketStatusPush } from '../../protocol/ticketStatus.ts';
import { commandTable } from '../helpers/accessRules.ts';
import { startTestHub, type TestHub, type TestSocket } from '../helpers/hub.ts';
import { ask, untyped } from '../helpers/wire.ts';

/**
 * The citizen's phone socket: `auth: { ticketId, key }` (the status link's key) is its only right. It
 * receives its own ticket's view and place, pushed after each change, and can do nothing else.
 */
describe("ticket socket: the citizen's phone follows its own ticket", function () {
  this.timeout(30_000);
  let hub: TestHub;
  let token: string;
  const opened: TestSocket[] = [];

  beforeEach(async () => {
    hub = await startTestHub();
    token = await hub.login();
    await hub.request('POST', '/api/desks/desk-1/mode', { mode: 'front' }, token);
  });
  afterEach(async () => {
    for (const s of opened.splice(0)) s.disconnect();
    await hub.close();
  });

  const keyOf = (statusUrl: string) => new URL(statusUrl).searchParams.get('k')!;

  /** Connects with a ticket link; resolves with the socket and what it received, or rejects with the refusal. */
  function follow(auth: unknown): Promise<{ socket: TestSocket; pushes: TicketStatusPush[] }> {
    const socket: TestSocket = connect(hub.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: auth as Record<string, unknown> });
    opened.push(socket);
    const pushes: TicketStatusPush[] = [];
    socket.on('ticket:status', (p) => pushes.push(p));
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve({ socket, pushes }));
      socket.once('connect_error', reject);
    });
  }
  const until = async (check: () => boolean, ms = 2000) => {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  it('is refused without the right key, with another ticket\'s key, or for a ticket that does not exist', async () => {
    const a = (await hub.issue({ serviceId: 'certs' })).body;
    const b = (await hub.issue({ serviceId: 'certs' })).body;
    for (const auth of [{ ticketId: a.ticket.id }, { ticketId: a.ticket.id, key: keyOf(b.statusUrl) }, { ticketId: a.ticket.id, key: 'A'.repeat(16) },
      { ticketId: String(a.ticket.id), key: keyOf(a.statusUrl) }, { ticketId: 999, key: keyOf(a.statusUrl) }]) {
      const err = await follow(auth).then(() => undefined, (e: Error) => e);
      expect(err?.message, JSON.stringify(auth)).to.equal('unauthorized');
    }
  });

  it('gets its ticket at once, then a fresh view when its place changes and when it is called, and nothing about other tickets', async () => {
    await hub.hold('desk-1');
    const first = (await hub.issue({ serviceId: 'certs' })).body;
    const second = (await hub.issue({ serviceId: 'certs' })).body;
    const { pushes } = await follow({ ticketId: second.ticket.id, key: keyOf(second.statusUrl) });
    await until(() => pushes.length === 1);
    expect(pushes[0]!.ticket).to.include({ id: second.ticket.id, status: 'waiting', position: 1, appointmentAt: null });

    await hub.issue({ serviceId: 'certs' }); // a ticket behind: this one's view does not change, nothing is pushed
    await hub.request('POST', '/api/desks/desk-1/call-next', {}, token); // the first is called: one ahead fewer
    await until(() => pushes.length === 2).catch((e) => { console.log(JSON.stringify(pushes)); throw e; });
    expect(pushes[1]!.ticket).to.include({ status: 'waiting', position: 0 });
    await hub.request('POST', '/api/desks/desk-1/finish', {}, token); // finishing someone else changes nothing here
    await hub.request('POST', '/api/desks/desk-1/call-next', {}, token);
    await until(() => pushes.length === 3);
    expect(pushes[2]!.ticket).to.include({ id: second.ticket.id, status: 'called', deskId: 'desk-1' });
    await new Promise((r) => setTimeout(r, 100));
    expect(pushes.map((p) => p.ticket.id)).to.deep.equal([second.ticket.id, second.ticket.id, second.ticket.id]);
    expect(first.ticket.id).to.not.equal(second.ticket.id);
  });

  it('may send nothing: every command is forbidden, joining the office stream included, and it receives no office events', async () => {
    const mine = (await hub.issue({ serviceId: 'certs' })).body;
    const { socket } = await follow({ ticketId: mine.ticket.id, key: keyOf(mine.statusUrl) });
    const got: string[] = [];
    untyped(socket).onAny((name: string) => name !== 'ticket:status' && got.push(name)); // its own ticket's estimate may change
    for (const name of Object.keys(commandTable)) {
      const payload = name === 'ticket:cancel' ? { ticketId: mine.ticket.id } : name === 'session:join' ? { role: 'display', id: 'hall' } : {};
      const answer = await ask(socket, name, [payload]);
      expect(answer, name).to.deep.equal({ ok: false, error: { code: 'forbidden', message: 'A ticket link may not do this.' } });
    }
    await hub.issue({ serviceId: 'certs' });
    await hub.request('POST', '/api/desks/desk-1/mode', { mode: 'back' }, token);
    await new Promise((r) => setTimeout(r, 200));
    expect(got, 'office events reach a ticket socket').to.deep.equal([]);
    expect(((await hub.read('/api/queue')).body as { waiting: { id: number }[] }).waiting.map((t) => t.id)).to.include(mine.ticket.id);
  });

  it('the phone leaves the queue with its key: the ticket is cancelled, its socket hears it, and no other ticket can be left with that key', async () => {
    const a = (await hub.issue({ serviceId: 'certs' })).body;
    const b = (await hub.issue({ serviceId: 'certs' })).body;
    const { pushes } = await follow({ ticketId: a.ticket.id, key: keyOf(a.statusUrl) });
    expect((await hub.request('POST', `/api/tickets/${b.ticket.id}/leave?key=${keyOf(a.statusUrl)}`)).status).to.equal(404);
    expect((await hub.request('POST', `/api/tickets/${b.ticket.id}/leave`)).status).to.equal(404);
    const left = await hub.request('POST', `/api/tickets/${a.ticket.id}/leave?key=${keyOf(a.statusUrl)}`);
    expect(left.status).to.equal(200);
    expect(left.body.ticket).to.include({ id: a.ticket.id, status: 'cancelled' });
    await until(() => pushes.some((p) => p.ticket.status === 'cancelled'));
    const again = await hub.request('POST', `/api/tickets/${a.ticket.id}/leave?key=${keyOf(a.statusUrl)}`);
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('wrong-state');
    const waiting = ((await hub.read('/api/queue')).body as { waiting: { id: number }[] }).waiting.map((t) => t.id);
    expect(waiting).to.deep.equal([b.ticket.id]);
    // In the reports it is a ticket issued and neither served nor a no-show, like any cancelled ticket.
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(Date.now());
    const report = await hub.request('GET', `/api/reports/accesses?from=${day}&to=${day}&by=day`, undefined, token);
    expect(report.status, JSON.stringify(report.body)).to.equal(200);
    expect(report.body.total).to.include({ issued: 2, served: 0, noShows: 0 });
  });

  it('the socket limits hold for ticket sockets: a budget of messages, dropped when flooding, and so many per address', async () => {
    await hub.close();
    hub = await startTestHub({ socketLimits: { connectTimeoutMs: 10_000, emitBurst: 2, emitsPerSecond: 1, dropAfterRefused: 3 }, maxSocketsPerAddress: 3 });
    const mine = (await hub.issue({ serviceId: 'certs' })).body;
    const auth = { ticketId: mine.ticket.id, key: keyOf(mine.statusUrl) };
    const { socket } = await follow(auth);
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push(((await ask(socket, 'queue:snapshot', [{}])) as { error: { code: string } }).error.code);
    expect(codes).to.deep.equal(['forbidden', 'forbidden', 'too-many-requests']);
    const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    for (let i = 0; i < 5; i++) untyped(socket).emit('queue:snapshot', {});
    expect(await gone).to.equal('io server disconnect');

    await follow(auth);
    await follow(auth);
    await hub.socket(); // the test's display: the third socket from this address
    const refused = await follow(auth).then(() => undefined, (e: Error) => e);
    expect(refused?.message).to.match(/too-many-connections|websocket error/);
  });
});
