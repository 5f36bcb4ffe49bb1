import type { Role, UserView } from '../../protocol/views.ts';
import type { AuthStore } from '../store/authStore.ts';
import type { DeviceStore } from '../store/deviceStore.ts';
import { anonymous, type Caller } from './access.ts';
import { deviceTokenPrefix } from './tokens.ts';
import type { Logger } from '../logger.ts';
import { generatePassword, hashPassword, verifyPassword } from './passwords.ts';

export interface Session {
  token: string;
  expiresAt: number;
  user: UserView;
}

// Verified when a username is unknown, so a wrong name takes as long as a wrong password.
const dummyHash = hashPassword('not-a-real-password');

export class Auth {
  constructor(
    private readonly store: AuthStore,
    private readonly devices: DeviceStore,
    private readonly clock: () => number,
    private readonly sessionMs: number,
  ) {}

  async login(username: string, password: string): Promise<Session | undefined> {
    const user = await this.store.findUser(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
    if (!user || !ok) return undefined;
    const { token, expiresAt } = await this.store.createSession(user.id, this.clock(), this.sessionMs);
    return { token, expiresAt, user: { id: user.id, username: user.username, role: user.role } };
  }

  authenticate(token: string): Promise<UserView | undefined> {
    return this.store.userForToken(token, this.clock());
  }

  /** Who holds `token`: a staff session, a paired device, or nobody (no token, expired, revoked, unpaired). */
  async identify(token: string | undefined): Promise<Caller> {
    if (!token || token.length > 256) return anonymous;
    if (token.startsWith(deviceTokenPrefix)) {
      const device = await this.devices.forToken(token);
      return device ? { kind: 'device', device, token } : anonymous;
    }
    const user = await this.authenticate(token);
    return user ? { kind: 'staff', user, token } : anonymous;
  }

  logout(token: string): Promise<void> {
    return this.store.deleteSession(token);
  }

  /** A new staff account; throws if the username is taken. */
  async createUser(username: string, password: string, role: Role): Promise<UserView> {
    const id = await this.store.createUser(username, await hashPassword(password), role, this.clock());
    return { id, username, role };
  }

  /** On an empty database, creates `admin` with the given password, or a generated one shown once. */
  async ensureAdmin(password: string | undefined, log: Logger): Promise<void> {
    if ((await this.store.countUsers()) > 0) return;
    const chosen = password ?? generatePassword();
    await this.store.createUser('admin', await hashPassword(chosen), 'admin', this.clock());
    if (password) log.info('created the first user "admin" with the password from ADMIN_PASSWORD');
    else log.warn(`created the first user "admin" with the password ${chosen} — write it down, it is shown only once`);
  }
}
