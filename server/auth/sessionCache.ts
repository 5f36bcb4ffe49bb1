import { createHash } from 'node:crypto';
import type { UserView } from '../../protocol/views.ts';

/** What one node of a cluster tells the others to forget (server/cluster/): never a token itself, only its hash. */
export type Forget = { tokenHash: string } | { userId: number } | { deviceId: number };

/** The hash by which a token is forgotten on the other nodes of a cluster. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The staff sessions the hub has looked up lately, by token, so that a request does not ask the database
 * who holds its token each time (a query per request was a third of a bare `GET /api/health`; see
 * docs/performance.md). Only found sessions are kept (a random token costs a query, never memory), each
 * until its session expires or `maxAgeMs` after it was read, whichever is first.
 *
 * Exact for what the hub does itself: `Auth` forgets a token at logout, and the admin routes forget a user at
 * any change of the account (password, role, disabled), at once. What another process writes into the
 * database (the `npm run users` command line) is seen within `maxAgeMs`, as open sockets see it within a minute.
 */
export class SessionCache {
  private readonly byToken = new Map<string, { user: UserView; expiresAt: number; readAt: number }>();

  constructor(
    private readonly maxAgeMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(token: string, now: number): UserView | undefined {
    const entry = this.byToken.get(token);
    if (!entry) return undefined;
    if (now >= entry.expiresAt || now - entry.readAt >= this.maxAgeMs || now < entry.readAt) {
      this.byToken.delete(token);
      return undefined;
    }
    return entry.user;
  }

  set(token: string, user: UserView, expiresAt: number, now: number): void {
    if (this.byToken.size >= this.maxEntries && !this.byToken.has(token)) this.byToken.delete(this.byToken.keys().next().value!);
    this.byToken.set(token, { user, expiresAt, readAt: now });
  }

  forgetToken(token: string): void {
    this.byToken.delete(token);
  }

  forgetTokenHash(hash: string): void {
    for (const token of this.byToken.keys()) if (tokenHash(token) === hash) this.byToken.delete(token);
  }

  /** Every cached session of the user (a password change, a new role, disabled). */
  forgetUser(userId: number): void {
    for (const [token, entry] of this.byToken) if (entry.user.id === userId) this.byToken.delete(token);
  }

  clear(): void {
    this.byToken.clear();
  }

  get size(): number {
    return this.byToken.size;
  }
}

/**
 * The session caches of every office's `Auth` (a session is the whole hub's, its role is per office): a logout or
 * an account change forgets it in all of them at once.
 */
export class SessionCaches {
  private readonly caches = new Set<SessionCache>();
  /** Counts forgets, so that a lookup that overlapped one does not cache what it read. */
  forgotten = 0;
  /** Hears every forget decided in this process: a cluster node tells the other nodes (server/cluster/). */
  relay: ((forget: Forget) => void) | undefined;

  /** A cache of one office's sessions, forgotten with the others. */
  add(): SessionCache {
    const cache = new SessionCache();
    this.caches.add(cache);
    return cache;
  }

  forgetToken(token: string): void {
    this.forgotten++;
    for (const cache of this.caches) cache.forgetToken(token);
    this.relay?.({ tokenHash: tokenHash(token) });
  }

  forgetUser(userId: number, relayed = false): void {
    this.forgotten++;
    for (const cache of this.caches) cache.forgetUser(userId);
    if (!relayed) this.relay?.({ userId });
  }

  /** What another node of the cluster forgot. */
  forgetRelayed(forget: Forget): void {
    this.forgotten++;
    if ('tokenHash' in forget) for (const cache of this.caches) cache.forgetTokenHash(forget.tokenHash);
    if ('userId' in forget) for (const cache of this.caches) cache.forgetUser(forget.userId);
  }
}
