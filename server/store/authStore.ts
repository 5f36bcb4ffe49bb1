import type { StaffUser } from '../../protocol/admin.ts';
import type { Role, UserView } from '../../protocol/views.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import type { Database } from './db.ts';

interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  /** The role in this store's office; null: none there. */
  role: Role | null;
  network_admin: number;
  disabled: number;
}

export interface UserWithHash {
  id: number;
  username: string;
  passwordHash: string;
}

/** The key of the default office's roles in `office_roles` (see migration 0014): it keeps them whatever id the office is given. */
export const defaultOfficeKey = '';

/**
 * Staff accounts, their roles in one office, and their login sessions. Accounts and sessions belong to the
 * whole deployment (kept in the default office's database); roles are per office (`office_roles`), and a
 * network admin is an admin in every office. Only a hash of a session token is stored.
 */
export class AuthStore {
  constructor(
    private readonly db: Database,
    /** The office whose roles this store reads and writes: `defaultOfficeKey`, or another office's id. */
    readonly officeKey: string = defaultOfficeKey,
  ) {}

  /** The same store inside a transaction of its database. */
  on(tx: Database): AuthStore {
    return new AuthStore(tx, this.officeKey);
  }

  async countUsers(): Promise<number> {
    return (await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM users'))?.n ?? 0;
  }

  /** A new account with a role in this office (`networkAdmin`: an admin everywhere, who may create offices). */
  async createUser(username: string, passwordHash: string, role: Role, now: number, networkAdmin = false): Promise<number> {
    const r = await this.db.transaction(async (tx) => {
      const row = await tx.get<{ id: number }>('INSERT INTO users (username, password_hash, network_admin, created_at) VALUES (?, ?, ?, ?) RETURNING id', [
        username, passwordHash, Number(networkAdmin), now,
      ]);
      await tx.run('INSERT INTO office_roles (user_id, office_id, role) VALUES (?, ?, ?)', [row!.id, this.officeKey, role]);
      return row;
    });
    return r!.id;
  }

  /** The accounts with a role in this office, and the network admins. */
  async listUsers(): Promise<StaffUser[]> {
    const rows = await this.db.all<UserRow>(`SELECT * FROM (SELECT ${userColumns} FROM users u) AS x WHERE role IS NOT NULL OR network_admin = 1 ORDER BY username`, [this.officeKey]);
    return rows.map((r) => ({ ...userView(r), disabled: r.disabled === 1 }));
  }

  /** Whether an account of this name exists, whatever its offices (giving an account of another office a role here). */
  async accountExists(username: string): Promise<boolean> {
    return (await this.db.get('SELECT 1 AS x FROM users WHERE username = ?', [username])) !== undefined;
  }

  /**
   * Sets a user's password, role here or disabled flag; disabling or a new password ends the user's sessions
   * (in every office). Returns false for an unknown user.
   */
  async updateUser(username: string, change: { passwordHash?: string; role?: Role; disabled?: boolean }): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const row = await tx.get<UserRow>('SELECT * FROM users WHERE username = ?', [username]);
      if (!row) return false;
      await tx.run('UPDATE users SET password_hash = ?, disabled = ? WHERE id = ?', [
        change.passwordHash ?? row.password_hash, change.disabled === undefined ? row.disabled : Number(change.disabled), row.id,
      ]);
      if (change.role !== undefined) {
        await tx.run('INSERT INTO office_roles (user_id, office_id, role) VALUES (?, ?, ?) ON CONFLICT (user_id, office_id) DO UPDATE SET role = excluded.role', [
          row.id, this.officeKey, change.role,
        ]);
      }
      if (change.passwordHash !== undefined || change.disabled === true) await tx.run('DELETE FROM sessions WHERE user_id = ?', [row.id]);
      return true;
    });
  }

  /** Stores a new hash of the same password (a higher cost), unless the password was changed meanwhile. */
  async replaceHash(userId: number, old: string, fresh: string): Promise<void> {
    await this.db.run('UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?', [fresh, userId, old]);
  }

  /** An enabled account, for a login (its role here, if any, comes with its session). */
  async findUser(username: string): Promise<UserWithHash | undefined> {
    const row = await this.db.get<UserRow>('SELECT * FROM users WHERE username = ? AND disabled = 0', [username]);
    return row && { id: row.id, username: row.username, passwordHash: row.password_hash };
  }

  /** The user as this office sees them: undefined when they have no role here (and are no network admin). */
  async userHere(userId: number): Promise<UserView | undefined> {
    const row = await this.db.get<UserRow>(`SELECT ${userColumns} FROM users u WHERE u.id = ? AND u.disabled = 0`, [this.officeKey, userId]);
    return row && hasAccess(row) ? userView(row) : undefined;
  }

  async createSession(userId: number, now: number, lifetimeMs: number): Promise<{ token: string; expiresAt: number }> {
    const token = newToken();
    const expiresAt = now + lifetimeMs;
    await this.db.run('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [
      hashToken(token), userId, now, expiresAt,
    ]);
    return { token, expiresAt };
  }

  async userForToken(token: string, now: number): Promise<UserView | undefined> {
    return (await this.sessionForToken(token, now))?.user;
  }

  /** The user holding a live session token, and when that session expires. */
  /** The user holding a live session token, as this office sees them, and when that session expires; undefined too when they have no role here. */
  async sessionForToken(token: string, now: number): Promise<{ user: UserView; expiresAt: number } | undefined> {
    const row = await this.db.get<UserRow & { expires_at: number }>(
      `SELECT ${userColumns}, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0`,
      [this.officeKey, hashToken(token), now],
    );
    return row && hasAccess(row) ? { user: userView(row), expiresAt: row.expires_at } : undefined;
  }

  async deleteSession(token: string): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE token_hash = ?', [hashToken(token)]);
  }

  async deleteExpiredSessions(now: number): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE expires_at <= ?', [now]);
  }
}

/** The columns of a user with their role in one office (null: none); the office's key is its first parameter. */
const userColumns = `u.id, u.username, u.password_hash, u.network_admin, u.disabled,
  (SELECT r.role FROM office_roles r WHERE r.user_id = u.id AND r.office_id = ?) AS role`;

const hasAccess = (row: UserRow) => row.role !== null || row.network_admin === 1;

/** A network admin is an admin in every office, whatever role is kept for them here. */
function userView(row: UserRow): UserView {
  const networkAdmin = row.network_admin === 1;
  return { id: row.id, username: row.username, role: networkAdmin ? 'admin' : row.role!, ...(networkAdmin ? { networkAdmin } : {}) };
}
