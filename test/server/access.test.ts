import { expect } from 'chai';
import { io as connect } from 'socket.io-client';
import type { ClientToServerEvents } from '../../protocol/events.ts';
import { createApp } from '../../server/http/app.ts';
import { startTestHub, type TestHub, type TestSocket } from '../helpers/hub.ts';
import { listRoutes, routeKey } from '../helpers/routes.ts';
import { ask } from '../helpers/wire.ts';

/**
 * The role table: every REST route and every socket command, tried by every kind of caller, answers
 * exactly as the access rules say. A route or command missing from the tables below fails the test,
 * so nothing new ships without a decision on who may use it.
 */

type CallerName = 'anonymous' | 'display' | 'kiosk' | 'clerk' | 'manager' | 'admin';
const callers: CallerName[] = ['anonymous', 'display', 'kiosk', 'clerk', 'manager', 'admin'];

/** What each caller may do (the spec; the hub's own table is server/auth/access.ts). */
const may: Record<CallerName, string[]> = {
  anonymous: ['open'],
  display: ['open', 'listen'],
  kiosk: ['open', 'listen', 'issue'],
  clerk: ['open', 'listen', 'issue', 'desk', 'staff'],
  manager: ['open', 'listen', 'issue', 'desk', 'staff', 'reports'],
  admin: ['open', 'listen', 'issue', 'desk', 'staff', 'reports', 'admin'],
};

/** Who may use each route: `open` anyone; `device` a paired device only; `staff` any staff member. */
const routeTable: Record<string, string> = {
  'GET /api/health': 'open', // only { status } without a manager's rights (see observability.test.ts)
  'GET /api/services': 'listen',
  'GET /api/office': 'listen',
  'GET /api/queue': 'listen',
  'POST /api/tickets': 'issue',
  'GET /api/tickets/:ticketId/status': 'open', // the citizen's page; needs the ticket's key
  'GET /api/tickets/:ticketId': 'listen',
  'POST /api/tickets/:ticketId/cancel': 'desk',
  'GET /api/desks/:deskId/today': 'desk',
  'POST /api/desks/:deskId/:action': 'desk',
  'POST /api/auth/login': 'open',
  'POST /api/auth/logout': 'open',
  'GET /api/auth/me': 'staff',
  'GET /api/displays': 'listen',
  'GET /api/displays/:displayId': 'listen',
  'POST /api/appointments/check-in': 'issue',
  'GET /api/appointments/offices': 'desk',
  'GET /api/appointments/slots': 'desk',
  'POST /api/appointments': 'desk',
  'GET /api/appointments/:code': 'desk',
  'POST /api/appointments/:code/print': 'desk',
  'POST /api/callbacks': 'issue',
  'GET /api/callbacks': 'desk',
  'POST /api/callbacks/:id/close': 'desk',
  'GET /api/reports/monthly': 'reports',
  'GET /api/reports/accesses': 'reports',
  'GET /api/reports/outcomes': 'reports',
  'GET /api/reports/times': 'reports',
  'GET /api/reports/heatmap': 'reports',
  'GET /api/reports/live': 'reports',
  'POST /api/pairings': 'open',
  'POST /api/pairings/claim': 'open',
  'GET /api/devices/me': 'device',
  'GET /api/admin/devices': 'admin',
  'POST /api/admin/devices': 'admin',
  'POST /api/admin/devices/:deviceId/pair': 'admin',
  'POST /api/admin/devices/:deviceId/unpair': 'admin',
  'DELETE /api/admin/devices/:deviceId': 'admin',
  'GET /api/admin/office': 'admin',
  'PATCH /api/admin/office': 'admin',
  'PUT /api/admin/office': 'admin',
  'GET /api/admin/users': 'admin',
  'POST /api/admin/users': 'admin',
  'PATCH /api/admin/users/:username': 'admin',
  'GET /api/admin/audit': 'admin',
  'GET /metrics': 'admin', // or the metrics token (observability.test.ts)
  // The apps' pages: HTML and scripts only; every piece of data behind them needs a token.
  'GET /kiosk': 'open',
  'GET /kiosk/:kioskId': 'open',
  'GET /t/:ticketId': 'open',
  'GET /display': 'open',
  'GET /display/:displayId': 'open',
  'GET /counter': 'open',
  'GET /manager': 'open',
  'GET /': 'open',
};

const commandTable: Record<keyof ClientToServerEvents, string> = {
  'session:join': 'listen',
  'queue:snapshot': 'listen',
  'ticket:get': 'listen',
  'ticket:issue': 'issue',
  'appointment:check-in': 'issue',
  'ticket:cancel': 'desk',
  'desk:call-next': 'desk',
  'desk:call': 'desk',
  'desk:recall': 'desk',
  'desk:start': 'desk',
  'desk:finish': 'desk',
  'desk:no-show': 'desk',
  'desk:transfer': 'desk',
  'desk:park': 'desk',
  'desk:resume': 'desk',
  'desk:mode': 'desk',
};

const allowed = (caller: CallerName, rule: string) => (rule === 'device' ? caller === 'display' || caller === 'kiosk' : may[caller].includes(rule));

/** Path parameters filled with values that pass no further than validation or a lookup. */
const fill = (path: string) =>
  path
    .replace(':deskId', 'desk-1').replace(':action', 'mode').replace(':ticketId', '999999').replace(':code', 'ZZZZ-ZZZZ')
    .replace(':id', '999999').replace(':deviceId', '999999').replace(':username', 'nobody-here')
    .replace(':displayId', 'lobby').replace(':kioskId', 'lobby');

describe('access: the role table', function () {
  this.timeout(120_000);
  let hub: TestHub;
  const tokens = {} as Record<CallerName, string | undefined>;

  before(async () => {
    hub = await startTestHub();
    tokens.anonymous = undefined;
    tokens.display = await hub.device('display');
    tokens.kiosk = await hub.device('kiosk');
    tokens.clerk = await hub.loginAs('clerk-1', 'clerk');
    tokens.manager = await hub.loginAs('manager-1', 'manager');
    tokens.admin = await hub.login();
  });

  after(async () => {
    await hub.close();
  });

  it('every REST route is in the table, and the table has no route the hub lacks', () => {
    const keys = listRoutes(createApp(hub.hub.ctx)).map(routeKey);
    expect(keys.filter((k) => !(k in routeTable)), 'routes without a rule').to.deep.equal([]);
    expect(Object.keys(routeTable).filter((k) => !keys.includes(k)), 'rules without a route').to.deep.equal([]);
  });

  it('each caller gets exactly what its rule allows on every REST route', async () => {
    const before = (await hub.read('/api/queue')).body;
    const wrong: string[] = [];
    for (const [key, rule] of Object.entries(routeTable)) {
      const [method, path] = key.split(' ') as [string, string];
      for (const caller of callers) {
        if (key === 'POST /api/auth/logout') continue; // it would end the session the next rows use (see below)
        const body = method === 'GET' || method === 'DELETE' ? undefined : {};
        const res = await hub.request(method, fill(path), body, tokens[caller]);
        const refused = res.status === 401 || res.status === 403;
        // Refused: 401 for nobody (and for a device asking who is logged in), 403 for anyone else.
        const expected = allowed(caller, rule) ? 'allowed' : caller === 'anonymous' || rule === 'staff' ? 401 : 403;
        if (expected === 'allowed' ? refused : res.status !== expected) wrong.push(`${caller} ${key}: ${res.status} (expected ${expected})`);
      }
    }
    expect(wrong).to.deep.equal([]);
    // Nothing was changed by any of it.
    const after = (await hub.read('/api/queue')).body;
    expect({ ...after, serverTime: null }).to.deep.equal({ ...before, serverTime: null });
  });

  it('logout ends a staff session and does nothing for a device or nobody', async () => {
    for (const caller of ['anonymous', 'display', 'kiosk'] as const) {
      expect((await hub.request('POST', '/api/auth/logout', undefined, tokens[caller])).status).to.equal(204);
    }
    expect((await hub.read('/api/queue')).status, 'the display token still works').to.equal(200);
    const clerk = await hub.loginAs('clerk-2', 'clerk');
    expect((await hub.request('POST', '/api/auth/logout', undefined, clerk)).status).to.equal(204);
    expect((await hub.request('GET', '/api/auth/me', undefined, clerk)).status).to.equal(401);
  });

  it('nobody connects a socket without a token; each caller gets exactly what its rule allows on every socket command', async () => {
    const refused = await new Promise<Error>((resolve, reject) => {
      const s = connect(hub.url, { transports: ['websocket'], forceNew: true, reconnection: false });
      s.once('connect', () => reject(new Error('an anonymous socket connected')));
      s.once('connect_error', (err) => resolve(err));
    });
    expect(refused.message).to.equal('unauthorized');

    const wrong: string[] = [];
    for (const caller of callers.filter((c) => c !== 'anonymous')) {
      const socket: TestSocket = await hub.socket(tokens[caller]);
      for (const [name, rule] of Object.entries(commandTable)) {
        const answer = await ask(socket, name, [{}]);
        const got = answer.ok ? 'ok' : answer.error.code;
        const ok = allowed(caller, rule) ? got !== 'forbidden' && got !== 'unauthorized' : got === 'forbidden';
        if (!ok) wrong.push(`${caller} ${name}: ${got}`);
      }
      socket.disconnect();
    }
    expect(wrong).to.deep.equal([]);
  });
});
