import { access, open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import sqlite3 from 'sqlite3';
import { createPrivateFile, privateFolder } from '../store/privateFiles.ts';

/** What a finished backup holds, to print or to log. */
export interface BackupSummary {
  path: string;
  bytes: number;
  /** Rows in the copy's tickets table. */
  tickets: number;
  /** The copy's highest event sequence number (0 without events). */
  lastSeq: number;
  tookMs: number;
  /** Set when the backup's folder existed and others may list it (the file itself is 0600). */
  warning?: string;
}

/**
 * Copies the database at `sourcePath` to `outPath` while the hub keeps running. `VACUUM INTO`, on a
 * connection of its own, writes one read transaction's view of the database: a consistent snapshot,
 * taken beside the hub's writer thanks to WAL. The copy is written under a temporary name, checked
 * with `PRAGMA integrity_check`, flushed to disk and only then given its name, so a file at `outPath`
 * is always a whole, checked backup. Never overwrites an existing file. The copy is 0600, and a missing
 * folder is made 0700: a backup holds what the database holds (password hashes, citizens' contacts, the
 * status-link secret).
 */
export async function backupDatabase(sourcePath: string, outPath: string): Promise<BackupSummary> {
  const started = performance.now();
  if (!(await isFile(sourcePath))) throw new Error(`No database at ${sourcePath}.`);
  await refuseExisting(outPath);

  const partial = `${outPath}.partial`;
  let warning: string | undefined;
  try {
    const source = await openConnection(sourcePath, sqlite3.OPEN_READWRITE);
    try {
      await query(source, 'PRAGMA busy_timeout = 5000');
      await requireQueueTables(source, sourcePath);
      warning = await privateFolder(dirname(outPath));
      await rm(partial, { force: true }); // left over by a backup that was interrupted
      await createPrivateFile(partial); // VACUUM INTO fills an empty file and keeps its mode: 0600
      await query(source, 'VACUUM INTO ?', [partial]);
    } finally {
      await closeConnection(source);
    }
    const counts = await checkCopy(partial);
    await flushToDisk(partial);
    await refuseExisting(outPath);
    await rename(partial, outPath);
    await flushDirectory(dirname(outPath));
    const { size } = await stat(outPath);
    return { path: outPath, bytes: size, ...counts, tookMs: Math.round(performance.now() - started), ...(warning ? { warning } : {}) };
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function refuseExisting(path: string): Promise<void> {
  const exists = await access(path).then(() => true, () => false);
  if (exists) throw new Error(`${path} already exists: a backup never overwrites a file.`);
}

/** Refuses a file that is not a SQLite database, or a database that is not Punto Comune's. */
async function requireQueueTables(db: sqlite3.Database, path: string): Promise<void> {
  let names: string[];
  try {
    const rows = await query<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('tickets', 'events')");
    names = rows.map((r) => r.name);
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_NOTADB') throw new Error(`${path} is not a SQLite database.`);
    throw err;
  }
  if (names.length < 2) throw new Error(`${path} is not a Punto Comune database (it has no tickets and events tables).`);
}

/** Opens the copy read-only: it must pass the integrity check; answers its ticket count and last event. */
async function checkCopy(path: string): Promise<{ tickets: number; lastSeq: number }> {
  const copy = await openConnection(path, sqlite3.OPEN_READONLY);
  try {
    const problems = (await query<{ integrity_check: string }>(copy, 'PRAGMA integrity_check')).map((r) => r.integrity_check);
    if (problems.join() !== 'ok') throw new Error(`The copy failed its integrity check: ${problems.slice(0, 5).join('; ')}`);
    const [tickets] = await query<{ n: number }>(copy, 'SELECT COUNT(*) AS n FROM tickets');
    const [events] = await query<{ seq: number }>(copy, 'SELECT COALESCE(MAX(seq), 0) AS seq FROM events');
    return { tickets: tickets?.n ?? 0, lastSeq: events?.seq ?? 0 };
  } finally {
    await closeConnection(copy);
  }
}

/** VACUUM INTO does not promise the copy has reached the disk: a backup must survive a power cut. */
async function flushToDisk(path: string): Promise<void> {
  const file = await open(path, 'r');
  try {
    await file.sync();
  } finally {
    await file.close();
  }
}

/** Makes the rename durable too. Some systems (Windows) cannot open a folder: the rename still happened. */
async function flushDirectory(path: string): Promise<void> {
  try {
    await flushToDisk(path);
  } catch {
    // Nothing to do: the file itself is on disk already.
  }
}

function openConnection(path: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, mode, (err) => (err ? reject(err) : resolve(db)));
  });
}

function query<T>(db: sqlite3.Database, sql: string, params: readonly (string | number)[] = []): Promise<T[]> {
  return new Promise((resolve, reject) => db.all(sql, params, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows))));
}

function closeConnection(db: sqlite3.Database): Promise<void> {
  return new Promise((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
}
