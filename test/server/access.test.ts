import { expect } from 'chai';
import { io as connect } from 'socket.io-client';
import { can, grants, permissions, type Caller } from '../../server/auth/access.ts';
import { createApp } from '../../server/http/app.ts';
import { callerTokens, commandRefusals, commandTable, routeRefusals, routeTable, type CallerName } from '../helpers/accessRules.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { listRoutes, routeKey } from '../helpers/routes.ts';

/**
 * The role table: every REST route and every socket command, tried by every kind of caller, answers
 * exactly as the access rules say (test/helpers/accessRules.ts). A route or command missing from those
 * tables fails the test, so nothing new ships without a decision on who may use it.
 */

describe('access: the role table', function () {
  this.timeout(120_000);
  let hub: TestHub;
  let tokens: Record<CallerName, string | undefined>;

  before(async () => {
    hub = await startTestHub();
    tokens = await callerTokens(hub);
  });

  after(async () => {
    await hub.close();
  });

  it('every REST route is in the table, and the table has no route the hub lacks', () => {
    const keys = listRoutes(createApp(hub.hub.network)).map(routeKey);
    expect(keys.filter((k) => !(k in routeTable)), 'routes without a rule').to.deep.equal([]);
    expect(Object.keys(routeTable).filter((k) => !keys.includes(k)), 'rules without a route').to.deep.equal([]);
  });

  it('each caller gets exactly what its rule allows on every REST route', async () => {
    const before = (await hub.read('/api/queue')).body;
    expect(await routeRefusals(hub, tokens, routeTable)).to.deep.equal([]);
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
    expect(await commandRefusals(hub, tokens, commandTable)).to.deep.equal([]);
  });

  it("a ticket link is a caller of its own: it may only follow, leave and rate its ticket, and no one else holds follow or leave", () => {
    const phone: Caller = { kind: 'ticket', ticketId: 1 };
    expect(permissions.filter((p) => can(phone, p))).to.deep.equal(['follow', 'leave', 'rate']);
    // `rate` is shared with the desk's feedback tablet only, which may listen besides.
    expect(Object.entries(grants).filter(([, granted]) => granted.includes('rate')).map(([grantee]) => grantee)).to.deep.equal(['ticket', 'feedback']);
    expect(grants.feedback).to.deep.equal(['listen', 'rate']);
    for (const [grantee, granted] of Object.entries(grants)) {
      if (grantee !== 'ticket') expect(granted, grantee).to.not.include.members(['follow']).and.not.include.members(['leave']);
    }
    // Which ticket: the socket's room and the leave route hold it to its own (ticketSocket.test.ts).
  });
});
