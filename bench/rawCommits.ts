import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { latencyStats, type LatencyStats } from './stats.ts';

/**
 * The raw ceiling one writer meets on this machine: bare `sqlite3` single-row commits (autocommit
 * INSERTs of a ticket-sized row, one after another), in the hub's settings: WAL, synchronous FULL,
 * on the same disk as the hub's database. Bounded by count and time.
 */
export async function rawCommits(dir: string, options: { count: number; maxMs: number }): Promise<LatencyStats> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(join(dir, 'raw-commits.db'), (err) => (err ? reject(err) : resolve(d)));
  });
  const exec = (sql: string) => new Promise<void>((resolve, reject) => db.exec(sql, (err) => (err ? reject(err) : resolve())));
  await exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, day TEXT, number TEXT, data TEXT)');
  const insert = db.prepare('INSERT INTO t (day, number, data) VALUES (?, ?, ?)');
  const row = 'x'.repeat(200);
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < options.count && performance.now() - started < options.maxMs; i++) {
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => insert.run(['2026-11-23', `A${i}`, row], (err: Error | null) => (err ? reject(err) : resolve())));
    latencies.push(performance.now() - t0);
  }
  const elapsedMs = performance.now() - started;
  await new Promise<void>((resolve) => insert.finalize(() => resolve()));
  await new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
  return latencyStats(latencies, elapsedMs);
}
