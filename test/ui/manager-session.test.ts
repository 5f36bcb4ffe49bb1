import { expect } from 'chai';
import { createApi, filenameOf } from '../../manager/src/api.ts';
import { createSessionStore } from '../../manager/src/stores/session.ts';

type Role = 'clerk' | 'manager' | 'admin';
const json = (status: number, body?: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body), { status, headers });
const error = (status: number, code: string, message = code) => json(status, { error: { code, message } });

/**
 * A hub with three accounts (password "secret") and a monthly report for managers and admins, with the
 * browser's cookie jar in front of it: login sets the session cookie, logout clears it, and every request
 * carries it, as a browser does for the page's own origin. The page never sees it.
 */
function fakeHub() {
  const roles: Record<string, Role> = { carlo: 'clerk', anna: 'manager', ada: 'admin' };
  const sessions = new Map<string, string>();
  const requests: string[] = [];
  const sentHeaders: Headers[] = [];
  const browser = { cookie: null as string | null };
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    const path = String(url);
    requests.push(`${init?.method} ${path}`);
    sentHeaders.push(new Headers(init?.headers));
    if (init?.credentials !== 'same-origin' && init?.credentials !== undefined) throw new Error('the cookie must go with same-origin requests');
    const who = browser.cookie ? sessions.get(browser.cookie) : undefined;
    const user = who ? { id: 1, username: who, role: roles[who]! } : undefined;
    if (path === '/api/auth/login') {
      const body = JSON.parse(String(init?.body)) as { username: string; password: string };
      if (!roles[body.username] || body.password !== 'secret') return error(401, 'unauthorized');
      const fresh = `token-${sessions.size + 1}`;
      sessions.set(fresh, body.username);
      browser.cookie = fresh; // Set-Cookie: pc_session=…; HttpOnly; SameSite=Strict
      return json(200, { token: fresh, expiresAt: '2026-11-24T20:00:00.000Z', user: { id: 1, username: body.username, role: roles[body.username] } });
    }
    if (path === '/api/auth/me') return user ? json(200, { user }) : error(401, 'unauthorized');
    if (path === '/api/auth/logout') {
      if (browser.cookie) sessions.delete(browser.cookie);
      browser.cookie = null;
      return json(204);
    }
    if (path.startsWith('/api/reports/')) {
      if (!user) return error(401, 'unauthorized');
      if (user.role === 'clerk') return error(403, 'forbidden');
      return json(200, { year: 2026 });
    }
    return error(404, 'not-found', path);
  };
  return { fetch, sessions, roles, requests, sentHeaders, browser };
}

/** Web Storage as a page has it, to check that the session store keeps nothing there. */
class SpyStorage {
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

describe('manager session store', () => {
  const storages = { localStorage: new SpyStorage(), sessionStorage: new SpyStorage() };
  before(() => Object.assign(globalThis, storages));
  after(() => {
    for (const name of Object.keys(storages)) Reflect.deleteProperty(globalThis, name);
  });

  it('logs a manager in by the hub\'s cookie, and neither sends nor keeps the token; logout ends it', async () => {
    const hub = fakeHub();
    const session = createSessionStore({ fetch: hub.fetch });
    await session.restore();
    expect(session.screen.value).to.equal('login');
    expect(session.notice.value, 'no session yet is not an expired one').to.equal(null);
    expect(await session.login('anna', 'secret')).to.equal(null);
    expect(session.screen.value).to.equal('app');
    expect(session.isAdmin.value).to.equal(false);
    expect((await session.api.get('/api/reports/monthly?year=2026')).ok).to.equal(true);
    expect(hub.sentHeaders.map((h) => h.get('authorization')), 'no Bearer header: the cookie is the session').to.deep.equal(hub.sentHeaders.map(() => null));
    expect(Object.keys(session), 'the store holds no token').to.not.include('token');
    expect([...storages.localStorage.items, ...storages.sessionStorage.items], 'nothing in Web Storage').to.deep.equal([]);
    await session.logout();
    expect(session.screen.value).to.equal('login');
    expect(session.notice.value).to.equal('logged-out');
    expect(hub.sessions.size, 'the hub ended the session').to.equal(0);
    expect(hub.browser.cookie).to.equal(null);
  });

  it('an admin gets the administration', async () => {
    const session = createSessionStore({ fetch: fakeHub().fetch });
    await session.login('ada', 'secret');
    expect(session.isAdmin.value).to.equal(true);
  });

  it('refuses a clerk: the session is ended on the hub too and the login form says why', async () => {
    const hub = fakeHub();
    const session = createSessionStore({ fetch: hub.fetch });
    const refused = await session.login('carlo', 'secret');
    expect(refused?.code).to.equal('forbidden');
    expect(session.screen.value).to.equal('login');
    expect(session.notice.value).to.equal('not-allowed');
    expect(hub.sessions.size).to.equal(0);
    expect(hub.requests).to.deep.equal(['POST /api/auth/login', 'POST /api/auth/logout']);
  });

  it('says a wrong password is wrong and stays on the login', async () => {
    const session = createSessionStore({ fetch: fakeHub().fetch });
    await session.restore();
    expect((await session.login('anna', 'nope'))?.code).to.equal('unauthorized');
    expect(session.screen.value).to.equal('login');
    expect(session.notice.value).to.equal(null);
  });

  it('after a reload asks the hub whose cookie it is, and a session that ends goes back to the login as expired', async () => {
    const hub = fakeHub();
    await createSessionStore({ fetch: hub.fetch }).login('anna', 'secret');
    const reloaded = createSessionStore({ fetch: hub.fetch });
    expect(reloaded.screen.value).to.equal('checking');
    await reloaded.restore();
    expect(reloaded.screen.value).to.equal('app');
    expect(reloaded.user.value?.username).to.equal('anna');

    hub.sessions.clear();
    const answer = await reloaded.api.get('/api/reports/monthly?year=2026');
    expect(answer.ok).to.equal(false);
    expect(reloaded.screen.value).to.equal('login');
    expect(reloaded.notice.value).to.equal('expired');
  });

  it('keeps asking an unreachable hub after a reload, and does not show the login meanwhile', async () => {
    const hub = fakeHub();
    let down = true;
    const session = createSessionStore({ fetch: (url, init) => (down ? Promise.reject(new TypeError('fetch failed')) : hub.fetch(url, init)), retryMs: 10 });
    await session.restore();
    expect(session.screen.value).to.equal('checking');
    down = false;
    await new Promise((r) => setTimeout(r, 50));
    expect(session.screen.value).to.equal('login');
  });

  it('an account lowered to clerk while logged in is sent back to the login at its next report', async () => {
    const hub = fakeHub();
    const session = createSessionStore({ fetch: hub.fetch });
    await session.login('anna', 'secret');
    hub.roles.anna = 'clerk';
    const answer = await session.api.get('/api/reports/monthly?year=2026');
    expect(!answer.ok && answer.error.code).to.equal('forbidden');
    await new Promise((r) => setTimeout(r, 10));
    expect(session.screen.value).to.equal('login');
    expect(session.notice.value).to.equal('not-allowed');
  });
});

describe('manager api helper', () => {
  it('sends PATCH and PUT with JSON, the cookie of its own origin and no Bearer token', async () => {
    const seen: { method?: string; body?: string; auth?: string | null; type?: string | null; credentials?: string }[] = [];
    const api = createApi({
      signedIn: () => true,
      fetch: async (_url, init) => {
        const headers = new Headers(init?.headers);
        seen.push({ method: init?.method, body: String(init?.body), auth: headers.get('authorization'), type: headers.get('content-type'), credentials: init?.credentials });
        return json(200, { office: { name: 'x' } });
      },
    });
    expect(await api.patch('/api/admin/office', { name: 'x' })).to.deep.equal({ ok: true, data: { office: { name: 'x' } } });
    await api.put('/api/admin/office', { name: 'y' });
    expect(seen).to.deep.equal([
      { method: 'PATCH', body: '{"name":"x"}', auth: null, type: 'application/json', credentials: 'same-origin' },
      { method: 'PUT', body: '{"name":"y"}', auth: null, type: 'application/json', credentials: 'same-origin' },
    ]);
  });

  it('downloads a file with the name from Content-Disposition', async () => {
    const api = createApi({
      signedIn: () => true,
      fetch: async () => json(200, 'month,issued\r\n2026-01,3\r\n', { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="accessi-2026.csv"' }),
    });
    const answer = await api.download('/api/reports/monthly?year=2026&format=csv', 'fallback.csv');
    expect(answer.ok).to.equal(true);
    if (!answer.ok) return;
    expect(answer.data.filename).to.equal('accessi-2026.csv');
    expect(await answer.data.blob.text()).to.equal('month,issued\r\n2026-01,3\r\n');
  });

  it('turns a refused download into the hub error, and no answer into unreachable', async () => {
    const refused = createApi({ signedIn: () => false, fetch: async () => error(400, 'validation-failed', 'from: YYYY-MM-DD') });
    expect(await refused.download('/x', 'x.csv')).to.deep.equal({ ok: false, error: { code: 'validation-failed', message: 'from: YYYY-MM-DD' } });
    const down = createApi({ signedIn: () => false, fetch: async () => Promise.reject(new TypeError('fetch failed')) });
    expect((await down.get('/x')).ok).to.equal(false);
    expect(await down.get('/x')).to.deep.include({ ok: false });
    const gateway = createApi({ signedIn: () => false, fetch: async () => json(502, '<html>bad gateway</html>') });
    const answer = await gateway.get('/x');
    expect(!answer.ok && answer.error.code).to.equal('unreachable');
  });

  it('reads file names from every Content-Disposition form', () => {
    expect(filenameOf('attachment; filename="tempi.xlsx"', 'f')).to.equal('tempi.xlsx');
    expect(filenameOf('attachment; filename=tempi.csv', 'f')).to.equal('tempi.csv');
    expect(filenameOf(`attachment; filename="a.csv"; filename*=UTF-8''accessi%20gen.csv`, 'f')).to.equal('accessi gen.csv');
    expect(filenameOf(null, 'office.json')).to.equal('office.json');
    expect(filenameOf('attachment', 'x.csv')).to.equal('x.csv');
  });
});
