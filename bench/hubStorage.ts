import { join } from 'node:path';
import { Db } from '../server/store/db.ts';
import { PgDatabase } from '../server/store/pg/pgDatabase.ts';
import { removeDatabase } from './benchOffice.ts';
import type { PostgresCluster } from './postgresCluster.ts';

/**
 * Where a bench hub keeps its data: a SQLite file in the bench folder (the default), or a fresh database on the
 * bench's PostgreSQL cluster (the hub then gets DATABASE_URL). The same loads run on either.
 */
export interface HubStorage {
  engine: 'sqlite' | 'postgres';
  /** DB_PATH for the hub (unused by a hub on PostgreSQL, but its config wants one). */
  dbPath: string;
  /** What the hub's environment needs beyond DB_PATH: DATABASE_URL on PostgreSQL. */
  env: Record<string, string>;
  /** The database itself, for setting up (pairing devices) and checking (counting tickets); not migrated. */
  open(): Promise<Db | PgDatabase>;
  /** Deletes the file(s), or drops the database. */
  remove(): Promise<void>;
}

/** A fresh hub database named `name` on one engine. */
export type StorageFor = (name: string) => Promise<HubStorage>;

export function sqliteStorageIn(dir: string): StorageFor {
  return async (name) => {
    const dbPath = join(dir, `${name}.db`);
    await removeDatabase(dbPath);
    return { engine: 'sqlite', dbPath, env: {}, open: () => Db.open(dbPath), remove: () => removeDatabase(dbPath) };
  };
}

export function postgresStorageOn(cluster: PostgresCluster, dir: string): StorageFor {
  return async (name) => {
    const database = `bench_${name.replaceAll('-', '_')}`;
    await cluster.dropDatabase(database);
    const url = await cluster.createDatabase(database);
    return {
      engine: 'postgres',
      dbPath: join(dir, `${name}.unused.db`),
      env: { DATABASE_URL: url },
      open: () => PgDatabase.open(url, { max: 2 }),
      remove: () => cluster.dropDatabase(database),
    };
  };
}
