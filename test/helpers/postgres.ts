import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresMissing, startPostgresCluster, type PostgresCluster } from '../../bench/postgresCluster.ts';
import { Db, type SqlConnection } from '../../server/store/db.ts';
import { PgDatabase } from '../../server/store/pg/pgDatabase.ts';

/**
 * A throw-away PostgreSQL cluster for the tests (bench/postgresCluster.ts, in a temporary folder, fsync on, as in
 * production), stopped and removed when the test run ends. One cluster per mocha run, one fresh database per
 * suite (`freshPostgresUrl`). No test needs a server already running.
 */
export { postgresMissing };

let cluster: Promise<PostgresCluster> | undefined;
let databases = 0;

/** The URL of a new, empty database on the run's cluster (started on first use). */
export async function freshPostgresUrl(): Promise<string> {
  cluster ??= startPostgresCluster({ parent: tmpdir() });
  return (await cluster).createDatabase(`pc_test_${process.pid}_${++databases}`);
}

/** The storage engines the contract tests run on: SQLite always, PostgreSQL when its binaries are here. */
export type EngineName = 'sqlite' | 'postgres';

type Connection = SqlConnection & { close(): Promise<void> };

/** A database of one engine that can be opened several times (a restart), removed at the end. */
export interface TestPlace {
  open(): Promise<Connection>;
}

export interface TestEngine {
  name: EngineName;
  /** A new, empty database of this engine (not migrated). */
  place(): Promise<TestPlace>;
}

let sqliteDir: string | undefined;
let sqliteFiles = 0;

export const engines: TestEngine[] = [
  {
    name: 'sqlite',
    place: async () => {
      if (sqliteDir === undefined) {
        const dir = (sqliteDir = mkdtempSync(join(tmpdir(), 'pc-sqlite-')));
        process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      }
      const path = join(sqliteDir, `db-${++sqliteFiles}.db`);
      return { open: () => Db.open(path) };
    },
  },
  {
    name: 'postgres',
    place: async () => {
      const url = await freshPostgresUrl();
      return { open: () => PgDatabase.open(url, { max: 4, oneWriter: true }) }; // as the hub opens it
    },
  },
];

/** In a suite of PostgreSQL tests: skips them, with the reason shown, when the binaries are missing. */
export function skipWithoutPostgres(ctx: Mocha.Context, engine: EngineName = 'postgres'): void {
  if (engine !== 'postgres') return;
  const missing = postgresMissing();
  if (missing) {
    console.log(`      (skipped on PostgreSQL: ${missing})`);
    ctx.skip();
  }
}

/**
 * In the PostgreSQL pass of the suite (TEST_DATABASE=postgres, `npm test`'s second pass): skips a test of what
 * only SQLite has (its file, pages, locks, backups), with the reason shown. Those have their PostgreSQL
 * counterparts in the postgres*.test.ts files.
 */
export function sqliteOnly(ctx: Mocha.Context, what: string): void {
  if (process.env['TEST_DATABASE'] !== 'postgres') return;
  console.log(`      (skipped on PostgreSQL: ${what} is SQLite's)`);
  ctx.skip();
}

/**
 * For tests that start their own PostgreSQL databases (a cluster of nodes): they run in the first pass of
 * `npm test`, and would only repeat themselves in the PostgreSQL pass.
 */
export function firstPassOnly(ctx: Mocha.Context): void {
  if (process.env['TEST_DATABASE'] !== 'postgres') return;
  console.log('      (ran in the first pass: it makes its own PostgreSQL databases)');
  ctx.skip();
}
