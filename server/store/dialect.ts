import { fileURLToPath } from 'node:url';

/**
 * What still differs between the two storage engines once the stores speak SQL both accept
 * (`ON CONFLICT … DO UPDATE`, `RETURNING id`, `CASE WHEN` sums, quoted camelCase aliases): one of these per
 * engine, and nothing else in the stores asks which engine runs.
 */
export interface Dialect {
  readonly engine: 'sqlite' | 'postgres';
  /** The folder of the engine's migration history (server/store/migrations*). */
  readonly migrationsDir: string;
  /** Creates the table that records the migrations applied, when missing. */
  readonly schemaMigrationsTable: string;
}

export const sqliteDialect: Dialect = {
  engine: 'sqlite',
  migrationsDir: fileURLToPath(new URL('./migrations/', import.meta.url)),
  schemaMigrationsTable:
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
};

export const postgresDialect: Dialect = {
  engine: 'postgres',
  migrationsDir: fileURLToPath(new URL('./migrations-pg/', import.meta.url)),
  schemaMigrationsTable:
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
};

/** A UNIQUE or PRIMARY KEY clash, as either engine reports it. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT' || code === '23505';
}
