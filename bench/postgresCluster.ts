import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './hubProcess.ts';

/**
 * A throw-away PostgreSQL cluster, for the tests (test/helpers/postgres.ts) and the bench (bench/postgresBench.ts):
 * initdb as the `postgres` user in a new folder under `parent`, started on a free port of 127.0.0.1 with the
 * server's defaults (fsync and synchronous_commit on, as in production), then stopped and its folder removed,
 * by `stop()` or at the latest when the process exits. Every step is bounded in time.
 */
export const postgresBin = process.env['PG_BIN'] ?? '/usr/lib/postgresql/15/bin';

/** Why a cluster cannot be started here, or undefined when it can. */
export function postgresMissing(): string | undefined {
  return existsSync(join(postgresBin, 'initdb')) && existsSync(join(postgresBin, 'pg_ctl')) ? undefined : `PostgreSQL binaries not found in ${postgresBin} (apt-get install postgresql)`;
}

export interface PostgresCluster {
  port: number;
  /** The cluster's folder: data/, the server log and the Unix socket. */
  dir: string;
  /** A new, empty database; returns its URL. */
  createDatabase(name: string): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  /** Stops the server (immediate shutdown) and removes the folder; synchronous so that exit and signal handlers can call it; idempotent. */
  stop(): void;
}

export interface ClusterOptions {
  /** The folder the cluster's own folder is made in (the disk its commits are measured on); the postgres user must be able to enter it. */
  parent: string;
  /** Also stop on SIGINT, SIGTERM and SIGHUP, then exit (the bench; mocha keeps its own handling). */
  stopOnSignals?: boolean;
  /** Server settings beyond the defaults, given as `-c name=value` (the cluster bench raises max_connections). */
  settings?: Record<string, string>;
}

const stepTimeoutMs = 60_000;

/** Runs a server program as `postgres` (initdb and the server refuse to run as root). */
function asPostgres(args: readonly string[], timeout = stepTimeoutMs): void {
  const command = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', ...args] : [...args];
  execFileSync(command[0]!, command.slice(1), { stdio: 'pipe', timeout });
}

function admin(port: number): pg.Client {
  return new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 10_000 });
}

async function asAdmin(port: number, sql: string): Promise<void> {
  const client = admin(port);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const databaseName = /^[a-z_][a-z0-9_]{0,62}$/;

export async function startPostgresCluster(options: ClusterOptions): Promise<PostgresCluster> {
  const dir = mkdtempSync(join(options.parent, 'pc-pg-'));
  const data = join(dir, 'data');
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (existsSync(join(data, 'postmaster.pid'))) {
      const pgCtl = [join(postgresBin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-t', '30', 'stop'];
      const command = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', ...pgCtl] : pgCtl;
      spawnSync(command[0]!, command.slice(1), { stdio: 'ignore', timeout: 40_000 });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    process.exit(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as Partial<Record<NodeJS.Signals, number>>)[signal]!);
  };
  const signals: NodeJS.Signals[] = options.stopOnSignals ? ['SIGINT', 'SIGTERM', 'SIGHUP'] : [];
  for (const signal of signals) process.once(signal, onSignal);
  const stopAndForget = () => {
    stop();
    process.off('exit', stop);
    for (const signal of signals) process.off(signal, onSignal);
  };

  try {
    if (process.getuid?.() === 0) {
      const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
      chownSync(dir, id('-u'), id('-g'));
    }
    // --no-sync: initdb's own files only (speed); the server started below keeps fsync on.
    asPostgres([join(postgresBin, 'initdb'), '-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
    const port = await freePort();
    const extra = Object.entries(options.settings ?? {}).map(([name, value]) => {
      if (!/^[a-z_]+$/.test(name) || !/^[A-Za-z0-9_.]+$/.test(value)) throw new Error(`not a server setting: ${name}=${value}`);
      return ` -c ${name}=${value}`;
    });
    asPostgres([join(postgresBin, 'pg_ctl'), '-D', data, '-l', join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${extra.join('')}`, '-w', '-t', '60', 'start'], stepTimeoutMs + 10_000);
    return {
      port,
      dir,
      async createDatabase(name) {
        if (!databaseName.test(name)) throw new Error(`not a database name: ${name}`);
        await asAdmin(port, `CREATE DATABASE ${name}`);
        return `postgres://postgres@127.0.0.1:${port}/${name}`;
      },
      async dropDatabase(name) {
        if (!databaseName.test(name)) throw new Error(`not a database name: ${name}`);
        await asAdmin(port, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
      stop: stopAndForget,
    };
  } catch (err) {
    stopAndForget();
    throw err;
  }
}
