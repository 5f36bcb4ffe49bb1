import { expect } from 'chai';
import { nextTick } from 'vue';
import { createSessionStore, deskKey, tokenKey, type KeyValueStore } from '../../counter/src/stores/session.ts';

class MemoryStore implements KeyValueStore {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const clerk = { id: 2, username: 'anna', role: 'clerk' as const };
const json = (status: number, body?: unknown) => new Response(body === undefined ? null : JSON.stringify(body), { status });

/** A hub that knows one user (anna / secret) and one session token per login, and who holds each desk. */
function fakeHub() {
  const sessions = new Set<string>();
  const holders = new Map<string, string>();
  let down = false;
  const requests: string[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    const path = String(url);
    requests.push(`${init?.method} ${path}`);
    if (down) throw new TypeError('fetch failed');
    const token = new Headers(init?.headers).get('authorization')?.replace('Bearer ', '');
    if (path === '/api/auth/login') {
      const body = JSON.parse(String(init?.body)) as { username: string; password: string };
      if (body.username !== 'anna' || body.password !== 'secret') return json(401, { error: { code: 'unauthorized', message: 'Wrong username or password.' } });
      const fresh = `token-${sessions.size + 1}`;
      sessions.add(fresh);
      return json(200, { token: fresh, expiresAt: '2026-11-23T20:00:00.000Z', user: clerk });
    }
    if (path === '/api/auth/me') return token && sessions.has(token) ? json(200, { user: clerk }) : json(401, { error: { code: 'unauthorized', message: 'Not logged in.' } });
    if (path === '/api/auth/logout') {
      if (token) sessions.delete(token);
      return json(204);
    }
    const desk = /^\/api\/desks\/([a-z0-9-]+)\/(hold|release)$/.exec(path);
    if (desk && token && sessions.has(token)) {
      const [, deskId, action] = desk as unknown as [string, string, string];
      const body = JSON.parse(String(init?.body ?? '{}')) as { takeOver?: boolean };
      const holder = holders.get(deskId);
      if (holder !== undefined && holder !== 'anna' && !(action === 'hold' && body.takeOver)) {
        return json(409, { error: { code: 'desk-held', message: `held by ${holder}`, heldBy: holder } });
      }
      if (action === 'hold') holders.set(deskId, 'anna');
      else holders.delete(deskId);
      return json(200, { desk: { id: deskId, heldBy: holders.get(deskId) ?? null } });
    }
    return json(404, { error: { code: 'not-found', message: path } });
  };
  return { fetch, sessions, holders, requests, setDown: (value: boolean) => (down = value) };
}

describe('counter session store', () => {
  it('logs in, keeps the token in the tab and the desk on the PC, and logs out keeping the desk', async () => {
    const hub = fakeHub();
    const tab = new MemoryStore();
    const pc = new MemoryStore();
    const session = createSessionStore({ tokenStore: tab, deskStore: pc, fetch: hub.fetch });
    expect(session.screen.value).to.equal('login');
    expect(await session.login('anna', 'secret')).to.equal(null);
    expect(session.user.value).to.deep.equal(clerk);
    expect(tab.getItem(tokenKey)).to.equal('token-1');
    expect(session.screen.value).to.equal('choose-desk');
    expect(await session.chooseDesk('desk-2')).to.equal(null);
    expect(session.screen.value).to.equal('desk');
    expect(pc.getItem(deskKey)).to.equal('desk-2');
    expect(hub.holders.get('desk-2'), 'choosing a desk holds it at the hub').to.equal('anna');

    await session.logout();
    expect(hub.holders.has('desk-2'), 'logging out lets the desk go').to.equal(false);
    expect(hub.sessions.size).to.equal(0);
    expect(tab.getItem(tokenKey)).to.equal(null);
    expect([session.screen.value, session.notice.value]).to.deep.equal(['login', 'logged-out']);
    expect(pc.getItem(deskKey), 'the PC still remembers its desk').to.equal('desk-2');
  });

  it('a wrong password is an error for the form, not an ended session', async () => {
    const session = createSessionStore({ tokenStore: new MemoryStore(), deskStore: new MemoryStore(), fetch: fakeHub().fetch });
    const error = await session.login('anna', 'guess');
    expect(error?.code).to.equal('unauthorized');
    expect([session.screen.value, session.notice.value, session.token.value]).to.deep.equal(['login', null, null]);
  });

  it('after a reload the kept token is checked: a known one goes straight to the remembered desk', async () => {
    const hub = fakeHub();
    hub.sessions.add('kept');
    const tab = new MemoryStore();
    tab.setItem(tokenKey, 'kept');
    const pc = new MemoryStore();
    pc.setItem(deskKey, 'back-1');
    const session = createSessionStore({ tokenStore: tab, deskStore: pc, fetch: hub.fetch });
    expect(session.screen.value).to.equal('checking');
    await session.restore();
    expect([session.screen.value, session.deskId.value]).to.deep.equal(['desk', 'back-1']);
    expect(hub.holders.get('back-1'), 'the remembered desk is held again').to.equal('anna');
    session.changeDesk();
    expect([session.screen.value, pc.getItem(deskKey)]).to.deep.equal(['choose-desk', null]);
  });

  it('an expired token goes back to the login form and says why', async () => {
    const tab = new MemoryStore();
    tab.setItem(tokenKey, 'stale');
    const session = createSessionStore({ tokenStore: tab, deskStore: new MemoryStore(), fetch: fakeHub().fetch });
    await session.restore();
    expect([session.screen.value, session.notice.value, tab.getItem(tokenKey)]).to.deep.equal(['login', 'expired', null]);
  });

  it('an unreachable hub keeps the token and asks again', async () => {
    const hub = fakeHub();
    hub.sessions.add('kept');
    hub.setDown(true);
    const tab = new MemoryStore();
    tab.setItem(tokenKey, 'kept');
    const session = createSessionStore({ tokenStore: tab, deskStore: new MemoryStore(), fetch: hub.fetch, retryMs: 10 });
    await session.restore();
    expect(session.screen.value).to.equal('checking');
    hub.setDown(false);
    const deadline = Date.now() + 2000;
    while (session.screen.value === 'checking' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await nextTick();
    expect(session.screen.value).to.equal('choose-desk');
    expect(hub.requests.filter((r) => r === 'GET /api/auth/me').length).to.be.greaterThan(1);
  });
});

describe('counter session store: holding desks', () => {
  it('a desk another clerk holds is not taken without a take-over; the remembered one held by another is forgotten', async () => {
    const hub = fakeHub();
    hub.holders.set('desk-1', 'bruno');
    const pc = new MemoryStore();
    pc.setItem(deskKey, 'desk-1');
    const session = createSessionStore({ tokenStore: new MemoryStore(), deskStore: pc, fetch: hub.fetch });
    expect(await session.login('anna', 'secret')).to.equal(null);
    expect([session.screen.value, pc.getItem(deskKey)], 'bruno is at the remembered desk').to.deep.equal(['choose-desk', null]);
    expect((await session.chooseDesk('desk-1'))?.code).to.equal('desk-held');
    expect(session.screen.value).to.equal('choose-desk');
    expect(await session.chooseDesk('desk-1', true)).to.equal(null);
    expect([session.screen.value, hub.holders.get('desk-1')]).to.deep.equal(['desk', 'anna']);
    expect(await session.leaveDesk({ action: 'requeue' })).to.equal(null);
    expect([session.screen.value, hub.holders.has('desk-1')]).to.deep.equal(['choose-desk', false]);
    expect(hub.requests.filter((r) => r.includes('/api/desks/'))).to.deep.equal([
      'POST /api/desks/desk-1/hold', 'POST /api/desks/desk-1/hold', 'POST /api/desks/desk-1/hold', 'POST /api/desks/desk-1/release',
    ]);
  });
});
