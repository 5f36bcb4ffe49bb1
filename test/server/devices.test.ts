import { expect } from 'chai';
import { io as connect } from 'socket.io-client';
import type { TicketView } from '../../protocol/views.ts';
import { startTestHub, type TestHub, type TestSocket } from '../helpers/hub.ts';
import { ask } from '../helpers/wire.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Paired kiosks and displays, the citizen's status link, and the limits that keep a public hall safe. */

const connectError = (url: string, options: Parameters<typeof connect>[1]) =>
  new Promise<string>((resolve, reject) => {
    const s = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, ...options });
    s.once('connect', () => {
      s.disconnect();
      reject(new Error('connected'));
    });
    s.once('connect_error', (err) => resolve(err.message));
  });

describe('paired devices', () => {
  let hub: TestHub;
  let admin: string;

  beforeEach(async () => {
    hub = await startTestHub();
    admin = await hub.login();
  });

  afterEach(async () => {
    await hub.close();
  });

  const showCode = async (kind: 'kiosk' | 'display') => {
    const res = await hub.request('POST', '/api/pairings', { kind });
    expect(res.status).to.equal(201);
    expect(res.body.code).to.match(/^\d{6}$/);
    return res.body as { code: string; secret: string };
  };

  it('pairs a kiosk with the code it shows: the token is handed over once and lets it issue, not act as a desk or read reports', async () => {
    const shown = await showCode('kiosk');
    expect((await hub.request('POST', '/api/pairings/claim', { secret: shown.secret })).body.status).to.equal('waiting');

    const added = await hub.request('POST', '/api/admin/devices', { name: 'Totem ingresso', kind: 'kiosk', profile: 'entrance' }, admin);
    expect(added.status).to.equal(201);
    expect(added.body.device).to.include({ name: 'Totem ingresso', kind: 'kiosk', profile: 'entrance', paired: false, connected: 0 });
    const id = added.body.device.id as number;
    // The code is typed with a space, as the device shows it.
    const paired = await hub.request('POST', `/api/admin/devices/${id}/pair`, { code: `${shown.code.slice(0, 3)} ${shown.code.slice(3)}` }, admin);
    expect(paired.status, JSON.stringify(paired.body)).to.equal(200);
    expect(paired.body.device.paired).to.equal(true);

    const claimed = await hub.request('POST', '/api/pairings/claim', { secret: shown.secret });
    expect(claimed.body).to.deep.include({ status: 'paired', device: { id, name: 'Totem ingresso', kind: 'kiosk', profile: 'entrance' } });
    const token = claimed.body.token as string;
    expect((await hub.request('POST', '/api/pairings/claim', { secret: shown.secret })).status, 'handed over once').to.equal(404);

    expect((await hub.request('GET', '/api/devices/me', undefined, token)).body.device).to.include({ id, profile: 'entrance' });
    const issued = await hub.request('POST', '/api/tickets', { serviceId: 'certs', kioskId: 'somewhere-else' }, token);
    expect(issued.status).to.equal(201);
    expect(issued.body.print, 'a kiosk prints as itself, whatever its payload says').to.equal('no-printer');
    expect((await hub.request('POST', '/api/desks/desk-1/call-next', {}, token)).status).to.equal(403);
    expect((await hub.request('GET', '/api/reports/monthly?year=2026', undefined, token)).status).to.equal(403);
    expect((await hub.request('GET', '/api/admin/devices', undefined, token)).status).to.equal(403);

    const audit = (await hub.request('GET', '/api/admin/audit', undefined, admin)).body as { action: string; target: string }[];
    expect(audit.map((e) => e.action)).to.include.members(['device:add', 'device:pair']);
  });

  it('a display token only listens', async () => {
    const display = await hub.device('display', 'front-room');
    expect((await hub.request('GET', '/api/queue', undefined, display)).status).to.equal(200);
    expect((await hub.request('POST', '/api/tickets', { serviceId: 'certs' }, display)).status).to.equal(403);
    expect((await hub.request('POST', '/api/appointments/check-in', { code: 'ABCD-EFGH' }, display)).status).to.equal(403);
    expect((await hub.request('POST', '/api/callbacks', { serviceId: 'certs', phone: '333 1234567', preferredTime: 'any', kioskId: 'x' }, display)).status).to.equal(403);
  });

  it('refuses a wrong code, a code of another kind of device, a bad name or kind, and a name taken', async () => {
    const display = await showCode('display');
    const kioskCode = (await showCode('kiosk')).code;
    const wrongCode = kioskCode === '000000' ? '000001' : '000000';
    const add = (body: object) => hub.request('POST', '/api/admin/devices', body, admin);
    expect((await add({ name: 'TV', kind: 'kiosk', profile: 'lobby', code: display.code })).body.error.code).to.equal('unknown-pairing');
    expect((await add({ name: 'TV', kind: 'display', profile: 'lobby', code: wrongCode })).body.error.code).to.equal('unknown-pairing');
    expect((await add({ name: 'TV', kind: 'display', profile: 'lobby', code: '12345' })).status).to.equal(400);
    expect((await add({ name: '', kind: 'display', profile: 'lobby' })).status).to.equal(400);
    expect((await add({ name: 'TV', kind: 'printer', profile: 'lobby' })).status).to.equal(400);
    expect((await add({ name: 'TV', kind: 'display', profile: 'Lobby!' })).status).to.equal(400);
    expect((await add({ name: 'TV', kind: 'display', profile: 'lobby', code: display.code })).status).to.equal(201);
    expect((await add({ name: 'TV', kind: 'display', profile: 'lobby' })).body.error.code).to.equal('already-exists');
    expect((await hub.request('GET', '/api/admin/devices', undefined, admin)).body.devices).to.have.length(1);
  });

  it('unpairing drops the device at once: its socket is disconnected and its token refused', async () => {
    const shown = await showCode('display');
    const added = await hub.request('POST', '/api/admin/devices', { name: 'TV sala', kind: 'display', profile: 'all', code: shown.code }, admin);
    const token = (await hub.request('POST', '/api/pairings/claim', { secret: shown.secret })).body.token as string;
    const socket: TestSocket = await hub.socket(token);
    const listed = (await hub.request('GET', '/api/admin/devices', undefined, admin)).body.devices[0];
    expect(listed).to.include({ name: 'TV sala', paired: true, connected: 1 });
    // Written when the socket connects, without holding it up: it may land a moment later.
    for (let i = 0; i < 100 && (await hub.request('GET', '/api/admin/devices', undefined, admin)).body.devices[0].lastSeenAt === null; i++) await sleep(20);
    expect((await hub.request('GET', '/api/admin/devices', undefined, admin)).body.devices[0].lastSeenAt).to.be.a('string');

    // The token's lookup is cached now: unpairing must forget it at once.
    expect((await hub.request('GET', '/api/queue', undefined, token)).status).to.equal(200);
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const unpaired = await hub.request('POST', `/api/admin/devices/${added.body.device.id}/unpair`, undefined, admin);
    expect(unpaired.body.device).to.include({ paired: false, connected: 0 });
    expect(await dropped).to.equal('io server disconnect');
    expect(await connectError(hub.url, { auth: { token } })).to.equal('unauthorized');
    expect((await hub.request('GET', '/api/queue', undefined, token)).status).to.equal(401);
  });

  it('pairing again gives a new token and ends the old one; deleting a device ends it too', async () => {
    const first = await showCode('kiosk');
    const added = await hub.request('POST', '/api/admin/devices', { name: 'Totem', kind: 'kiosk', profile: 'entrance', code: first.code }, admin);
    const oldToken = (await hub.request('POST', '/api/pairings/claim', { secret: first.secret })).body.token as string;
    expect((await hub.request('GET', '/api/queue', undefined, oldToken)).status).to.equal(200); // its lookup cached
    const again = await showCode('kiosk');
    expect((await hub.request('POST', `/api/admin/devices/${added.body.device.id}/pair`, { code: again.code }, admin)).status).to.equal(200);
    const newToken = (await hub.request('POST', '/api/pairings/claim', { secret: again.secret })).body.token as string;
    expect(newToken).to.not.equal(oldToken);
    expect((await hub.request('GET', '/api/queue', undefined, oldToken)).status).to.equal(401);
    expect((await hub.request('GET', '/api/queue', undefined, newToken)).status).to.equal(200);
    expect((await hub.request('DELETE', `/api/admin/devices/${added.body.device.id}`, undefined, admin)).status).to.equal(204);
    expect((await hub.request('GET', '/api/queue', undefined, newToken)).status).to.equal(401);
    expect((await hub.request('DELETE', `/api/admin/devices/${added.body.device.id}`, undefined, admin)).body.error.code).to.equal('unknown-device');
  });

  it('the citizen\'s status link reads only its own ticket, and only that ticket\'s state and place', async () => {
    const a = (await hub.issue({ serviceId: 'certs' })).body as { ticket: TicketView; statusUrl: string };
    const b = (await hub.issue({ serviceId: 'certs' })).body as { ticket: TicketView; statusUrl: string };
    const path = (url: string) => new URL(url).pathname + new URL(url).search;
    const key = new URL(b.statusUrl).searchParams.get('k')!;
    const res = await hub.request('GET', `/api/tickets/${b.ticket.id}/status?key=${key}`);
    expect(res.status).to.equal(200);
    expect(Object.keys(res.body.ticket)).to.have.members(['id', 'number', 'serviceId', 'status', 'issuedAt', 'calledAt', 'deskId', 'recalls', 'position', 'estimatedWaitMinutes', 'appointmentAt', 'needs']);
    expect(res.body.ticket).to.include({ number: 'A002', status: 'waiting', position: 1 });
    expect(res.body.office.name).to.be.a('string');
    expect(path(b.statusUrl)).to.equal(`/t/${b.ticket.id}?k=${key}`);
    // Another ticket with this key, no key, a wrong key: all the same "no such ticket".
    for (const url of [`/api/tickets/${a.ticket.id}/status?key=${key}`, `/api/tickets/${b.ticket.id}/status`, `/api/tickets/${b.ticket.id}/status?key=${'A'.repeat(16)}`, `/api/tickets/99/status?key=${key}`]) {
      const refused = await hub.request('GET', url);
      expect(refused.status, url).to.equal(404);
      expect(refused.body.error.code).to.equal('unknown-ticket');
    }
    expect((await hub.request('GET', `/api/tickets/${b.ticket.id}`)).status, 'the full ticket is not public').to.equal(401);
  });
});

describe('abuse limits', () => {
  let hub: TestHub;

  afterEach(async () => {
    await hub.close();
  });

  it('a paired kiosk issuing faster than its rate is refused with a clear message; staff are not limited', async () => {
    hub = await startTestHub({ kioskTicketsPerMinute: 3 });
    const kiosk = await hub.device('kiosk');
    for (let i = 0; i < 3; i++) expect((await hub.issue({ serviceId: 'certs' }, kiosk)).status).to.equal(201);
    const refused = await hub.issue({ serviceId: 'certs' }, kiosk);
    expect(refused.status).to.equal(429);
    expect(refused.body.error).to.deep.equal({ code: 'too-many-requests', message: 'Too many tickets from this kiosk in a short time. Please wait a moment and try again.', retryAfterSeconds: 20 });
    const socket = await hub.socket(kiosk);
    const answer = await new Promise<{ ok: boolean; error?: { code: string; retryAfterSeconds?: number } }>((resolve) => socket.emit('ticket:issue', { serviceId: 'certs' }, resolve));
    expect(answer.error).to.include({ code: 'too-many-requests', retryAfterSeconds: 20 });
    expect((await hub.read('/api/queue')).body.waiting, 'nothing was issued by the refused ones').to.have.length(3);
    for (let i = 0; i < 5; i++) expect((await hub.issue({ serviceId: 'certs' })).status, 'staff').to.equal(201);
  });

  it('a kiosk at its rate still gets the ticket of a request it retries, a 400 for a bad payload, and a 429 with Retry-After', async () => {
    hub = await startTestHub({ kioskTicketsPerMinute: 2 });
    const kiosk = await hub.device('kiosk');
    const first = await hub.issue({ serviceId: 'certs', requestId: 'tap-00000001' }, kiosk);
    const second = await hub.issue({ serviceId: 'certs', requestId: 'tap-00000002' }, kiosk);
    expect([first.status, second.status]).to.deep.equal([201, 201]);

    const retried = await hub.issue({ serviceId: 'certs', requestId: 'tap-00000001' }, kiosk);
    expect(retried.status, JSON.stringify(retried.body)).to.equal(201);
    expect(retried.body.ticket.id, 'the same ticket').to.equal(first.body.ticket.id);
    expect(retried.body.print, 'not printed again').to.equal('already-printed');
    const socket = await hub.socket(kiosk);
    const overSocket = await ask<{ ticket: TicketView }>(socket, 'ticket:issue', [{ serviceId: 'certs', requestId: 'tap-00000002' }]);
    expect(overSocket.ok && overSocket.data.ticket.id).to.equal(second.body.ticket.id);

    const bad = await hub.issue({ serviceId: 'certs', priority: 'yes' }, kiosk);
    expect(bad.status, 'a malformed payload is refused as such').to.equal(400);
    expect((await hub.request('POST', '/api/appointments/check-in', { code: 'not a code' }, kiosk)).status).to.equal(400);
    const badOverSocket = await ask(socket, 'appointment:check-in', [{ code: 'not a code' }]);
    expect(!badOverSocket.ok && badOverSocket.error.code).to.equal('validation-failed');

    const res = await fetch(`${hub.url}/api/tickets`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${kiosk}` }, body: JSON.stringify({ serviceId: 'certs', requestId: 'tap-00000003' }),
    });
    expect(res.status).to.equal(429);
    expect(Number(res.headers.get('retry-after')), 'a ticket\'s worth comes back every 30 s').to.be.within(29, 30);
    expect((await hub.read('/api/queue')).body.waiting, 'two tickets in all').to.have.length(2);
  });

  it('one address shows three pairing codes at most: a fourth is refused with Retry-After and pushes none out', async () => {
    hub = await startTestHub();
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await hub.request('POST', '/api/pairings', { kind: 'kiosk' })).body.code as string);
    const res = await fetch(`${hub.url}/api/pairings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'kiosk' }) });
    expect(res.status).to.equal(429);
    expect(Number(res.headers.get('retry-after'))).to.be.within(55, 60);
    expect((await res.json()).error).to.include({ code: 'too-many-requests' });
    const admin = await hub.login();
    const added = await hub.request('POST', '/api/admin/devices', { name: 'Totem', kind: 'kiosk', profile: 'info-point', code: codes[0] }, admin);
    expect(added.status, 'the first code is still pending').to.equal(201);
  });

  it('bounds the sockets one address may hold open', async () => {
    hub = await startTestHub({ maxSocketsPerAddress: 3 });
    const token = await hub.device('display');
    for (let i = 0; i < 3; i++) await hub.socket(token);
    // Refused at the door, before Socket.IO: the client sees its transport fail (and would try again later).
    expect(await connectError(hub.url, { auth: { token } })).to.equal('websocket error');
  });
});

describe('closed to other sites', () => {
  let hub: TestHub;

  before(async () => {
    hub = await startTestHub({ secureCookies: true });
  });

  after(async () => {
    await hub.close();
  });

  it('refuses API requests and sockets from another site\'s page, and sends no CORS headers', async () => {
    const token = await hub.login();
    const res = await fetch(`${hub.url}/api/queue`, { headers: { origin: 'http://evil.example', authorization: `Bearer ${token}` } });
    expect(res.status).to.equal(403);
    expect(res.headers.get('access-control-allow-origin')).to.equal(null);
    const preflight = await fetch(`${hub.url}/api/tickets`, { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).to.equal(null);
    expect(await connectError(hub.url, { auth: { token }, extraHeaders: { origin: 'http://evil.example' } })).to.not.equal('');
    // The hub's own pages are fine.
    const own = await fetch(`${hub.url}/api/queue`, { headers: { origin: hub.url, authorization: `Bearer ${token}` } });
    expect(own.status).to.equal(200);
  });

  it('sends security headers and a session cookie that scripts cannot read', async () => {
    const page = await fetch(`${hub.url}/kiosk`);
    expect(page.headers.get('content-security-policy')).to.include("script-src 'self'").and.not.include('upgrade-insecure-requests');
    expect(page.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(page.headers.get('x-frame-options')).to.equal('SAMEORIGIN');
    expect(page.headers.get('x-powered-by')).to.equal(null);
    const login = await fetch(`${hub.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'test-admin-password' }) });
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).to.include('HttpOnly').and.include('SameSite=Strict').and.include('Secure');
  });
});
