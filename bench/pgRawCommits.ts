import pg from 'pg';
import { latencyStats, type LatencyStats } from './stats.ts';

/**
 * The raw ceiling one writer meets on PostgreSQL, the twin of bench/rawCommits.ts: bare `pg` single-row commits
 * (autocommit INSERTs of a ticket-sized row, one after another, one connection, a prepared statement), with the
 * server's durable defaults (fsync, synchronous_commit on), on the same disk as the SQLite bench files.
 * Bounded by count and time.
 */
export async function rawPostgresCommits(url: string, options: { count: number; maxMs: number }): Promise<LatencyStats> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query('CREATE TABLE IF NOT EXISTS t (id BIGSERIAL PRIMARY KEY, day TEXT, number TEXT, data TEXT)');
    const row = 'x'.repeat(200);
    const latencies: number[] = [];
    const started = performance.now();
    for (let i = 0; i < options.count && performance.now() - started < options.maxMs; i++) {
      const t0 = performance.now();
      await client.query({ name: 'raw-insert', text: 'INSERT INTO t (day, number, data) VALUES ($1, $2, $3)', values: ['2026-11-23', `A${i}`, row] });
      latencies.push(performance.now() - t0);
    }
    return latencyStats(latencies, performance.now() - started);
  } finally {
    await client.end();
  }
}

/** The server settings that decide what a commit costs, read back so that the figures say what they measured. */
export async function durabilitySettings(url: string): Promise<Record<'server_version' | 'fsync' | 'synchronous_commit' | 'wal_sync_method' | 'full_page_writes', string>> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const names = ['server_version', 'fsync', 'synchronous_commit', 'wal_sync_method', 'full_page_writes'] as const;
    const { rows } = await client.query<{ name: string; setting: string }>('SELECT name, setting FROM pg_settings WHERE name = ANY($1)', [names]);
    const found = new Map(rows.map((r) => [r.name, r.setting]));
    return Object.fromEntries(names.map((n) => [n, found.get(n) ?? 'unknown'])) as Record<(typeof names)[number], string>;
  } finally {
    await client.end();
  }
}
