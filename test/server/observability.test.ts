import { expect } from 'chai';
import { createLogger } from '../../server/logger.ts';
import { adminPassword, startTestHub, type TestHub, type TestHubOptions } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';
import { samples, series } from '../helpers/prometheus.ts';
import { ask, until } from '../helpers/wire.ts';
import { closedPort } from '../printer/fixtures.ts';

/** Wednesday 14 January 2026, 10:00 in Rome: the hub's clock in these tests, moved by hand. */
const T0 = Date.UTC(2026, 0, 14, 9, 0);
const metricsToken = 'metrics-token-for-the-tests-0123456789';
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('observability: request ids, request logs, /metrics and /api/health', () => {
  let now = T0;
  let hub: TestHub;
  let lines: string[];

  const start = async (options: TestHubOptions = {}) => {
    lines = [];
    hub = await startTestHub({ clock: () => now, metricsToken, log: createLogger('debug', { write: (line: string) => void lines.push(line) }), ...options });
  };
  const logged = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const requestLines = () => logged().filter((l) => 'reqId' in l);
  const linesOf = (reqId: string) => logged().filter((l) => l.reqId === reqId);
  const get = (path: string, headers: Record<string, string> = {}) => fetch(hub.url + path, { headers });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeEach(async () => {
    now = T0;
    await start();
  });

  afterEach(async () => {
    await hub.close();
  });

  describe('request ids', () => {
    it('echoes a sane incoming X-Request-Id and logs the request under it', async () => {
      const admin = await hub.login();
      const res = await get('/api/office', { ...bearer(admin), 'x-request-id': 'proxy-42.a_b' });
      expect(res.status).to.equal(200);
      expect(res.headers.get('x-request-id')).to.equal('proxy-42.a_b');
      await until(() => linesOf('proxy-42.a_b').length === 1, 'the request log line');
      expect(linesOf('proxy-42.a_b')[0]).to.include({ level: 30, msg: 'GET /api/office 200' });
    });

    it('gives a request without one a new UUID, a different one each time', async () => {
      const first = (await get('/api/office')).headers.get('x-request-id');
      const second = (await get('/api/nowhere')).headers.get('x-request-id');
      expect(first).to.match(uuid);
      expect(second).to.match(uuid);
      expect(first).not.to.equal(second);
    });

    it('replaces an incoming id that is too long or has characters outside A-Z a-z 0-9 . _ -', async () => {
      for (const bad of ['a'.repeat(65), 'two words', 'x;drop', 'é', '{"json":1}']) {
        const res = await get('/api/office', { 'x-request-id': bad });
        expect(res.headers.get('x-request-id'), bad).to.match(uuid);
      }
      expect((await get('/api/office', { 'x-request-id': 'a'.repeat(64) })).headers.get('x-request-id')).to.equal('a'.repeat(64));
    });
  });

  describe('request log', () => {
    it('writes one line per request: id, method, path, status and duration, at info, warn or error by status', async () => {
      const admin = await hub.login();
      await get('/api/office', { ...bearer(admin), 'x-request-id': 'ok-1' });
      await get('/api/office', { 'x-request-id': 'anonymous-1' });
      await until(() => linesOf('ok-1').length === 1 && linesOf('anonymous-1').length === 1, 'two request log lines');
      const [ok] = linesOf('ok-1');
      const [refused] = linesOf('anonymous-1');
      expect(ok).to.deep.include({ reqId: 'ok-1', level: 30, req: { method: 'GET', url: '/api/office' }, res: { statusCode: 200 } });
      expect(ok!.responseTime).to.be.a('number');
      expect(refused).to.deep.include({ reqId: 'anonymous-1', level: 40, req: { method: 'GET', url: '/api/office' }, res: { statusCode: 401 } });
    });

    it('logs a failure of the hub at error, with the request id on the error line too', async () => {
      const admin = await hub.login();
      // A read of an older ticket that throws: an internal error.
      hub.hub.ctx.queueStore.findTicket = () => Promise.reject(new Error('disk on fire'));
      const res = await get('/api/tickets/999', { ...bearer(admin), 'x-request-id': 'boom-1' });
      expect(res.status).to.equal(500);
      await until(() => linesOf('boom-1').length === 2, 'the error line and the request line');
      expect(linesOf('boom-1').map((l) => [l.reqId, l.level, l.msg])).to.deep.equal([
        ['boom-1', 50, 'request failed'],
        ['boom-1', 50, 'GET /api/tickets/999 500'],
      ]);
    });

    it('never writes a password, a session token, a cookie, a query string or a body', async () => {
      const login = await fetch(`${hub.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: adminPassword }) });
      const { token } = (await login.json()) as { token: string };
      await get('/api/auth/me', { ...bearer(token), cookie: `pc_session=${token}` });
      await get('/api/tickets/1/status?key=secret-link-key');
      await get('/metrics', bearer(metricsToken));
      await until(() => requestLines().length === 4, 'four request log lines');
      const text = lines.join('');
      for (const secret of [adminPassword, token, 'secret-link-key', metricsToken, 'pc_session', 'authorization']) {
        expect(text, secret).not.to.include(secret);
      }
      expect(requestLines().map((l) => (l.req as { url: string }).url)).to.deep.equal(['/api/auth/login', '/api/auth/me', '/api/tickets/1/status', '/metrics']);
      for (const line of requestLines()) expect(Object.keys(line.req as object)).to.deep.equal(['method', 'url']);
    });

    it('logs a successful poll of /metrics or /api/health at debug, a refused one at warn', async () => {
      await get('/api/health');
      await get('/metrics', bearer(metricsToken));
      await get('/metrics');
      await until(() => requestLines().length === 3, 'three request log lines');
      expect(requestLines().map((l) => [l.msg, l.level])).to.deep.equal([
        ['GET /api/health 200', 20],
        ['GET /metrics 200', 20],
        ['GET /metrics 401', 40],
      ]);
    });
  });

  describe('/metrics', () => {
    beforeEach(async () => {
      // The front desks held by their clerks (open only while held), straight through the committer: no request or command to count.
      for (const deskId of ['desk-1', 'desk-2', 'desk-3']) await hub.hub.ctx.committer.submit({ type: 'desk:hold', deskId, clerk: `clerk-${deskId}` });
    });

    it('refuses anyone without the metrics token or an admin login, with the API error shape', async () => {
      const clerk = await hub.loginAs('clara', 'clerk');
      const manager = await hub.loginAs('mario', 'manager');
      const refused: [Record<string, string>, number, string][] = [
        [{}, 401, 'unauthorized'],
        [bearer('not-the-metrics-token-at-all'), 401, 'unauthorized'],
        [bearer(`${metricsToken}x`), 401, 'unauthorized'],
        [{ authorization: metricsToken }, 401, 'unauthorized'],
        [bearer(clerk), 403, 'forbidden'],
        [bearer(manager), 403, 'forbidden'],
      ];
      for (const [headers, status, code] of refused) {
        const res = await get('/metrics', headers);
        expect(res.status, JSON.stringify(headers)).to.equal(status);
        expect(((await res.json()) as { error: { code: string } }).error.code).to.equal(code);
      }
    });

    it('refuses the token a hub was not given: no METRICS_TOKEN, no token access', async () => {
      await hub.close();
      await start({ metricsToken: undefined });
      const res = await get('/metrics', bearer(metricsToken));
      expect(res.status).to.equal(401);
    });

    it('serves the Prometheus text format to the metrics token and to an admin (bearer or cookie)', async () => {
      const admin = await hub.login();
      for (const headers of [bearer(metricsToken), bearer(admin), { cookie: `pc_session=${admin}` }]) {
        const res = await get('/metrics', headers);
        expect(res.status, JSON.stringify(headers)).to.equal(200);
        expect(res.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
        const text = await res.text();
        expect(text).to.include('# TYPE pc_commands_total counter');
        expect(text).to.include('# TYPE pc_command_duration_seconds histogram');
        expect(samples(text, 'pc_process_cpu_user_seconds_total')).to.have.length(1);
        expect(samples(text, 'pc_nodejs_eventloop_lag_seconds')).to.have.length(1);
      }
    });

    it('after 3 tickets and 2 refused commands (REST and socket), every figure is exact', async () => {
      const admin = await hub.login();
      for (let i = 0; i < 3; i++) {
        const res = await hub.request('POST', '/api/tickets', { serviceId: 'certs' }, admin);
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
        now += 30_000;
      }
      const refused = await hub.request('POST', '/api/tickets', { serviceId: 'no-such-service' }, admin);
      expect(refused.body.error.code).to.equal('unknown-service');
      const staff = await hub.socket(admin);
      const answer = await ask(staff, 'desk:call-next', [{}]);
      expect(answer.ok || answer.error.code).to.equal('validation-failed');

      const text = await (await get('/metrics', bearer(metricsToken))).text();
      expect(series(text, 'pc_queue_waiting')).to.deep.equal({ 'service=certs': 3, 'service=idcard': 0, 'service=info': 0 });
      expect(series(text, 'pc_queue_oldest_wait_seconds')).to.deep.equal({ 'service=certs': 90, 'service=idcard': 0, 'service=info': 0 });
      expect(series(text, 'pc_tickets_issued_today')).to.deep.equal({ 'service=certs': 3, 'service=idcard': 0, 'service=info': 0 });
      expect(series(text, 'pc_commands_total')).to.deep.equal({
        'command=ticket:issue,outcome=ok': 3,
        'command=ticket:issue,outcome=unknown-service': 1,
        'command=desk:call-next,outcome=validation-failed': 1,
      });
      expect(series(text, 'pc_command_duration_seconds_count')).to.deep.equal({ 'command=ticket:issue': 4, 'command=desk:call-next': 1 });
      expect(series(text, 'pc_errors_total')).to.deep.equal({ 'code=unknown-service': 1, 'code=validation-failed': 1 });
      expect(series(text, 'pc_http_requests_total')).to.deep.equal({ 'method=POST,status=200': 1, 'method=POST,status=201': 3, 'method=POST,status=404': 1 });
      expect(series(text, 'pc_desks_open')).to.deep.equal({ 'kind=front': 3, 'kind=back': 0 });
      expect(series(text, 'pc_sockets')).to.deep.equal({ 'kind=kiosk': 0, 'kind=display': 0, 'kind=feedback': 0, 'kind=staff': 1, 'kind=ticket': 0 });
      expect(series(text, 'pc_printer_up')).to.deep.equal({});
      const services = (await hub.request('GET', '/api/services', undefined, admin)).body.services as { id: string; estimatedWaitMinutes: number }[];
      expect(series(text, 'pc_estimated_wait_minutes')).to.deep.equal(Object.fromEntries(services.map((s) => [`service=${s.id}`, s.estimatedWaitMinutes])));
      expect(series(text, 'pc_estimated_wait_minutes')['service=certs']).to.be.above(0);
    });

    it('counts the next scrape, and drops the wait estimate of a service no open desk serves', async () => {
      const admin = await hub.login();
      await get('/metrics', bearer(metricsToken));
      for (const desk of ['desk-1', 'desk-2']) expect((await hub.request('POST', `/api/desks/${desk}/mode`, { mode: 'closed' }, admin)).status).to.equal(200);
      const text = await (await get('/metrics', bearer(metricsToken))).text();
      expect(series(text, 'pc_http_requests_total')).to.include({ 'method=GET,status=200': 1 });
      expect(series(text, 'pc_commands_total')).to.deep.equal({ 'command=desk:mode,outcome=ok': 2 });
      expect(series(text, 'pc_desks_open')).to.deep.equal({ 'kind=front': 1, 'kind=back': 0 });
      // desk-3 does not serve idcard: its estimate is unknown, not zero.
      expect(Object.keys(series(text, 'pc_estimated_wait_minutes'))).to.deep.equal(['service=certs', 'service=info']);
    });
  });

  describe('/api/health', () => {
    it('tells an anonymous caller, a clerk and a wrong token only the status', async () => {
      const clerk = await hub.loginAs('clara', 'clerk');
      for (const headers of [{}, bearer(clerk), bearer('not-the-metrics-token-at-all')]) {
        const res = await get('/api/health', headers);
        expect(res.status).to.equal(200);
        expect(await res.json(), JSON.stringify(headers)).to.deep.equal({ status: 'ok' });
      }
    });

    it('gives managers, admins and the metrics token the details', async () => {
      const manager = await hub.loginAs('mario', 'manager');
      const admin = await hub.login();
      now += 5_000;
      for (const headers of [bearer(manager), bearer(admin), bearer(metricsToken)]) {
        const body = (await (await get('/api/health', headers)).json()) as Record<string, unknown>;
        // On PostgreSQL the hub is a cluster of one node: its part too (docs/scale-out.md).
        const cluster = process.env['TEST_DATABASE'] === 'postgres' ? ['cluster'] : [];
        expect(Object.keys(body), JSON.stringify(headers)).to.deep.equal(['status', 'office', 'day', 'seq', 'uptimeSeconds', 'database', 'printers', 'sockets', 'storage', 'devices', 'backups', 'warnings', ...cluster]);
        expect(body).to.deep.include({ status: 'ok', office: 'Test office', day: '2026-01-14', seq: 0, uptimeSeconds: 5, printers: [], sockets: { kiosk: 0, display: 0, feedback: 0, staff: 0, ticket: 0 }, storage: { ok: true, lastError: null }, devices: [], backups: null });
        expect((body.warnings as { code: string }[]).map((w) => w.code)).to.deep.equal(['public-url-private']); // no PUBLIC_URL here
        const database = body.database as { ok: boolean; latencyMs: number };
        expect(database.ok).to.equal(true);
        expect(database.latencyMs).to.be.a('number').and.at.least(0);
      }
    });

    describe('PUBLIC_URL warning', () => {
      const health = async () => (await (await get('/api/health', bearer(metricsToken))).json()) as { status: string; warnings: Record<string, unknown>[] };
      const startWarnings = () => logged().filter((l) => l.level === 40 && String(l.msg).includes('PUBLIC_URL'));

      it('logs once at start and lists public-url-private when PUBLIC_URL is a private address, without being degraded', async () => {
        await hub.close();
        await start({ publicUrl: 'http://192.168.1.10:3000' });
        expect(startWarnings()).to.have.length(1);
        expect(startWarnings()[0]).to.include({ publicUrl: 'http://192.168.1.10:3000' });
        const body = await health();
        expect(body.status).to.equal('ok');
        expect(body.warnings).to.have.length(1);
        expect(body.warnings[0]).to.include({ code: 'public-url-private', publicUrl: 'http://192.168.1.10:3000' });
        expect(String(body.warnings[0]!.message)).to.match(/office network/);
        await health();
        expect(startWarnings(), 'once, at start, not per request').to.have.length(1);
      });

      it('lists public-url-private with publicUrl null when PUBLIC_URL is not set', async () => {
        expect(startWarnings()).to.have.length(1);
        expect((await health()).warnings).to.deep.equal([{ code: 'public-url-private', message: String(startWarnings()[0]!.msg), publicUrl: null }]);
      });

      it('says nothing when PUBLIC_URL is a public address', async () => {
        await hub.close();
        await start({ publicUrl: 'https://coda.comune.example' });
        expect(startWarnings()).to.deep.equal([]);
        expect(await health()).to.deep.include({ status: 'ok', warnings: [] });
      });
    });

    it('is degraded when the database cannot be read, and says so in the log', async () => {
      const admin = await hub.login();
      hub.hub.ctx.queueStore.ping = () => Promise.reject(new Error('disk gone'));
      expect(await (await get('/api/health')).json()).to.deep.equal({ status: 'degraded' });
      const body = (await (await get('/api/health', bearer(admin))).json()) as { status: string; database: { ok: boolean } };
      expect(body.status).to.equal('degraded');
      expect(body.database.ok).to.equal(false);
      expect(logged().some((l) => l.level === 40 && l.msg === 'health check: the database could not be read')).to.equal(true);
    });

    it('is degraded when a printer failed, which /metrics shows as pc_printer_up 0', async () => {
      await hub.close();
      const port = await closedPort();
      await start({ office: testOffice({ kiosks: [{ id: 'broken', name: 'Piano terra', printer: `tcp://127.0.0.1:${port}` }] }), printTimeoutMs: 500 });
      const admin = await hub.login();
      const issued = await hub.request('POST', '/api/tickets', { serviceId: 'info', kioskId: 'broken' }, admin);
      expect(issued.status, JSON.stringify(issued.body)).to.equal(201);
      await until(() => hub.hub.ctx.printing.service.statuses().length === 1, 'the print job to fail', 5000);
      expect(await (await get('/api/health')).json()).to.deep.equal({ status: 'degraded' });
      const body = (await (await get('/api/health', bearer(metricsToken))).json()) as { status: string; printers: { kioskId: string; ok: boolean }[] };
      expect(body.status).to.equal('degraded');
      expect(body.printers).to.have.length(1);
      expect(body.printers[0]).to.include({ kioskId: 'broken', ok: false });
      const text = await (await get('/metrics', bearer(metricsToken))).text();
      expect(series(text, 'pc_printer_up')).to.deep.equal({ [`printer=tcp://127.0.0.1:${port}`]: 0 });
    });
  });
});
