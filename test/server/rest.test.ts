import { expect } from 'chai';
import type { DeskView, QueueSnapshot, ServiceView, TicketView } from '../../protocol/views.ts';
import { adminPassword, startTestHub, type TestHub } from '../helpers/hub.ts';

/** Wednesday 14 January 2026, 10:00 in Rome: the hub's clock in these tests, moved by hand. */
const T0 = Date.UTC(2026, 0, 14, 9, 0);
const minute = 60_000;

/** The events of the four desks' holds, before each test. */
const holds = 4;

describe('REST API: happy paths', () => {
  let now = T0;
  let hub: TestHub;
  let token: string;

  beforeEach(async () => {
    now = T0;
    hub = await startTestHub({ clock: () => now });
    await hub.holdAll(); // a desk calls only while a clerk holds it: one event per desk (`holds`)
    token = await hub.login();
  });

  afterEach(async () => {
    await hub.close();
  });

  const issue = async (body: Record<string, unknown>): Promise<TicketView> => {
    const res = await hub.issue(body);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.ticket as TicketView;
  };
  const desk = (deskId: string, action: string, body: Record<string, unknown> = {}, auth: string | undefined = token) =>
    hub.request('POST', `/api/desks/${deskId}/${action}`, body, auth);
  const ok = async (deskId: string, action: string, body: Record<string, unknown> = {}): Promise<TicketView> => {
    const res = await desk(deskId, action, body);
    expect(res.status, `${deskId} ${action}: ${JSON.stringify(res.body)}`).to.equal(200);
    return res.body.ticket as TicketView;
  };
  const getTicket = async (id: number): Promise<TicketView> => {
    const res = await hub.read(`/api/tickets/${id}`);
    expect(res.status).to.equal(200);
    return res.body.ticket as TicketView;
  };
  const queue = async (): Promise<QueueSnapshot> => (await hub.read('/api/queue')).body as QueueSnapshot;
  const deskOf = async (id: string): Promise<DeskView> => (await queue()).desks.find((d) => d.id === id)!;

  describe('queue and services', () => {
    it('GET /api/health reports ok, the office, the day and the seq of the desks being held on a new database', async () => {
      const res = await hub.request('GET', '/api/health', undefined, token);
      expect(res.status).to.equal(200);
      expect(res.body).to.include({ status: 'ok', office: 'Test office', day: '2026-01-14', seq: holds });
      expect(res.body.uptimeSeconds).to.equal(0);
    });

    it('GET /api/services lists every service with its queue, open desks and wait estimate', async () => {
      const res = await hub.read('/api/services');
      expect(res.status).to.equal(200);
      const services = res.body.services as ServiceView[];
      expect(services.map((s) => [s.id, s.prefix, s.open, s.waiting, s.openDesks, s.estimatedWaitMinutes])).to.deep.equal([
        ['certs', 'A', true, 0, 3, 0],
        ['idcard', 'B', true, 0, 2, 0],
        ['info', 'C', true, 0, 3, 0],
      ]);
      expect(services[0]!.name).to.deep.equal({ it: 'Certificati', en: 'Certificates' });
      expect(services[1]!.outcomes).to.deep.equal(['id-card-electronic', 'id-card-paper']);
    });

    it('GET /api/queue answers a snapshot of the office', async () => {
      const snap = await queue();
      expect(snap).to.include({ seq: holds, day: '2026-01-14', officeName: 'Test office', open: true, roomBusy: false });
      expect(snap.serverTime).to.equal(new Date(T0).toISOString());
      expect(snap.desks.map((d) => [d.id, d.mode, d.currentTicket])).to.deep.equal([
        ['desk-1', 'front', null],
        ['desk-2', 'front', null],
        ['desk-3', 'front', null],
        ['back-1', 'back', null],
      ]);
      expect(snap.waiting).to.deep.equal([]);
      expect(snap.lastCalls).to.deep.equal([]);
    });
  });

  describe('issuing tickets', () => {
    it('POST /api/tickets answers 201 with A001, its place in line and its estimated wait', async () => {
      const res = await hub.issue({ serviceId: 'certs' });
      expect(res.status).to.equal(201);
      const t = res.body.ticket as TicketView;
      expect(t).to.include({ id: 1, number: 'A001', serviceId: 'certs', status: 'waiting', priority: false, appointment: false });
      expect(t).to.include({ position: 0, estimatedWaitMinutes: 0, deskId: null, calledAt: null, recalls: 0 });
      expect(t.issuedAt).to.equal(new Date(T0).toISOString());

      // Second in line for certs: one person ahead, 5 minutes each, shared by 3 open desks.
      const second = await issue({ serviceId: 'certs' });
      expect(second).to.include({ id: 2, number: 'A002', position: 1, estimatedWaitMinutes: 2 });
      // Each service counts on its own.
      const card = await issue({ serviceId: 'idcard' });
      expect(card).to.include({ number: 'B001', position: 0, estimatedWaitMinutes: 0 });
      const services = (await hub.read('/api/services')).body.services as ServiceView[];
      expect(services.map((s) => s.waiting)).to.deep.equal([2, 1, 0]);
      expect((await hub.read('/api/queue')).body.seq).to.equal(holds + 3);
    });

    it('a priority ticket goes ahead of the people already waiting', async () => {
      const a1 = await issue({ serviceId: 'certs' });
      const a2 = await issue({ serviceId: 'certs', priority: true });
      expect(a2).to.include({ number: 'A002', priority: true, position: 0 });
      expect((await getTicket(a1.id)).position).to.equal(1);
      expect((await queue()).waiting.map((t) => t.number)).to.deep.equal(['A002', 'A001']);
    });

    it('the same requestId sent twice gives the same ticket, once in the queue', async () => {
      const first = await hub.issue({ serviceId: 'certs', requestId: 'tap-0001-abc' });
      const retry = await hub.issue({ serviceId: 'certs', requestId: 'tap-0001-abc' });
      expect(first.status).to.equal(201);
      expect(retry.status).to.equal(201);
      expect(retry.body.ticket.id).to.equal(first.body.ticket.id);
      expect(retry.body.ticket.number).to.equal('A001');
      const snap = await queue();
      expect(snap.waiting.map((t) => t.id)).to.deep.equal([first.body.ticket.id]);
      expect(snap.seq).to.equal(holds + 1);
      // The retry consumed no number.
      expect((await issue({ serviceId: 'certs' })).number).to.equal('A002');
    });

    it('GET /api/tickets/:id answers the ticket as issued', async () => {
      const issued = await issue({ serviceId: 'info' });
      const res = await hub.read(`/api/tickets/${issued.id}`);
      expect(res.status).to.equal(200);
      expect(res.body.ticket).to.deep.equal(issued);
    });

    it('POST /api/tickets/:id/cancel cancels a waiting ticket', async () => {
      const t = await issue({ serviceId: 'certs' });
      const res = await hub.request('POST', `/api/tickets/${t.id}/cancel`, undefined, token);
      expect(res.status).to.equal(200);
      expect(res.body.ticket).to.include({ id: t.id, status: 'cancelled', position: null });
      expect((await queue()).waiting).to.deep.equal([]);
    });
  });

  describe('desk actions', () => {
    it('call-next answers 200 with the longest-waiting ticket, then 404 queue-empty', async () => {
      const a1 = await issue({ serviceId: 'certs' });
      now += minute;
      await issue({ serviceId: 'idcard' });
      const called = await ok('desk-1', 'call-next');
      expect(called).to.include({ id: a1.id, number: 'A001', status: 'called', deskId: 'desk-1', position: null });
      expect(called.calledAt).to.equal(new Date(T0 + minute).toISOString());
      expect((await getTicket(a1.id)).status).to.equal('called');
      expect((await deskOf('desk-1')).currentTicket?.id).to.equal(a1.id);
      const snap = await queue();
      expect(snap.lastCalls[0]).to.include({ number: 'A001', deskId: 'desk-1', deskName: 'Sportello 1', recall: false });

      // desk-3 does not serve idcard: nothing for it.
      const empty = await desk('desk-3', 'call-next');
      expect(empty.status).to.equal(404);
      expect(empty.body.error.code).to.equal('queue-empty');
      expect(empty.body.error.message).to.be.a('string').and.not.equal('');
      expect((await ok('desk-2', 'call-next')).number).to.equal('B001');
      expect((await desk('desk-2', 'call-next')).status).to.equal(409); // desk-busy: it holds B001
    });

    it('call calls one waiting ticket out of order', async () => {
      await issue({ serviceId: 'certs' });
      const a2 = await issue({ serviceId: 'certs' });
      const called = await ok('desk-1', 'call', { ticketId: a2.id });
      expect(called).to.include({ id: a2.id, number: 'A002', status: 'called', deskId: 'desk-1' });
      expect((await queue()).waiting.map((t) => t.number)).to.deep.equal(['A001']);
    });

    it('recall, start and finish serve a ticket and record its outcomes and service time', async () => {
      const t = await issue({ serviceId: 'certs' });
      await ok('desk-1', 'call-next');
      const recalled = await ok('desk-1', 'recall');
      expect(recalled).to.include({ id: t.id, status: 'called', recalls: 1 });
      expect((await queue()).lastCalls[0]).to.include({ number: 'A001', recall: true });

      now += 2 * minute;
      const started = await ok('desk-1', 'start');
      expect(started).to.include({ status: 'serving', startedAt: new Date(T0 + 2 * minute).toISOString() });

      now += 8 * minute;
      const finished = await ok('desk-1', 'finish', {
        outcomes: [{ code: 'certificate', count: 1 }, { code: 'information', count: 1 }, { code: 'certificate', count: 2 }],
      });
      expect(finished).to.include({ status: 'done', finishedAt: new Date(T0 + 10 * minute).toISOString() });
      expect(finished.outcomes).to.deep.equal([{ code: 'certificate', count: 3 }, { code: 'information', count: 1 }]);
      expect((await deskOf('desk-1')).currentTicket).to.equal(null);
      expect((await getTicket(t.id)).outcomes).to.deep.equal(finished.outcomes);

      // The measured 10 minutes (call to finish) replace the default 5 in the estimate: 1 ahead × 10 / 3 desks.
      await issue({ serviceId: 'certs' });
      expect((await issue({ serviceId: 'certs' })).estimatedWaitMinutes).to.equal(3);
    });

    it('finish without outcomes finishes a called ticket', async () => {
      await issue({ serviceId: 'info' });
      await ok('desk-2', 'call-next');
      const done = await ok('desk-2', 'finish');
      expect(done).to.include({ status: 'done', number: 'C001' });
      expect(done.outcomes).to.deep.equal([]);
    });

    it('no-show closes a called ticket and frees the desk for the next one', async () => {
      const a1 = await issue({ serviceId: 'certs' });
      const a2 = await issue({ serviceId: 'certs' });
      await ok('desk-1', 'call-next');
      const gone = await ok('desk-1', 'no-show');
      expect(gone).to.include({ id: a1.id, status: 'no-show', finishedAt: new Date(T0).toISOString() });
      expect((await ok('desk-1', 'call-next')).id).to.equal(a2.id);
    });

    it('transfer puts a ticket back in line for another service, keeping its number', async () => {
      const t = await issue({ serviceId: 'certs' });
      await ok('desk-3', 'call-next');
      const moved = await ok('desk-3', 'transfer', { serviceId: 'idcard' });
      expect(moved).to.include({ id: t.id, number: 'A001', serviceId: 'idcard', status: 'waiting', deskId: null, position: 0 });
      expect(moved.transfers).to.have.length(1);
      expect(moved.transfers[0]).to.include({ fromServiceId: 'certs', toServiceId: 'idcard', toDeskId: null, byDeskId: 'desk-3' });
      expect((await deskOf('desk-3')).currentTicket).to.equal(null);
      // desk-3 does not serve idcard; desk-2 does.
      expect((await desk('desk-3', 'call-next')).body.error.code).to.equal('queue-empty');
      expect(await ok('desk-2', 'call-next')).to.include({ id: t.id, serviceId: 'idcard', deskId: 'desk-2' });
    });

    it('transfer to a desk reserves the ticket for that desk only', async () => {
      const t = await issue({ serviceId: 'certs' });
      await ok('desk-1', 'call-next');
      const moved = await ok('desk-1', 'transfer', { serviceId: 'certs', toDeskId: 'desk-2' });
      expect(moved).to.include({ status: 'waiting', assignedDeskId: 'desk-2' });
      expect((await desk('desk-1', 'call-next')).body.error.code).to.equal('queue-empty');
      expect((await desk('desk-3', 'call-next')).body.error.code).to.equal('queue-empty');
      expect(await ok('desk-2', 'call-next')).to.include({ id: t.id, deskId: 'desk-2', assignedDeskId: null });
    });

    it('park sets a ticket aside while the desk serves another, and resume brings it back', async () => {
      const a1 = await issue({ serviceId: 'certs' });
      const a2 = await issue({ serviceId: 'certs' });
      await ok('desk-1', 'call-next');
      await ok('desk-1', 'start');
      const parked = await ok('desk-1', 'park');
      expect(parked).to.include({ id: a1.id, status: 'parked', deskId: 'desk-1' });
      let d = await deskOf('desk-1');
      expect(d.currentTicket).to.equal(null);
      expect(d.parkedTicketIds).to.deep.equal([a1.id]);

      expect((await ok('desk-1', 'call-next')).id).to.equal(a2.id);
      await ok('desk-1', 'finish');
      const resumed = await ok('desk-1', 'resume', { ticketId: a1.id });
      expect(resumed).to.include({ id: a1.id, status: 'serving', deskId: 'desk-1' });
      d = await deskOf('desk-1');
      expect(d.currentTicket?.id).to.equal(a1.id);
      expect(d.parkedTicketIds).to.deep.equal([]);
      expect((await ok('desk-1', 'finish')).status).to.equal('done');
    });

    it('mode opens a back-office desk to the public and sends it back', async () => {
      await issue({ serviceId: 'idcard' });
      const closed = await desk('back-1', 'call-next');
      expect(closed.status).to.equal(409);
      expect(closed.body.error.code).to.equal('desk-not-open');

      const opened = await desk('back-1', 'mode', { mode: 'front' });
      expect(opened.status).to.equal(200);
      expect(opened.body.desk).to.include({ id: 'back-1', kind: 'back', mode: 'front' });
      let services = (await hub.read('/api/services')).body.services as ServiceView[];
      expect(services.map((s) => s.openDesks)).to.deep.equal([4, 3, 3]);

      expect((await ok('back-1', 'call-next')).number).to.equal('B001');
      await ok('back-1', 'finish', { outcomes: [{ code: 'id-card-electronic', count: 1 }] });
      const back = await desk('back-1', 'mode', { mode: 'back' });
      expect(back.body.desk).to.include({ mode: 'back' });
      services = (await hub.read('/api/services')).body.services as ServiceView[];
      expect(services.map((s) => s.openDesks)).to.deep.equal([3, 2, 3]);

      const paused = await desk('desk-1', 'mode', { mode: 'paused' });
      expect(paused.body.desk).to.include({ id: 'desk-1', mode: 'paused' });
      // issued, front, called, finished, back, paused: one event each.
      expect((await queue()).seq).to.equal(holds + 6);
    });
  });

  describe('staff login', () => {
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(hub.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

    it('login answers a token and sets it in an httpOnly, same-site session cookie', async () => {
      const res = await post('/api/auth/login', { username: 'admin', password: adminPassword });
      expect(res.status).to.equal(200);
      const body = (await res.json()) as { token: string; expiresAt: string; user: { username: string; role: string } };
      expect(body.token).to.match(/^[A-Za-z0-9_-]{40,}$/);
      expect(body.user).to.include({ username: 'admin', role: 'admin' });
      expect(body.expiresAt).to.equal(new Date(T0 + 12 * 3_600_000).toISOString());
      const cookie = res.headers.get('set-cookie') ?? '';
      expect(cookie).to.include(`pc_session=${body.token}`);
      expect(cookie).to.match(/;\s*HttpOnly/i);
      expect(cookie).to.match(/;\s*SameSite=Strict/i);
      expect(cookie).to.match(/;\s*Path=\//i);
    });

    it('the session cookie alone authorizes a desk action', async () => {
      await issue({ serviceId: 'certs' });
      const login = await post('/api/auth/login', { username: 'admin', password: adminPassword });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      expect(cookie).to.match(/^pc_session=.+/);

      const anonymous = await post('/api/desks/desk-1/call-next', {});
      expect(anonymous.status).to.equal(401);
      const res = await post('/api/desks/desk-1/call-next', {}, { cookie });
      expect(res.status).to.equal(200);
      expect(((await res.json()) as { ticket: TicketView }).ticket).to.include({ number: 'A001', deskId: 'desk-1' });
    });

    it('GET /api/auth/me answers the user of a token or cookie, 401 without one', async () => {
      const me = await hub.request('GET', '/api/auth/me', undefined, token);
      expect(me.status).to.equal(200);
      expect(me.body.user).to.include({ username: 'admin', role: 'admin' });
      expect(me.body.user.id).to.be.a('number');
      const byCookie = await fetch(`${hub.url}/api/auth/me`, { headers: { cookie: `pc_session=${token}` } });
      expect(byCookie.status).to.equal(200);
      const anonymous = await hub.request('GET', '/api/auth/me');
      expect(anonymous.status).to.equal(401);
      expect(anonymous.body.error.code).to.equal('unauthorized');
    });

    it('logout ends that session: its token and cookie stop working, other sessions go on', async () => {
      const other = await hub.login();
      await issue({ serviceId: 'certs' });
      const res = await fetch(`${hub.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      expect(res.status).to.equal(204);
      expect(res.headers.get('set-cookie') ?? '').to.match(/^pc_session=;.*Max-Age=0/i);

      expect((await hub.request('GET', '/api/auth/me', undefined, token)).status).to.equal(401);
      const byCookie = await fetch(`${hub.url}/api/auth/me`, { headers: { cookie: `pc_session=${token}` } });
      expect(byCookie.status).to.equal(401);
      const action = await desk('desk-1', 'call-next', {}, token);
      expect(action.status).to.equal(401);
      expect(action.body.error.code).to.equal('unauthorized');
      expect((await queue()).waiting).to.have.length(1);

      expect((await desk('desk-1', 'call-next', {}, other)).status).to.equal(200);
    });
  });
});
