import type { CallbackOutcome, PreferredTime } from '../../protocol/appointments.ts';
import type { Database } from './db.ts';

export interface CallbackRow {
  id: number;
  service_id: string;
  phone: string | null;
  preferred_time: PreferredTime;
  note: string | null;
  source: 'desk' | 'kiosk';
  source_id: string | null;
  created_at: number;
  status: 'open' | 'closed';
  outcome: CallbackOutcome | null;
  closed_at: number | null;
  closed_by_desk_id: string | null;
}

export interface CallbackAttemptRow {
  id: number;
  callback_id: number;
  at: number;
  outcome: CallbackOutcome;
  username: string;
  desk_id: string;
}

export interface NewAttempt {
  outcome: CallbackOutcome;
  username: string;
  deskId: string;
  at: number;
  /** The office's policy.callbackAttempts: a no-answer attempt that reaches it closes the call-back. */
  maxAttempts: number;
}

export interface NewCallback {
  serviceId: string;
  phone: string;
  preferredTime: PreferredTime;
  note: string | null;
  source: 'desk' | 'kiosk';
  sourceId: string | null;
  createdAt: number;
}

/** Call-back requests in SQLite. */
export class CallbackStore {
  constructor(private readonly db: Database) {}

  async create(c: NewCallback): Promise<CallbackRow> {
    return (await this.db.transaction((tx) =>
      tx.get<CallbackRow>(
        'INSERT INTO callbacks (service_id, phone, preferred_time, note, source, source_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *',
        [c.serviceId, c.phone, c.preferredTime, c.note, c.source, c.sourceId, c.createdAt],
      ),
    ))!;
  }

  find(id: number): Promise<CallbackRow | undefined> {
    return this.db.get<CallbackRow>('SELECT * FROM callbacks WHERE id = ?', [id]);
  }

  /**
   * Open ones in the order to work through them: never tried first (oldest first), then those whose last
   * try is longest ago; closed ones newest first, the last 200.
   */
  list(status: 'open' | 'closed'): Promise<CallbackRow[]> {
    return status === 'open'
      ? this.db.all<CallbackRow>(
          `SELECT c.* FROM callbacks c LEFT JOIN (SELECT callback_id, MAX(at) AS last_at FROM callback_attempts GROUP BY callback_id) a ON a.callback_id = c.id
           WHERE c.status = 'open' ORDER BY a.last_at IS NOT NULL, a.last_at, c.created_at, c.id`,
        )
      : this.db.all<CallbackRow>("SELECT * FROM callbacks WHERE status = 'closed' ORDER BY closed_at DESC, id DESC LIMIT 200");
  }

  async countOpen(): Promise<number> {
    return (await this.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM callbacks WHERE status = 'open'"))?.n ?? 0;
  }

  /** The attempts of some call-backs, oldest first, per call-back id. */
  async attemptsOf(ids: readonly number[]): Promise<Map<number, CallbackAttemptRow[]>> {
    const byId = new Map<number, CallbackAttemptRow[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return byId;
    const rows: CallbackAttemptRow[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const some = ids.slice(i, i + 500);
      rows.push(
        ...(await this.db.all<CallbackAttemptRow>(
          `SELECT * FROM callback_attempts WHERE callback_id IN (${some.map(() => '?').join(', ')}) ORDER BY at, id`,
          some,
        )),
      );
    }
    for (const r of rows) byId.get(r.callback_id)?.push(r);
    return byId;
  }

  /**
   * Records one try at an open call-back, in one transaction: any outcome but "no-answer" closes it, and so
   * does a "no-answer" that reaches `maxAttempts` tries. Undefined when it was not open (closed meanwhile).
   */
  attempt(id: number, a: NewAttempt): Promise<{ closed: boolean } | undefined> {
    return this.db.transaction(async (tx) => {
      const row = await tx.get<{ status: string; tries: number }>(
        'SELECT status, (SELECT COUNT(*) FROM callback_attempts WHERE callback_id = callbacks.id) AS tries FROM callbacks WHERE id = ?',
        [id],
      );
      if (!row || row.status !== 'open') return undefined;
      await tx.run('INSERT INTO callback_attempts (callback_id, at, outcome, username, desk_id) VALUES (?, ?, ?, ?, ?)', [id, a.at, a.outcome, a.username, a.deskId]);
      const closed = a.outcome !== 'no-answer' || row.tries + 1 >= a.maxAttempts;
      if (closed) {
        await tx.run("UPDATE callbacks SET status = 'closed', outcome = ?, closed_at = ?, closed_by_desk_id = ? WHERE id = ? AND status = 'open'", [a.outcome, a.at, a.deskId, id]);
      }
      return { closed };
    });
  }

  /** Deletes the phone numbers of call-backs closed (or, if never closed, made) before `before`. Returns how many. */
  async forgetContactsBefore(before: number, now: number): Promise<number> {
    const { changes } = await this.db.run(
      'UPDATE callbacks SET phone = NULL, note = NULL, contact_deleted_at = ? WHERE COALESCE(closed_at, created_at) < ? AND contact_deleted_at IS NULL',
      [now, before],
    );
    return changes;
  }
}
