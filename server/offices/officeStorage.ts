import { dirname, join } from 'node:path';
import type { StorageOptions } from '../store/openStorage.ts';

/**
 * Where an office's data lives. The default office keeps today's place: the SQLite file at DB_PATH, or the
 * `public` schema of DATABASE_URL; it also holds what the offices share (staff accounts, sessions, the list of
 * offices). Every other office has its own: a SQLite file `offices/<id>.db` beside DB_PATH, or the schema
 * `office_<id>` (dashes as underscores; ids never hold an underscore, so no two offices meet). Numbering,
 * queues, reports, retention and backups are then per office by construction.
 */
export function officeStorage(base: StorageOptions, officeId: string, isDefault: boolean): StorageOptions {
  if (isDefault) return base;
  if (base.databaseUrl !== undefined) return { ...base, schema: officeSchema(officeId) };
  return { ...base, dbPath: base.dbPath === ':memory:' ? ':memory:' : officeDatabasePath(base.dbPath, officeId) };
}

export const officeDatabasePath = (dbPath: string, officeId: string) => join(dirname(dbPath), 'offices', `${officeId}.db`);

export const officeSchema = (officeId: string) => `office_${officeId.replaceAll('-', '_')}`;
