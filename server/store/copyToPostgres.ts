import type { Database, Db, SqlConnection } from './db.ts';
import { CopyRefusedError, planCopy, quoted, type TablePlan } from './copySchema.ts';
import { postgresText, sameText, sqliteSelect, ValueRefusedError, type SqliteValue } from './copyValues.ts';
import { migrate, readMigrations } from './migrate.ts';
import type { PgDatabase } from './pg/pgDatabase.ts';

export { CopyRefusedError } from './copySchema.ts';

/** One table after a copy: its rows in SQLite, in PostgreSQL, and how many of those this run wrote. */
export interface TableCount {
  table: string;
  source: number;
  target: number;
  copied: number;
}

export interface CopyReport {
  tables: TableCount[];
  /** The last migration of each database once both were brought up to date. */
  sqliteVersion: number;
  postgresVersion: number;
}

/** The copy ended with other counts in PostgreSQL than in SQLite: rolled back, nothing of it kept. */
export class CountMismatchError extends Error {
  override readonly name = 'CountMismatchError';
  constructor(readonly report: CopyReport) {
    const tables = report.tables.filter((t) => t.source !== t.target).map((t) => `${t.table} (${t.source} in SQLite, ${t.target} in PostgreSQL)`);
    super(`The row counts differ after the copy: ${tables.join(', ')}. Nothing was kept in PostgreSQL.`);
  }
}

export interface CopyOptions {
  /** The clock for the migrations' bookkeeping. */
  now?: number;
  /** Rows read and written per statement (fewer for wide tables: PostgreSQL takes at most 65,535 parameters). */
  batchRows?: number;
}

/**
 * Copies one office's SQLite database into one PostgreSQL database (its current schema), both brought up to
 * date with their migrations first. Every table but the migrations' bookkeeping is copied, columns matched by
 * name (see planCopy), values converted where the engines differ (copyValues.ts), in batches; the identity
 * sequences are then set past the copied ids, so the next user or device PostgreSQL numbers is a new one.
 *
 * All or nothing: the whole copy is one PostgreSQL transaction, read from one SQLite transaction (a snapshot
 * that also keeps any other writer out of the file meanwhile). It commits only when every table has as many
 * rows in PostgreSQL as in SQLite (else CountMismatchError).
 *
 * Idempotent, and never a mix: PostgreSQL may already hold rows only if each one is in SQLite, with the same
 * primary key and the same value in every column (an earlier copy of this same file). A row SQLite does not
 * have, or has otherwise (another office's data, a hub that ran on PostgreSQL after a first copy, an edit on
 * either side, such as a trial copy followed by more days on SQLite), refuses the whole copy with
 * CopyRefusedError, naming the table, the row's key and the first column that differs, and writing nothing. The
 * rows already there are then skipped (ON CONFLICT on the primary key DO NOTHING), so a second run writes
 * nothing and reports the same counts.
 */
export async function copyDatabase(from: Db, to: PgDatabase, options: CopyOptions = {}): Promise<CopyReport> {
  const now = options.now ?? Date.now();
  await migrate(from, now);
  const sqliteVersion = await knownVersion(from, 'The SQLite database'); // a file from a newer hub: refused before PostgreSQL is touched
  await migrate(to, now);
  const postgresVersion = await knownVersion(to, 'The PostgreSQL database');
  const plans = await planCopy(from, to);
  const tables = await from.transaction((source) =>
    to.transaction(async (target) => {
      await target.exec("SET LOCAL bytea_output = 'hex'"); // the form `col::text` is compared in (copyValues.sameText)
      const counts: TableCount[] = [];
      for (const plan of plans) counts.push(await copyTable(source, target, plan, options.batchRows ?? 500));
      if (counts.some((c) => c.source !== c.target)) throw new CountMismatchError({ tables: counts, sqliteVersion, postgresVersion });
      return counts;
    }),
  );
  return { tables, sqliteVersion, postgresVersion };
}

/** The database's last migration; refused when it is one this code does not know (written by a newer Punto Comune). */
async function knownVersion(db: SqlConnection, what: string): Promise<number> {
  const known = Math.max(0, ...(await readMigrations(db.dialect.migrationsDir)).map((m) => m.version));
  const version = (await db.get<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations'))?.v ?? 0;
  if (version > known) {
    throw new CopyRefusedError(`${what} has migration ${version}, and this version of Punto Comune knows migrations up to ${known} only: copy with the version that wrote it.`);
  }
  return version;
}

async function copyTable(source: Database, target: Database, plan: TablePlan, batchRows: number): Promise<TableCount> {
  const rows = Math.max(1, Math.min(batchRows, Math.floor(30_000 / plan.columns.length)));
  const sourceCount = await count(source, plan.name);
  const present = await refuseRowsNotInSource(source, target, plan, rows);
  // Every row PostgreSQL holds is in SQLite: as many rows means the same rows, nothing to write.
  const copied = present < sourceCount ? await insertMissing(source, target, plan, rows) : 0;
  for (const column of plan.sequenced) {
    await target.get(`SELECT setval(pg_get_serial_sequence(quote_ident(current_schema()) || '.' || quote_ident(?), ?), COALESCE(MAX(${quoted(column)}), 0) + 1, false) FROM ${quoted(plan.name)}`, [plan.name, column]);
  }
  return { table: plan.name, source: sourceCount, target: await count(target, plan.name), copied };
}

async function count(db: Database, table: string): Promise<number> {
  return (await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${quoted(table)}`))!.n;
}

type Row = Record<string, SqliteValue>;
const keyAlias = (i: number) => `copy_key_${i}`;

/**
 * A batch of rows in key order after `after` (the last key of the batch before), the key's columns also as
 * `copy_key_<i>`. The key is named with its table: bare, ORDER BY would take the select list's column of that
 * name, the value as text on either engine, and sort 10 before 9.
 */
function batchSql(plan: TablePlan, select: string[], after: boolean, rows: number): string {
  const key = plan.key.map((k) => `${quoted(plan.name)}.${quoted(k)}`).join(', ');
  const keys = plan.key.map((k, i) => `${quoted(plan.name)}.${quoted(k)} AS ${keyAlias(i)}`);
  const where = after ? ` WHERE (${key}) > (${plan.key.map(() => '?').join(', ')})` : '';
  return `SELECT ${[...select, ...keys].join(', ')} FROM ${quoted(plan.name)}${where} ORDER BY ${key} LIMIT ${rows}`;
}

/** Each batch of a table's rows, in key order; `select` gives the columns' select-list items. */
async function* batches(db: Database, plan: TablePlan, select: string[], rows: number): AsyncGenerator<Row[]> {
  let after: SqliteValue[] | undefined;
  for (;;) {
    const batch = await db.all<Row>(batchSql(plan, select, after !== undefined, rows), (after ?? []) as (string | number | null)[]);
    if (batch.length > 0) yield batch;
    if (batch.length < rows) return;
    const last = batch[batch.length - 1]!;
    after = plan.key.map((_, i) => last[keyAlias(i)]!);
  }
}

const sqliteColumns = (plan: TablePlan) => plan.columns.map((c) => `${sqliteSelect(quoted(c.name), c.pgType)} AS ${quoted(c.name)}`);

/** A row's values as sent to PostgreSQL, refused with the table, column and key named when one does not fit. */
function sent(plan: TablePlan, row: Row): (string | null)[] {
  return plan.columns.map((c) => {
    try {
      return postgresText(row[c.name] ?? null, c.pgType);
    } catch (err) {
      if (!(err instanceof ValueRefusedError)) throw err;
      throw new CopyRefusedError(`The SQLite row ${describeKey(plan, row)} of ${plan.name} cannot go into PostgreSQL: ${c.name} holds ${err.message}.`);
    }
  });
}

function keyOf(plan: TablePlan, row: Row): string {
  return JSON.stringify(plan.key.map((k) => postgresText(row[k] ?? null, plan.columns.find((c) => c.name === k)!.pgType)));
}

function describeKey(plan: TablePlan, row: Row): string {
  return `(${plan.key.join(', ')}) = (${plan.key.map((k) => String(row[k])).join(', ')})`;
}

/**
 * Refuses, naming the first one, any PostgreSQL row that SQLite does not hold with the same key and values;
 * returns how many rows PostgreSQL holds. Values are not shown: they may be personal data.
 */
async function refuseRowsNotInSource(source: Database, target: Database, plan: TablePlan, rows: number): Promise<number> {
  let held = 0;
  const asText = plan.columns.map((c) => `${quoted(c.name)}::text AS ${quoted(c.name)}`);
  for await (const batch of batches(target, plan, asText, rows)) {
    held += batch.length;
    const found = new Map<string, Row>();
    for (const row of await sourceRowsWithKeys(source, plan, batch)) found.set(keyOf(plan, row), row);
    for (const row of batch) {
      const original = found.get(keyOf(plan, row));
      const values = original && sent(plan, original);
      const differs = values && plan.columns.find((c, i) => !sameText(row[c.name] as string | null, values[i]!, c.pgType));
      if (original && !differs) continue;
      throw new CopyRefusedError(
        `PostgreSQL already holds rows that are not in the SQLite database: in ${plan.name}, the row ${describeKey(plan, row)} ` +
          `${original ? `differs in ${differs!.name}` : 'is not in SQLite'}. The copy goes only into an empty database or one ` +
          'holding an earlier copy of this same file, unchanged on either side since (not another office, not a hub that has run on it). ' +
          'Nothing was copied: to copy the file as it is now, start from an empty PostgreSQL database.',
      );
    }
  }
  return held;
}

/** The SQLite rows with the keys of `batch` (PostgreSQL's text forms: SQLite's column affinity reads them back as numbers where due). */
async function sourceRowsWithKeys(source: Database, plan: TablePlan, batch: Row[]): Promise<Row[]> {
  const keys = batch.map((row) => plan.key.map((k) => row[k] as string | null));
  const where =
    plan.key.length === 1
      ? `${quoted(plan.key[0]!)} IN (${keys.map(() => '?').join(', ')})`
      : keys.map(() => `(${plan.key.map((k) => `${quoted(k)} = ?`).join(' AND ')})`).join(' OR ');
  return source.all<Row>(`SELECT ${sqliteColumns(plan).join(', ')} FROM ${quoted(plan.name)} WHERE ${where}`, keys.flat());
}

/** Inserts the SQLite rows PostgreSQL does not have yet; returns how many. */
async function insertMissing(source: Database, target: Database, plan: TablePlan, rows: number): Promise<number> {
  const columns = plan.columns.map((c) => quoted(c.name)).join(', ');
  const overriding = plan.sequenced.length > 0 ? ' OVERRIDING SYSTEM VALUE' : ''; // an identity GENERATED ALWAYS takes copied ids only so
  const placeholders = `(${plan.columns.map(() => '?').join(', ')})`;
  let copied = 0;
  for await (const batch of batches(source, plan, sqliteColumns(plan), rows)) {
    const sql = `INSERT INTO ${quoted(plan.name)} (${columns})${overriding} VALUES ${batch.map(() => placeholders).join(', ')} ON CONFLICT (${plan.key.map(quoted).join(', ')}) DO NOTHING`;
    copied += (await target.run(sql, batch.flatMap((row) => sent(plan, row)))).changes;
  }
  return copied;
}
