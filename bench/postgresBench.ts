import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import type { LoadResult } from './commandLoad.ts';
import { postgresStorageOn } from './hubStorage.ts';
import { durabilitySettings, rawPostgresCommits } from './pgRawCommits.ts';
import { postgresMissing, startPostgresCluster } from './postgresCluster.ts';
import { ticketIssues, type RestFigures, type RestRun, type RestSettings } from './restLoad.ts';
import type { LatencyStats } from './stats.ts';
import { loadRuns, type ThroughputSettings } from './throughput.ts';

/**
 * Section 1c: the single-office loads of sections 1 and 1b again, with the hub on PostgreSQL (DATABASE_URL, a
 * fresh database per run) beside bare `pg` commits, on a throw-away cluster whose data folder is in the bench
 * folder, on the same disk as the SQLite files. Skipped, with the reason, when the PostgreSQL programs are missing.
 */

export interface PostgresFigures {
  /** The settings that decide a commit's cost, as the server reports them (fsync must be on). */
  server: Awaited<ReturnType<typeof durabilitySettings>>;
  /** Where the cluster's data is, beside the SQLite bench files: `df`'s device and mount point of each. */
  disk: { postgres: string; sqlite: string; sameFilesystem: boolean };
  rawCommit: LatencyStats;
  runs: LoadResult[];
  rest: Pick<RestFigures, 'runs' | 'writes'>;
}

export type PostgresSection = { skipped: string } | PostgresFigures;

/** `df`'s source and mount point of the filesystem holding `path`. */
function filesystemOf(path: string): string {
  try {
    const [, line] = execFileSync('df', ['--output=source,target', path], { encoding: 'utf8', timeout: 10_000 }).trim().split('\n');
    return (line ?? '').trim().replace(/\s+/, ' on ');
  } catch {
    return 'unknown';
  }
}

export async function postgresSection(
  dir: string,
  s: { throughput: ThroughputSettings; rest: RestSettings },
  bareRuns: readonly RestRun[],
  log: (line: string) => void,
): Promise<PostgresSection> {
  const missing = postgresMissing();
  if (missing) {
    log(`PostgreSQL part skipped: ${missing}`);
    return { skipped: missing };
  }
  const cluster = await startPostgresCluster({ parent: dir, stopOnSignals: true });
  try {
    const disk = { postgres: filesystemOf(cluster.dir), sqlite: filesystemOf(dir), sameFilesystem: statSync(cluster.dir).dev === statSync(dir).dev };
    log(`PostgreSQL cluster in ${cluster.dir} (${disk.postgres}); SQLite files in ${dir} (${disk.sqlite})${disk.sameFilesystem ? '' : ': NOT THE SAME FILESYSTEM'}`);
    const rawUrl = await cluster.createDatabase('bench_raw_commits');
    const server = await durabilitySettings(rawUrl);
    log(`PostgreSQL ${server.server_version}: fsync ${server.fsync}, synchronous_commit ${server.synchronous_commit}, wal_sync_method ${server.wal_sync_method}`);
    const rawCommit = await rawPostgresCommits(rawUrl, { count: s.throughput.rawCommits, maxMs: s.throughput.maxMs });
    await cluster.dropDatabase('bench_raw_commits');
    log(`raw PostgreSQL commits: ${rawCommit.perSecond}/s, p50 ${rawCommit.p50Ms} ms, p99 ${rawCommit.p99Ms} ms`);
    const storageFor = postgresStorageOn(cluster, dir);
    const runs = await loadRuns(dir, s.throughput, storageFor, log);
    const rest = await ticketIssues(dir, s.rest, storageFor, bareRuns, log);
    return { server, disk, rawCommit, runs, rest };
  } finally {
    cluster.stop();
  }
}
