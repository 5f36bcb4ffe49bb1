import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readEnv } from '../config/env.ts';
import { copyDatabase, CountMismatchError, type CopyReport } from '../store/copyToPostgres.ts';
import { Db } from '../store/db.ts';
import { databaseName } from '../store/openStorage.ts';
import { PgDatabase } from '../store/pg/pgDatabase.ts';
import { officeDatabasePath, officeSchema } from '../offices/officeStorage.ts';
import { helpOption, runCommandLine, UsageError } from './commandLine.ts';

const help = `usage: npm run migrate-to-postgres -- --from <SQLite file>

Copies the hub's SQLite database (DB_PATH: the default office, staff accounts, the list of offices) into the
PostgreSQL database at DATABASE_URL, then every other office it lists from its own file (offices/<id>.db beside
it) into the schema office_<id>; each brought up to date with its migrations first, then the row counts of every
table compared.
  --from <file>   the SQLite database to copy (required)
Stop the hub first: the copy refuses a file another program has open (tickets issued after the copy would
stay behind), and keeps it closed to others while it runs. Then start the hub with DATABASE_URL set.
PostgreSQL must be empty or hold an earlier copy of this same file: running the copy again writes nothing.
Rows of any other origin (another office, a hub that has run on PostgreSQL since, rows changed in the file
since a trial copy) refuse the copy: start again from an empty database. A refused or failed copy leaves
PostgreSQL as it was. Exit code 0 only when every table has the same count in both.`;

async function main(argv: string[]): Promise<string> {
  const { values } = parseArgs({ args: argv, options: { from: { type: 'string' }, ...helpOption } });
  if (values.help) return help;
  if (values.from === undefined) throw new UsageError('--from <SQLite file> is required: the database to copy.');
  const env = readEnv();
  if (env.DATABASE_URL === undefined) throw new Error('DATABASE_URL is not set: set it to the PostgreSQL database to copy into (postgres://user@host:5432/db).');
  const from = values.from;
  if (!(await stat(from).catch(() => undefined))?.isFile()) throw new Error(`There is no SQLite database at ${from}.`);
  const url = env.DATABASE_URL;
  // The default office (and the network's accounts) first; then each other office it lists, from its own file.
  const shown = [await copyOffice(from, url, undefined, databaseName(env))];
  const source = await Db.open(from, { readOnly: true });
  const others = await source.all<{ id: string }>('SELECT id FROM offices WHERE is_default = 0 ORDER BY id').finally(() => source.close());
  for (const { id } of others) {
    const file = officeDatabasePath(from, id);
    if (!(await stat(file).catch(() => undefined))?.isFile()) throw new Error(`The office "${id}" is listed in ${from}, but its database ${file} is missing.`);
    shown.push(await copyOffice(file, url, officeSchema(id), `the schema ${officeSchema(id)}`));
  }
  return shown.join('\n\n');
}

/** Copies one office's file into its place in PostgreSQL (the public schema for the default office), with the counts. */
async function copyOffice(from: string, url: string, schema: string | undefined, where: string): Promise<string> {
  const started = performance.now();
  const source = await openUnshared(from);
  try {
    const target = await PgDatabase.open(url, { max: 2, ...(schema === undefined ? {} : { schema }) }).catch((err: unknown) => {
      throw new Error(`Cannot reach ${where}: ${err instanceof Error ? err.message : String(err)}`);
    });
    try {
      const report = await copyDatabase(source, target).catch((err: unknown) => {
        throw err instanceof CountMismatchError ? new CountsShown(`${countTable(from, where, err.report)}\nMISMATCH: ${err.message}`) : err;
      });
      const rows = report.tables.reduce((sum, t) => sum + t.source, 0);
      const copied = report.tables.reduce((sum, t) => sum + t.copied, 0);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      return `${countTable(from, where, report)}\nok: ${report.tables.length} tables, ${rows} rows in both, ${copied} copied by this run (${seconds} s).`;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

/**
 * The SQLite file, refused when another program has it open (a hub, even an idle one, holds it open for
 * as long as it runs). In exclusive locking mode the connection keeps its lock until it closes, so no hub
 * can open the file and write to it while the copy runs.
 */
async function openUnshared(path: string): Promise<Db> {
  const refusal = (err: unknown) => {
    const code = (err as { code?: unknown } | null)?.code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return new Error(`${path} is open in another program (is the hub still running on it?): stop it, then copy.`);
    if (code === 'SQLITE_NOTADB') return new Error(`${path} is not a SQLite database.`);
    return err;
  };
  const db = await Db.open(path, { busyTimeoutMs: 0 }).catch((err: unknown) => {
    throw refusal(err);
  });
  try {
    await db.exec('PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;');
    return db;
  } catch (err) {
    await db.close().catch(() => undefined);
    throw refusal(err);
  }
}

/** The counts, one line per table, a mismatch marked. */
function countTable(from: string, where: string, report: CopyReport): string {
  const width = Math.max(5, ...report.tables.map((t) => t.table.length));
  const line = (cells: string[], mark = '') => `${cells[0]!.padEnd(width)}  ${cells.slice(1).map((c) => c.padStart(10)).join('  ')}${mark}`;
  return [
    `${from} (SQLite, migration ${report.sqliteVersion}) -> ${where} (PostgreSQL, migration ${report.postgresVersion}):`,
    line(['table', 'SQLite', 'PostgreSQL', 'copied now']),
    ...report.tables.map((t) => line([t.table, String(t.source), String(t.target), String(t.copied)], t.source === t.target ? '' : '  <- MISMATCH')),
  ].join('\n');
}

/** A failed copy's counts, shown as they are. */
class CountsShown extends Error {}

runCommandLine(help, main, (err) => (err instanceof CountsShown ? err.message : `Not copied: ${err instanceof Error ? err.message : String(err)}`));
