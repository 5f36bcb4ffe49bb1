import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { rawPostgresCommits, durabilitySettings } from '../../bench/pgRawCommits.ts';
import { startPostgresCluster, type PostgresCluster } from '../../bench/postgresCluster.ts';
import { skipWithoutPostgres } from '../helpers/postgres.ts';

async function reachable(port: number): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

describe('bench PostgreSQL cluster and bare commits', function () {
  this.timeout(90_000);
  let parent: string;
  let cluster: PostgresCluster | undefined;

  before(async function () {
    skipWithoutPostgres(this);
    parent = await mkdtemp(join(tmpdir(), 'pc-bench-pg-'));
    await chmod(parent, 0o755); // mkdtemp's 0700 would keep the postgres user out
    cluster = await startPostgresCluster({ parent, settings: { max_connections: '150' } });
  });

  after(async () => {
    cluster?.stop();
    if (parent) await rm(parent, { recursive: true, force: true });
  });

  it('makes its folder under the parent given, with fsync and synchronous_commit on, and the settings given', async () => {
    expect(cluster!.dir.startsWith(parent)).to.equal(true);
    const url = await cluster!.createDatabase('bench_settings');
    const settings = await durabilitySettings(url);
    expect(settings.fsync).to.equal('on');
    expect(settings.synchronous_commit).to.equal('on');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ max_connections: string }>('SHOW max_connections');
    await client.end();
    expect(rows[0]!.max_connections).to.equal('150');
  });

  it('refuses a setting that is not a plain name and value', async () => {
    let refused: unknown;
    await startPostgresCluster({ parent, settings: { max_connections: '150 -c fsync=off' } }).catch((err: unknown) => (refused = err));
    expect(String(refused)).to.match(/not a server setting/);
  });

  it('rawPostgresCommits() commits one row per measured insert, within its bounds', async () => {
    const url = await cluster!.createDatabase('bench_raw');
    const stats = await rawPostgresCommits(url, { count: 50, maxMs: 10_000 });
    expect(stats.count).to.equal(50);
    expect(stats.perSecond).to.be.greaterThan(0);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM t');
    await client.end();
    expect(Number(rows[0]!.n)).to.equal(50);
    const bounded = await rawPostgresCommits(url, { count: 1_000_000, maxMs: 200 });
    expect(bounded.count).to.be.lessThan(1_000_000);
  });

  it('stop() ends the server and removes its folder, and a second stop() does nothing', async () => {
    const { port, dir } = cluster!;
    expect(await reachable(port)).to.equal(true);
    cluster!.stop();
    expect(existsSync(dir)).to.equal(false);
    expect(await reachable(port)).to.equal(false);
    cluster!.stop();
  });
});
