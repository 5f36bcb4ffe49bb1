import type { Db } from './db.ts';
import type { PgDatabase } from './pg/pgDatabase.ts';

/** Why a copy from SQLite to PostgreSQL does not start, or stops before it commits anything. */
export class CopyRefusedError extends Error {
  override readonly name = 'CopyRefusedError';
}

/** One column copied: its name (the same on both engines) and its PostgreSQL type (information_schema's data_type). */
export interface CopiedColumn {
  name: string;
  pgType: string;
}

/** One table to copy, matched by name on both engines. */
export interface TablePlan {
  name: string;
  /** The SQLite columns, each with the type of the PostgreSQL column of the same name. */
  columns: CopiedColumn[];
  /** The primary key's columns, in key order (the same on both engines). */
  key: string[];
  /** PostgreSQL identity or serial columns: their sequences are set past the copied ids. */
  sequenced: string[];
}

/** The tables each engine's migrations keep for themselves: never copied. */
const bookkeeping = new Set(['schema_migrations']);

/** An identifier quoted for either engine (both take "…" with doubled quotes inside). */
export const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

interface SqliteTable {
  columns: string[];
  key: string[];
}

async function sqliteTables(db: Db): Promise<Map<string, SqliteTable>> {
  const rows = await db.all<{ t: string; c: string; pk: number }>(
    "SELECT m.name AS t, p.name AS c, p.pk AS pk FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid",
  );
  const tables = new Map<string, SqliteTable>();
  const keyOrder = new Map<string, { c: string; pk: number }[]>();
  for (const r of rows) {
    if (bookkeeping.has(r.t)) continue;
    const table = tables.get(r.t) ?? { columns: [], key: [] };
    tables.set(r.t, table);
    table.columns.push(r.c);
    if (r.pk > 0) keyOrder.set(r.t, [...(keyOrder.get(r.t) ?? []), { c: r.c, pk: r.pk }]);
  }
  for (const [name, table] of tables) table.key = (keyOrder.get(name) ?? []).sort((a, b) => a.pk - b.pk).map((k) => k.c);
  return tables;
}

interface PgColumn {
  type: string;
  /** It may be left out of an INSERT: nullable, with a default, or an identity. */
  optional: boolean;
  sequenced: boolean;
}

interface PgTable {
  columns: Map<string, PgColumn>;
  key: string[];
}

/** The tables of the connection's current schema (`public`, or an office's own schema once offices have theirs). */
async function postgresTables(db: PgDatabase): Promise<Map<string, PgTable>> {
  const columns = await db.all<{ t: string; c: string; type: string; nullable: string; fallback: string | null; identity: string }>(
    `SELECT table_name AS t, column_name AS c, data_type AS type, is_nullable AS nullable, column_default AS fallback, is_identity AS identity
     FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const keys = await db.all<{ t: string; c: string }>(
    `SELECT k.table_name AS t, k.column_name AS c FROM information_schema.table_constraints c
     JOIN information_schema.key_column_usage k ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name
     WHERE c.constraint_type = 'PRIMARY KEY' AND c.table_schema = current_schema() ORDER BY k.table_name, k.ordinal_position`,
  );
  const tables = new Map<string, PgTable>();
  for (const r of columns) {
    if (bookkeeping.has(r.t)) continue;
    const table = tables.get(r.t) ?? { columns: new Map(), key: [] };
    tables.set(r.t, table);
    const sequenced = r.identity === 'YES' || (r.fallback ?? '').startsWith('nextval(');
    table.columns.set(r.c, { type: r.type, optional: r.nullable === 'YES' || r.fallback !== null || sequenced, sequenced });
  }
  for (const k of keys) tables.get(k.t)?.key.push(k.c);
  return tables;
}

/** Which PostgreSQL table references which (foreign keys), so that a referenced table is filled first. */
async function postgresReferences(db: PgDatabase): Promise<{ t: string; ref: string }[]> {
  return db.all<{ t: string; ref: string }>(
    `SELECT c.relname AS t, r.relname AS ref FROM pg_constraint k
     JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
     WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace`,
  );
}

/**
 * The tables to copy, referenced ones first: every SQLite table (but the migrations' own) must have a
 * PostgreSQL table of the same name, with every one of its columns and the same primary key; a PostgreSQL
 * column SQLite lacks must be one an INSERT may leave out. Anything else is a schema the two databases do not
 * share (one of them written by another version of Punto Comune): refused, naming the table and column.
 */
export async function planCopy(from: Db, to: PgDatabase): Promise<TablePlan[]> {
  const [source, target, references] = [await sqliteTables(from), await postgresTables(to), await postgresReferences(to)];
  const plans = new Map<string, TablePlan>();
  for (const [name, table] of source) {
    const pg = target.get(name);
    if (!pg) throw new CopyRefusedError(`The SQLite table ${name} has no table of that name in PostgreSQL: the two schemas differ.`);
    const missing = table.columns.find((c) => !pg.columns.has(c));
    if (missing) throw new CopyRefusedError(`The SQLite column ${name}.${missing} has no column of that name in PostgreSQL: the two schemas differ.`);
    const required = [...pg.columns].find(([c, col]) => !col.optional && !table.columns.includes(c));
    if (required) throw new CopyRefusedError(`The PostgreSQL column ${name}.${required[0]} needs a value and SQLite has no column of that name: the two schemas differ.`);
    if (table.key.length === 0) throw new CopyRefusedError(`The SQLite table ${name} has no primary key: it cannot be copied without duplicating rows on a second run.`);
    if (table.key.join(',') !== pg.key.join(',')) {
      throw new CopyRefusedError(`The table ${name} has the primary key (${table.key.join(', ')}) in SQLite and (${pg.key.join(', ')}) in PostgreSQL: the two schemas differ.`);
    }
    plans.set(name, {
      name,
      columns: table.columns.map((c) => ({ name: c, pgType: pg.columns.get(c)!.type })),
      key: table.key,
      sequenced: [...pg.columns].filter(([c, col]) => col.sequenced && table.columns.includes(c)).map(([c]) => c),
    });
  }
  return referencedFirst(plans, references);
}

/** The plans in name order, except that a table comes after every table it references. */
function referencedFirst(plans: Map<string, TablePlan>, references: { t: string; ref: string }[]): TablePlan[] {
  const needs = new Map<string, Set<string>>();
  for (const { t, ref } of references) if (t !== ref && plans.has(t) && plans.has(ref)) needs.set(t, (needs.get(t) ?? new Set()).add(ref));
  const ordered: TablePlan[] = [];
  const placed = new Set<string>();
  const place = (name: string, path: Set<string>) => {
    if (placed.has(name) || path.has(name)) return; // a cycle of references: left in name order
    path.add(name);
    for (const ref of [...(needs.get(name) ?? [])].sort()) place(ref, path);
    placed.add(name);
    ordered.push(plans.get(name)!);
  };
  for (const name of [...plans.keys()].sort()) place(name, new Set());
  return ordered;
}
