import type { Role, UserView } from '../../protocol/views.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import type { Database } from './db.ts';

interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  role: Role;
  disabled: number;
}

export interface UserWithHash extends UserView {
  passwordHash: string;
}

/** Staff accounts and their login sessions. Only a hash of a session token is stored. */
export class AuthStore {
  constructor(private readonly db: Database) {}

  async countUsers(): Promise<number> {
    return (await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM users'))?.n ?? 0;
  }

  async createUser(username: string, passwordHash: string, role: Role, now: number): Promise<number> {
    const r = await this.db.transaction((tx) =>
      tx.get<{ id: number }>('INSERT INTO users (username, password_hash, role, created_at) VALUES (?, ?, ?, ?) RETURNING id', [
        username, passwordHash, role, now,
      ]),
    );
    return r!.id;
  }

  async listUsers(): Promise<(UserView & { disabled: boolean })[]> {
    const rows = await this.db.all<UserRow>('SELECT * FROM users ORDER BY username');
    return rows.map((r) => ({ id: r.id, username: r.username, role: r.role, disabled: r.disabled === 1 }));
  }

  /** Sets a user's password, role or disabled flag; disabling or a new password ends the user's sessions. Returns false for an unknown user. */
  async updateUser(username: string, change: { passwordHash?: string; role?: Role; disabled?: boolean }): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const row = await tx.get<UserRow>('SELECT * FROM users WHERE username = ?', [username]);
      if (!row) return false;
      await tx.run('UPDATE users SET password_hash = ?, role = ?, disabled = ? WHERE id = ?', [
        change.passwordHash ?? row.password_hash, change.role ?? row.role, change.disabled === undefined ? row.disabled : Number(change.disabled), row.id,
      ]);
      if (change.passwordHash !== undefined || change.disabled === true) await tx.run('DELETE FROM sessions WHERE user_id = ?', [row.id]);
      return true;
    });
  }

  /** Stores a new hash of the same password (a higher cost), unless the password was changed meanwhile. */
  async replaceHash(userId: number, old: string, fresh: string): Promise<void> {
    await this.db.run('UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?', [fresh, userId, old]);
  }

  async findUser(username: string): Promise<UserWithHash | undefined> {
    const row = await this.db.get<UserRow>('SELECT * FROM users WHERE username = ? AND disabled = 0', [username]);
    return row && { id: row.id, username: row.username, role: row.role, passwordHash: row.password_hash };
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
  async sessionForToken(token: string, now: number): Promise<{ user: UserView; expiresAt: number } | undefined> {
    const row = await this.db.get<UserRow & { expires_at: number }>(
      `SELECT u.*, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0`,
      [hashToken(token), now],
    );
    return row && { user: { id: row.id, username: row.username, role: row.role }, expiresAt: row.expires_at };
  }

  async deleteSession(token: string): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE token_hash = ?', [hashToken(token)]);
  }

  async deleteExpiredSessions(now: number): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE expires_at <= ?', [now]);
  }
}
