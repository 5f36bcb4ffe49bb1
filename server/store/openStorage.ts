import { Db } from './db.ts';
import { HubDatabase } from './hubDatabase.ts';
import { migrate } from './migrate.ts';
import { PgDatabase, type SharedPgPool } from './pg/pgDatabase.ts';

export interface StorageOptions {
  /** The SQLite file (DB_PATH), used when there is no `databaseUrl`. */
  dbPath: string;
  /** DATABASE_URL: postgres://… selects PostgreSQL. */
  databaseUrl?: string | undefined;
  /** SQLite only: how long a write waits for another program's lock. */
  busyTimeoutMs?: number | undefined;
  /** PostgreSQL only: the schema of an office other than the default (see server/offices/officeStorage.ts). */
  schema?: string | undefined;
  /** PostgreSQL only: the pool the offices' schemas share (one per hub, see SharedPgPool). */
  sharedPool?: SharedPgPool | undefined;
}

export interface Storage {
  /** What the stores use: reads and writes, each write committed on its own or in a transaction. */
  database: HubDatabase;
  /** The committer's connection, the hub's single writer. */
  writer: Db | PgDatabase;
  /** Reads only (on PostgreSQL the same pool as `writer`). */
  reader: Db | PgDatabase;
  close(): Promise<void>;
}

/**
 * Opens the hub's database, brought up to date with its engine's migrations: SQLite at `dbPath`, with one
 * writing and one read-only connection (see hubDatabase.ts), or PostgreSQL at `databaseUrl`, on one pool.
 */
export async function openStorage(options: StorageOptions, now: number): Promise<Storage> {
  if (options.databaseUrl !== undefined) {
    // One writer per hub, as on SQLite (see PgOptions.oneWriter); reads on the other pooled connections.
    const pool = await PgDatabase.open(options.databaseUrl, {
      oneWriter: true,
      ...(options.schema === undefined ? {} : { schema: options.schema, max: 4, ...(options.sharedPool ? { shared: options.sharedPool } : {}) }),
    });
    try {
      await migrate(pool, now);
    } catch (err) {
      await pool.close();
      throw err;
    }
    return { database: new HubDatabase(undefined, pool, pool), writer: pool, reader: pool, close: () => pool.close() };
  }
  const dbOptions = options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs };
  const writer = await Db.open(options.dbPath, dbOptions);
  await migrate(writer, now);
  const reader = options.dbPath === ':memory:' ? writer : await Db.open(options.dbPath, { ...dbOptions, readOnly: true });
  return {
    database: new HubDatabase(options.dbPath, writer, reader),
    writer,
    reader,
    close: async () => {
      if (reader !== writer) await reader.close();
      await writer.close();
    },
  };
}

/** The database a command-line tool works on: PostgreSQL when DATABASE_URL is set, else the SQLite file at DB_PATH; not migrated yet. */
export async function openToolDatabase(env: { DB_PATH: string; DATABASE_URL?: string | undefined }): Promise<Db | PgDatabase> {
  return env.DATABASE_URL === undefined ? Db.open(env.DB_PATH) : PgDatabase.open(env.DATABASE_URL, { max: 2 });
}

/** Where a tool's database is, for its messages (never the URL: it may hold a password). */
export function databaseName(env: { DB_PATH: string; DATABASE_URL?: string | undefined }): string {
  return env.DATABASE_URL === undefined ? env.DB_PATH : 'the PostgreSQL database (DATABASE_URL)';
}

/** Tools that work on a SQLite file only (backups, the simulator) stop here, clearly, when DATABASE_URL is set. */
export function refuseOnPostgres(env: { DATABASE_URL?: string | undefined }, what: string): void {
  if (env.DATABASE_URL !== undefined) {
    throw new Error(`${what} works on a SQLite database (DB_PATH) only for now, and DATABASE_URL is set: unset it to use ${what} on a SQLite file.`);
  }
}
