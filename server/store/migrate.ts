import { readdir, readFile } from 'node:fs/promises';
import type { SqlConnection } from './db.ts';
import { sqliteDialect } from './dialect.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** A migration history: the `NNNN-name.sql` files of a folder (server/store/migrations for SQLite, migrations-pg for PostgreSQL). */
export async function readMigrations(dir = sqliteDialect.migrationsDir): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}-[a-z0-9-]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => ({
      version: Number(file.slice(0, 4)),
      name: file.slice(5, -4),
      sql: await readFile(dir + file, 'utf8'),
    })),
  );
}

/**
 * Applies the migrations the database has not seen, each in its own transaction, from the history of the
 * database's engine unless `migrations` are given. Returns the versions applied.
 */
export async function migrate(db: SqlConnection, now: number, migrations?: Migration[]): Promise<number[]> {
  await db.exec(db.dialect.schemaMigrationsTable);
  const done = new Set((await db.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
  const applied: number[] = [];
  for (const m of migrations ?? (await readMigrations(db.dialect.migrationsDir))) {
    if (done.has(m.version)) continue;
    await db.transaction(async (tx) => {
      await tx.exec(m.sql);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, now]);
    });
    applied.push(m.version);
  }
  return applied;
}
