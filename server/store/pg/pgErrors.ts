/**
 * PostgreSQL's failures in the terms of server/store/storageError.ts. node-postgres puts the SQLSTATE on
 * `code` (five characters: class and condition) of a server's error, and Node's code (ECONNREFUSED…) on a
 * failed connection; a connection that ends mid-query has neither, only its message.
 */
function codeOf(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : '';
}

const sqlState = (code: string) => /^[0-9A-Z]{5}$/.test(code);
const connectionCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'DATABASE_CLOSED']);
const lostConnection = (err: unknown) => err instanceof Error && /^Connection terminated/.test(err.message);

/** disk_full: PostgreSQL could not extend a file. */
export function pgDiskFull(err: unknown): boolean {
  return codeOf(err) === '53100';
}

/** Another transaction in the way (serialization, deadlock, a lock not had in time, a cancelled statement): worth a retry. */
export function pgBusy(err: unknown): boolean {
  return ['40001', '40P01', '55P03', '57014'].includes(codeOf(err));
}

/** The server cannot take any write now: out of resources, unreachable, shutting down, or failing within. */
export function pgFailsEveryWrite(err: unknown): boolean {
  const code = codeOf(err);
  return connectionCodes.has(code) || lostConnection(err) || (sqlState(code) && ['53', '08', '57', '58', 'XX'].includes(code.slice(0, 2)));
}

/** Any failure of PostgreSQL or of the way to it (a server error carries a SQLSTATE and a severity). */
export function isPgFailure(err: unknown): boolean {
  const code = codeOf(err);
  return connectionCodes.has(code) || lostConnection(err) || (sqlState(code) && typeof (err as { severity?: unknown }).severity === 'string');
}
