import { expect } from 'chai';
import { SessionCache } from '../../server/auth/sessionCache.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

/** The REST path's session cache (server/auth/sessionCache.ts): one database read per token, and revocation still at once. */

describe('session cache', () => {
  describe('SessionCache', () => {
    const user = { id: 7, username: 'carlo', role: 'clerk' as const };

    it('keeps a session until it expires or maxAgeMs after it was read, whichever is first', () => {
      const cache = new SessionCache(5_000);
      cache.set('t1', user, 10_000, 0);
      expect(cache.get('t1', 4_999)).to.deep.equal(user);
      expect(cache.get('t1', 5_000)).to.equal(undefined);
      cache.set('t2', user, 3_000, 1_000);
      expect(cache.get('t2', 2_999)).to.deep.equal(user);
      expect(cache.get('t2', 3_000)).to.equal(undefined);
    });

    it('forgets a token, and every token of a user', () => {
      const cache = new SessionCache(5_000);
      cache.set('a', user, 10_000, 0);
      cache.set('b', user, 10_000, 0);
      cache.set('c', { ...user, id: 8 }, 10_000, 0);
      cache.forgetToken('a');
      expect(cache.get('a', 1)).to.equal(undefined);
      cache.forgetUser(7);
      expect(cache.get('b', 1)).to.equal(undefined);
      expect(cache.get('c', 1)?.id).to.equal(8);
    });

    it('holds at most maxEntries sessions, dropping the oldest', () => {
      const cache = new SessionCache(5_000, 3);
      for (const t of ['a', 'b', 'c', 'd']) cache.set(t, user, 10_000, 0);
      expect(cache.size).to.equal(3);
      expect(cache.get('a', 1)).to.equal(undefined);
      expect(cache.get('d', 1)).to.deep.equal(user);
    });
  });

  describe('on the hub', () => {
    let hub: TestHub;
    let admin: string;
    let reads: number;

    beforeEach(async () => {
      hub = await startTestHub();
      admin = await hub.login();
      reads = 0;
      const store = hub.hub.ctx.users;
      const read = store.sessionForToken.bind(store);
      store.sessionForToken = (token: string, now: number) => {
        reads++;
        return read(token, now);
      };
    });
    afterEach(() => hub.close());

    const me = (token: string) => hub.request('GET', '/api/auth/me', undefined, token);

    /** A clerk whose session the cache holds (its first request read the database, the next ones did not). */
    async function cachedClerk(username: string): Promise<string> {
      const token = await hub.loginAs(username, 'clerk');
      const before = reads;
      for (let i = 0; i < 5; i++) expect((await me(token)).status).to.equal(200);
      expect(reads - before, 'one database read for five requests').to.equal(1);
      return token;
    }

    it('logout ends the session at once', async () => {
      const token = await cachedClerk('carlo');
      expect((await hub.request('POST', '/api/auth/logout', undefined, token)).status).to.equal(204);
      expect((await me(token)).status).to.equal(401);
    });

    it('a new password ends the account\'s sessions at once; other accounts keep theirs', async () => {
      const carlo = await cachedClerk('carlo');
      const anna = await cachedClerk('anna');
      expect((await hub.request('PATCH', '/api/admin/users/carlo', { password: 'una-nuova-password' }, admin)).status).to.equal(200);
      expect((await me(carlo)).status).to.equal(401);
      expect((await me(anna)).status).to.equal(200);
    });

    it('disabling an account ends its sessions at once', async () => {
      const carlo = await cachedClerk('carlo');
      expect((await hub.request('PATCH', '/api/admin/users/carlo', { disabled: true }, admin)).status).to.equal(200);
      expect((await me(carlo)).status).to.equal(401);
    });

    it('a new role is the one of the next request', async () => {
      const token = await hub.loginAs('bea', 'manager');
      expect((await hub.request('GET', '/api/reports/live', undefined, token)).status).to.equal(200);
      expect((await hub.request('GET', '/api/reports/live', undefined, token)).status).to.equal(200);
      expect((await hub.request('PATCH', '/api/admin/users/bea', { role: 'clerk' }, admin)).status).to.equal(200);
      expect((await hub.request('GET', '/api/reports/live', undefined, token)).status).to.equal(403);
      expect((await me(token)).body.user.role).to.equal('clerk');
    });
  });
});
