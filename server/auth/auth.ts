import type { Role, UserView } from '../../protocol/views.ts';
import type { AuthStore } from '../store/authStore.ts';
import type { DeviceStore } from '../store/deviceStore.ts';
import type { DeviceIdentity } from '../../protocol/devices.ts';
import { anonymous, type Caller } from './access.ts';
import { deviceTokenPrefix } from './tokens.ts';
import type { Logger } from '../logger.ts';
import { defaultScryptCost, generatePassword, hashPassword, needsRehash, verifyPassword, type ScryptCost } from './passwords.ts';
import { FairQueue, QueueFull } from './fairQueue.ts';
import { SessionCache, SessionCaches } from './sessionCache.ts';
import { DeviceTokenCache } from './deviceTokenCache.ts';

export interface Session {
  token: string;
  expiresAt: number;
  user: UserView;
}

/** A login's outcome: a session, a wrong username or password, too many logins waiting from the address, or a right password of an account with no role in this office. */
export type LoginResult = { ok: true; session: Session } | { ok: false; why: 'wrong' | 'busy' | 'no-role' };

export interface PasswordOptions {
  /** scrypt parameters of new hashes; older hashes are replaced at their next login. OWASP's by default; tests lower them. */
  cost?: ScryptCost;
  /** Password checks waiting from one address beyond this make its next login `busy`. */
  maxWaitingPerAddress?: number;
  log?: Logger;
  /** Another office's queue of password checks, to share: one scrypt at a time in the whole hub. */
  hashing?: FairQueue;
  /** The other offices' session caches, to forget in together. */
  sessionCaches?: SessionCaches;
}

export class Auth {
  private readonly cost: ScryptCost;
  /**
   * One scrypt at a time: each takes about 128 MiB and one core for a few hundred ms, and the other core is
   * the queue's. Waiting checks take turns by address, so one address's flood delays only itself.
   */
  readonly hashing: FairQueue;
  /** Verified when a username is unknown, so a wrong name takes as long as a wrong password. */
  private dummyHash: Promise<string> | undefined;
  /** Users whose old-cost hash is being replaced now, with the work (awaited by `idle`). */
  private readonly rehashing = new Map<number, Promise<void>>();
  private readonly log: Logger | undefined;
  /** Sessions looked up lately (see sessionCache.ts): dropped at logout and at any account change (`forgetUser`), in every office. */
  private readonly sessions: SessionCache;
  /** Every office's caches, forgotten together. */
  readonly sessionCaches: SessionCaches;
  /** This office's devices looked up lately: forgotten at pairing, unpairing and deletion (`forgetDevice`). */
  private readonly devicesByToken = new DeviceTokenCache();

  constructor(
    private readonly store: AuthStore,
    private readonly devices: DeviceStore,
    private readonly clock: () => number,
    private readonly sessionMs: number,
    options: PasswordOptions = {},
  ) {
    this.cost = options.cost ?? defaultScryptCost;
    this.hashing = options.hashing ?? new FairQueue(1, options.maxWaitingPerAddress ?? 64);
    this.sessionCaches = options.sessionCaches ?? new SessionCaches();
    this.sessions = this.sessionCaches.add();
    this.log = options.log;
  }

  /** Checks a password; `address` is the client's, so waiting checks take turns by address. */
  async login(username: string, password: string, address = ''): Promise<LoginResult> {
    const user = await this.store.findUser(username);
    // The dummy hash is made once, in the queue's slot like any other scrypt.
    const stored = async () => user?.passwordHash ?? (await (this.dummyHash ??= hashPassword('not-a-real-password', this.cost)));
    let ok: boolean;
    try {
      ok = await this.hashing.run(`login ${address}`, async () => verifyPassword(password, await stored()));
    } catch (err) {
      if (err instanceof QueueFull) return { ok: false, why: 'busy' };
      throw err;
    }
    if (!user || !ok) return { ok: false, why: 'wrong' };
    if (needsRehash(user.passwordHash, this.cost)) this.rehash(user.id, user.passwordHash, password);
    const here = await this.store.userHere(user.id);
    if (!here) return { ok: false, why: 'no-role' };
    const { token, expiresAt } = await this.store.createSession(user.id, this.clock(), this.sessionMs);
    return { ok: true, session: { token, expiresAt, user: here } };
  }

  /** A new hash of `password` at the current cost (through the same one-at-a-time queue as logins). */
  hash(password: string): Promise<string> {
    return this.hashing.run('staff accounts', () => hashPassword(password, this.cost));
  }

  /** Replaces an old-cost hash after a successful login, in the background; a password changed meanwhile is kept. */
  private rehash(userId: number, old: string, password: string): void {
    if (this.rehashing.has(userId)) return;
    const work = this.hashing
      .run('rehash', () => hashPassword(password, this.cost))
      .then((fresh) => this.store.replaceHash(userId, old, fresh))
      .catch((err: unknown) => this.log?.warn({ err }, 'could not rehash a password at the new cost; the next login tries again'))
      .finally(() => this.rehashing.delete(userId));
    this.rehashing.set(userId, work);
  }

  /** Resolves when no rehash is under way (before closing the database). */
  async idle(): Promise<void> {
    while (this.rehashing.size > 0) await Promise.all(this.rehashing.values());
  }

  async authenticate(token: string): Promise<UserView | undefined> {
    const now = this.clock();
    const cached = this.sessions.get(token, now);
    if (cached) return cached;
    const forgotten = this.sessionCaches.forgotten;
    const found = await this.store.sessionForToken(token, now);
    if (!found) return undefined;
    // A logout or an account change while the database was read may have ended this session: not kept then.
    if (forgotten === this.sessionCaches.forgotten) this.sessions.set(token, found.user, found.expiresAt, now);
    return found.user;
  }

  /** Forgets the cached sessions of a user whose account changed (password, role, disabled): the next request reads the database. */
  forgetUser(userId: number): void {
    this.sessionCaches.forgetUser(userId);
  }

  private async device(token: string): Promise<DeviceIdentity | undefined> {
    const now = this.clock();
    const cached = this.devicesByToken.get(token, now);
    if (cached) return cached;
    const forgotten = this.devicesByToken.forgotten;
    const device = await this.devices.forToken(token);
    // A device paired again, unpaired or deleted while the database was read: not kept then.
    if (device && forgotten === this.devicesByToken.forgotten) this.devicesByToken.set(token, device, now);
    return device;
  }

  /** Forgets a device's cached token after it was paired again, unpaired or deleted: its next request reads the database. */
  forgetDevice(deviceId: number, relayed = false): void {
    this.devicesByToken.forgetDevice(deviceId);
    if (!relayed) this.sessionCaches.relay?.({ deviceId });
  }

  /**
   * `identify`'s answer when it needs no database read (no token, or a token looked up lately), else undefined:
   * a request that is answered from the caches goes on without waiting for a promise.
   */
  identifyKnown(token: string | undefined): Caller | undefined {
    if (!token || token.length > 256) return anonymous;
    const now = this.clock();
    if (token.startsWith(deviceTokenPrefix)) {
      const device = this.devicesByToken.get(token, now);
      return device && { kind: 'device', device, token };
    }
    const user = this.sessions.get(token, now);
    return user && { kind: 'staff', user, token };
  }

  /** Who holds `token`: a staff session, a paired device, or nobody (no token, expired, revoked, unpaired). */
  async identify(token: string | undefined): Promise<Caller> {
    if (!token || token.length > 256) return anonymous;
    if (token.startsWith(deviceTokenPrefix)) {
      const device = await this.device(token);
      return device ? { kind: 'device', device, token } : anonymous;
    }
    const user = await this.authenticate(token);
    return user ? { kind: 'staff', user, token } : anonymous;
  }

  async logout(token: string): Promise<void> {
    this.sessionCaches.forgetToken(token);
    try {
      await this.store.deleteSession(token);
    } finally {
      this.sessionCaches.forgetToken(token);
    }
  }

  /** A new staff account; throws if the username is taken. */
  async createUser(username: string, password: string, role: Role): Promise<UserView> {
    const id = await this.store.createUser(username, await this.hash(password), role, this.clock());
    return { id, username, role };
  }

  /** On an empty database, creates `admin` with the given password, or a generated one shown once. */
  async ensureAdmin(password: string | undefined, log: Logger): Promise<void> {
    if ((await this.store.countUsers()) > 0) return;
    const chosen = password ?? generatePassword();
    // The first account is a network admin: an admin of this office and of every office added later.
    await this.store.createUser('admin', await this.hash(chosen), 'admin', this.clock(), true);
    if (password) log.info('created the first user "admin" with the password from ADMIN_PASSWORD');
    else log.warn(`created the first user "admin" with the password ${chosen} — write it down, it is shown only once`);
  }
}
