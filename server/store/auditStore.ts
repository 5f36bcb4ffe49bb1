import { diffConfig } from '../../protocol/configDiff.ts';
import type { AuditEntry } from '../../protocol/reports.ts';
import type { Database } from './db.ts';

interface AuditRow {
  id: number;
  at: number;
  actor: string;
  action: string;
  target: string;
  detail: string | null;
}

/** The actor of a change made on the hub's machine with `npm run users` or `npm run office` (the manager shows "riga di comando"). */
export const cliActor = 'cli';

/** Who changed what in the office's administration (append-only). */
export class AuditStore {
  constructor(private readonly db: Database) {}

  async record(at: number, actor: string, action: string, target: string, detail?: unknown): Promise<void> {
    await this.db.run('INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)', [
      at, actor, action, target, detail === undefined ? null : JSON.stringify(detail),
    ]);
  }

  /**
   * Makes a change and its entry in one transaction, so that both are saved or neither (a full disk, a
   * locked database). `change` writes through `tx`, e.g. `(tx) => new DeviceStore(tx).remove(id)`; do slow
   * work (hashing a password) before, not inside: the writer waits meanwhile.
   */
  recording<T>(entry: { at: number; actor: string; action: string; target: string; detail?: unknown }, change: (tx: Database) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      const result = await change(tx);
      await new AuditStore(tx).record(entry.at, entry.actor, entry.action, entry.target, entry.detail);
      return result;
    });
  }

  /** Newest first; `before` pages back from an entry id. */
  async list(limit: number, before?: number): Promise<AuditEntry[]> {
    const rows = await this.db.all<AuditRow>(
      `SELECT * FROM audit_log ${before === undefined ? '' : 'WHERE id < ?'} ORDER BY id DESC LIMIT ?`,
      before === undefined ? [limit] : [before, limit],
    );
    return rows.map((r) => ({ id: r.id, at: new Date(r.at).toISOString(), actor: r.actor, action: r.action, target: r.target, detail: readable(r.detail === null ? null : JSON.parse(r.detail)) }));
  }
}

/** An office change recorded before the log kept differences (`{ before, after }` sections) reads as one too. */
function readable(detail: unknown): unknown {
  if (typeof detail !== 'object' || detail === null || !('before' in detail) || !('after' in detail) || 'changes' in detail) return detail;
  const { before, after, ...rest } = detail;
  return { ...rest, ...diffConfig(before, after) };
}
