import type { ApiError } from '../../protocol/errors.ts';
import { isPgFailure, pgBusy, pgDiskFull, pgFailsEveryWrite } from './pg/pgErrors.ts';

/** The two ways a write to the database fails, as a client hears of them. */
export type StorageErrorCode = Extract<ApiError['code'], 'storage-full' | 'storage-failed' | 'office-moved'>;

/**
 * A batch refused because this hub node no longer owns its office: another node took it over (its epoch went up,
 * see server/cluster/fence.ts). Nothing of the batch was written.
 */
export class FencedOut extends Error {
  readonly code = 'FENCED_OUT';
  constructor(officeId: string) {
    super(`another hub node took the office "${officeId}" over: this node's write was refused`);
  }
}

export interface StorageError extends ApiError {
  code: StorageErrorCode;
}

/** SQLite's result code, as `sqlite3` puts it on its errors (`SQLITE_FULL`, `SQLITE_BUSY`…). */
function sqliteCode(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : '';
}

/**
 * What to tell a client whose change a failed database write held: a full disk (SQLITE_FULL, also what
 * SQLite answers when the database reaches its `max_page_count`) is `storage-full`, for the staff to act
 * on; another connection holding the write lock past the busy timeout (SQLITE_BUSY, SQLITE_LOCKED) is
 * `storage-failed` and worth a retry; anything else is `storage-failed` too. Never leaks SQLite's text.
 */
export function storageError(err: unknown): StorageError {
  if (err instanceof FencedOut) return { code: 'office-moved', message: 'Another hub node took this office over: nothing was changed. Try again.' };
  // PostgreSQL's (DATABASE_URL) in the same words: a full disk, another transaction in the way, or else.
  const code = pgDiskFull(err) ? 'SQLITE_FULL' : pgBusy(err) ? 'SQLITE_BUSY' : sqliteCode(err);
  switch (code) {
    case 'SQLITE_FULL':
      return {
        code: 'storage-full',
        message: "The hub's disk is full: no new tickets can be issued and no change can be saved until space is freed. Please ask the staff.",
      };
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return { code: 'storage-failed', message: 'The database is busy (another program is writing to it): nothing was changed. Try again in a moment.' };
    default:
      return { code: 'storage-failed', message: 'The change could not be saved: nothing was changed. Try again.' };
  }
}

/** SQLite's codes for a database that cannot take any write now, whatever is written. */
const databaseWideFailures = new Set([
  'SQLITE_FULL', 'SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_IOERR', 'SQLITE_READONLY', 'SQLITE_CORRUPT', 'SQLITE_NOTADB',
  'SQLITE_CANTOPEN', 'SQLITE_NOMEM', 'SQLITE_PERM', 'SQLITE_PROTOCOL', 'SQLITE_INTERRUPT', 'SQLITE_MISUSE',
]);

/**
 * Whether a failed write says the database as a whole cannot take writes now (a full disk, a lock held by
 * another program, an I/O or permission failure, a damaged or closed file), rather than refusing this
 * write's rows (a constraint). Writing the same commands again one by one would then only fail again, slower.
 */
export function failsEveryWrite(err: unknown): boolean {
  return err instanceof FencedOut || databaseWideFailures.has(sqliteCode(err)) || pgFailsEveryWrite(err);
}

/**
 * Whether `err` is SQLite's: a read or a write the database refused (`sqlite3` sets `code` to `SQLITE_…`).
 * The REST error handler and the socket handlers answer these through `storageError`, whichever store
 * (or the committer) met it, so that a full disk or a locked file is never a 500 `internal`.
 */
export function isStorageFailure(err: unknown): boolean {
  return sqliteCode(err).startsWith('SQLITE_') || isPgFailure(err);
}
