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
    const { lastID } = await this.db.run(
      'INSERT INTO callbacks (service_id, phone, preferred_time, note, source, source_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [c.serviceId, c.phone, c.preferredTime, c.note, c.source, c.sourceId, c.createdAt],
    );
    return (await this.find(lastID))!;
  }

  find(id: number): Promise<CallbackRow | undefined> {
    return this.db.get<CallbackRow>('SELECT * FROM callbacks WHERE id = ?', [id]);
  }

  /** Open ones oldest first (the order to work through them); closed ones newest first, the last 200. */
  list(status: 'open' | 'closed'): Promise<CallbackRow[]> {
    return status === 'open'
      ? this.db.all<CallbackRow>("SELECT * FROM callbacks WHERE status = 'open' ORDER BY created_at, id")
      : this.db.all<CallbackRow>("SELECT * FROM callbacks WHERE status = 'closed' ORDER BY closed_at DESC, id DESC LIMIT 200");
  }

  async countOpen(): Promise<number> {
    return (await this.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM callbacks WHERE status = 'open'"))?.n ?? 0;
  }

  /** Closes an open call-back; false when it was not open (already closed by someone else). */
  async close(id: number, outcome: CallbackOutcome, deskId: string, now: number): Promise<boolean> {
    const { changes } = await this.db.run(
      "UPDATE callbacks SET status = 'closed', outcome = ?, closed_at = ?, closed_by_desk_id = ? WHERE id = ? AND status = 'open'",
      [outcome, now, deskId, id],
    );
    return changes === 1;
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
