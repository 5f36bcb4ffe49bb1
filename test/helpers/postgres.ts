import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, chownSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Db, type SqlConnection } from '../../server/store/db.ts';
import { PgDatabase } from '../../server/store/pg/pgDatabase.ts';

/**
 * A throw-away PostgreSQL cluster for the tests: initdb as the `postgres` user in a temporary folder, started
 * on a free port (fsync on, as in production), stopped and removed when the test run ends. One cluster per
 * mocha run, one fresh database per suite (`freshPostgresUrl`). No test needs a server already running.
 */
const bin = process.env['PG_BIN'] ?? '/usr/lib/postgresql/15/bin';

/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresMissing(): string | undefined {
  return existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl')) ? undefined : `PostgreSQL binaries not found in ${bin} (apt-get install postgresql)`;
}

interface Cluster {
  dir: string;
  port: number;
}

let cluster: Promise<Cluster> | undefined;
let databases = 0;

function asPostgres(args: string[]): void {
  const command = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', ...args] : args;
  execFileSync(command[0]!, command.slice(1), { stdio: 'pipe', timeout: 60_000 });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startCluster(): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'pc-pg-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  asPostgres([join(bin, 'initdb'), '-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  asPostgres([join(bin, 'pg_ctl'), '-D', data, '-l', join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, '-w', 'start']);
  process.once('exit', () => {
    const stop = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
    spawnSync(stop[0] ?? join(bin, 'pg_ctl'), [...stop.slice(1), ...(stop.length ? [join(bin, 'pg_ctl')] : []), '-D', data, '-m', 'immediate', 'stop'], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, port };
}

/** The URL of a new, empty database on the run's cluster (started on first use). */
export async function freshPostgresUrl(): Promise<string> {
  cluster ??= startCluster();
  const { port } = await cluster;
  const name = `pc_test_${process.pid}_${++databases}`;
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return `postgres://postgres@127.0.0.1:${port}/${name}`;
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
