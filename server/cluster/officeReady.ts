import { officeSchema } from '../offices/officeStorage.ts';
import type { Database } from '../store/db.ts';
import { postgresDialect } from '../store/dialect.ts';
import { readMigrations } from '../store/migrate.ts';

/**
 * Whether an office of the list is ready for another node to open: its schema migrated to the latest version and
 * its office config stored. An office being created on another node is in the list before that (its id is taken
 * first); opening it then would migrate the schema twice at once, or seed it with this node's config file.
 */
export async function officeReady(db: Database, officeId: string): Promise<boolean> {
  const schema = officeSchema(officeId);
  const found = await db.get<{ n: number }>(
    "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = ? AND table_name IN ('schema_migrations', 'engine_meta')",
    [schema],
  );
  if (found?.n !== 2) return false;
  const latest = (await readMigrations(postgresDialect.migrationsDir)).at(-1)?.version ?? 0;
  // The schema name comes from an office id (letters, digits, dashes): nothing to escape.
  const row = await db.get<{ version: number | null; seeded: number }>(
    `SELECT (SELECT max(version) FROM "${schema}".schema_migrations) AS version, (SELECT count(*)::int FROM "${schema}".engine_meta WHERE key = 'office') AS seeded`,
  );
  return row?.version === latest && row.seeded === 1;
}
