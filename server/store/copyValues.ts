import { isDeepStrictEqual } from 'node:util';

/**
 * SQLite values as PostgreSQL takes them. Every value is sent as text (or NULL) and PostgreSQL parses it as
 * its column's type, so one conversion serves every type, and the text PostgreSQL gives back (`col::text`)
 * can be compared with what was sent. Today's schema has only BIGINT, INTEGER and TEXT (booleans are 0/1
 * integers and JSON is text on both engines); booleans, bytea, JSON and floats are handled for the columns
 * a later migration may bring.
 */

const integerTypes = new Set(['bigint', 'integer', 'smallint']);
const floatTypes = new Set(['double precision', 'real', 'numeric']);

/** What a SQLite column may hold, as node's sqlite3 reads it (an INTEGER column's integers arrive as exact text, see `sqliteSelect`). */
export type SqliteValue = string | number | bigint | Buffer | null;

/** A value PostgreSQL cannot take in its column: the caller names the table, column and row. */
export class ValueRefusedError extends Error {
  override readonly name = 'ValueRefusedError';
}

const wholeNumber = /^-?\d+$/;

/** The text to send for `value` into a PostgreSQL column of `pgType` (null for NULL). */
export function postgresText(value: SqliteValue, pgType: string): string | null {
  if (value === null) return null;
  if (Buffer.isBuffer(value)) {
    if (pgType === 'bytea') return `\\x${value.toString('hex')}`;
    throw new ValueRefusedError(`a blob of ${value.length} bytes where PostgreSQL wants ${pgType}`);
  }
  if (integerTypes.has(pgType)) {
    const text = String(value);
    if (typeof value === 'number' ? Number.isInteger(value) : wholeNumber.test(text)) return typeof value === 'number' ? value.toFixed(0) : text;
    throw new ValueRefusedError(`${JSON.stringify(value)} is not a whole number (PostgreSQL ${pgType})`);
  }
  if (pgType === 'boolean') {
    if (value === 0 || value === '0') return 'false';
    if (value === 1 || value === '1') return 'true';
    throw new ValueRefusedError(`${JSON.stringify(value)} is not 0 or 1 (PostgreSQL boolean)`);
  }
  if (pgType === 'bytea') return `\\x${Buffer.from(String(value), 'utf8').toString('hex')}`;
  return String(value);
}

/** Whether the text PostgreSQL holds (`col::text`) is the value `sent` would have written. */
export function sameText(held: string | null, sent: string | null, pgType: string): boolean {
  if (held === null || sent === null) return held === sent;
  if (held === sent) return true;
  if (floatTypes.has(pgType)) return Number(held) === Number(sent); // 1e-07 and 1e-7
  if (pgType === 'jsonb') return sameJson(held, sent); // jsonb keeps no spacing nor key order
  return false;
}

function sameJson(a: string, b: string): boolean {
  try {
    return isDeepStrictEqual(JSON.parse(a), JSON.parse(b));
  } catch {
    return false;
  }
}

/**
 * A SQLite select-list item for a column bound for `pgType`: a whole number read as exact text, as node's
 * sqlite3 would round one past 2^53 into a float.
 */
export function sqliteSelect(column: string, pgType: string): string {
  return integerTypes.has(pgType) ? `CASE WHEN typeof(${column}) = 'integer' THEN CAST(${column} AS TEXT) ELSE ${column} END` : column;
}
