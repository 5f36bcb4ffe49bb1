import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Db } from '../../server/store/db.ts';
import { migrate, readMigrations } from '../../server/store/migrate.ts';

const T0 = Date.UTC(2026, 0, 14, 9, 0);

async function tables(db: Db): Promise<string[]> {
  const rows = await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  return rows.map((r) => r.name);
}

describe('store: migrations', () => {
  let dir: string;
  let db: Db;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'punto-comune-migrate-'));
    db = await Db.open(join(dir, 'hub.db'));
  });

  afterEach(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('readMigrations() finds the numbered SQL files in order, starting at 0001-initial', async () => {
    const migrations = await readMigrations();
    expect(migrations[0]).to.include({ version: 1, name: 'initial' });
    // Strictly increasing; a number may be missing for a while (numbers are reserved for work on parallel branches).
    const versions = migrations.map((m) => m.version);
    expect(versions).to.deep.equal([...new Set(versions)].sort((a, b) => a - b));
    expect(migrations[0]!.sql).to.match(/CREATE TABLE tickets/);
  });

  it('migrate() on an empty database creates the tables and records version 1', async () => {
    expect(await tables(db)).to.deep.equal([]);
    const applied = await migrate(db, T0);
    expect(applied[0]).to.equal(1);
    expect(await tables(db)).to.include.members(['desks', 'engine_meta', 'events', 'schema_migrations', 'sessions', 'tickets', 'users']);
    const recorded = await db.all<{ version: number; name: string; applied_at: number }>('SELECT * FROM schema_migrations ORDER BY version');
    expect(recorded[0]).to.deep.equal({ version: 1, name: 'initial', applied_at: T0 });
    expect(recorded.map((r) => r.version)).to.deep.equal(applied);

    // The tables are usable as the store uses them, constraints included.
    const insert = 'INSERT INTO tickets (id, day, seq, number, issued_service_id, service_id, status, priority, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)';
    await db.run(insert, [1, '2026-01-14', 1, 'A001', 'certs', 'certs', 'waiting', 0, T0]);
    let duplicate: unknown;
    await db.run(insert, [2, '2026-01-14', 1, 'A001', 'certs', 'certs', 'waiting', 0, T0]).catch((e: unknown) => (duplicate = e));
    expect(String(duplicate)).to.match(/UNIQUE constraint failed/);
  });

  it('migrate() a second time applies nothing and keeps the data', async () => {
    await migrate(db, T0);
    await db.run("INSERT INTO engine_meta (key, value) VALUES ('day', '\"2026-01-14\"')");
    expect(await migrate(db, T0 + 60_000)).to.deep.equal([]);
    const recorded = await db.all<{ version: number; applied_at: number }>('SELECT version, applied_at FROM schema_migrations');
    expect(recorded).to.have.length((await readMigrations()).length);
    expect(recorded[0]).to.deep.equal({ version: 1, applied_at: T0 });
    expect(await db.get<{ value: string }>("SELECT value FROM engine_meta WHERE key = 'day'")).to.deep.equal({ value: '"2026-01-14"' });
  });

  it('migrate() applies only the migrations a database has not seen, in order', async () => {
    const initial = await readMigrations();
    await migrate(db, T0, initial);
    const next = { version: initial.length + 1, name: 'add-notes', sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);' };
    expect(await migrate(db, T0 + 1, [...initial, next])).to.deep.equal([next.version]);
    expect(await tables(db)).to.include('notes');
    expect(await migrate(db, T0 + 2, [...initial, next])).to.deep.equal([]);
  });

  it('a migration that fails half-way leaves nothing of itself behind', async () => {
    const initial = await readMigrations();
    await migrate(db, T0, initial);
    const broken = {
      version: initial.length + 1,
      name: 'broken',
      sql: 'CREATE TABLE half (id INTEGER PRIMARY KEY); INSERT INTO no_such_table VALUES (1);',
    };
    let failure: unknown;
    await migrate(db, T0, [...initial, broken]).catch((e: unknown) => (failure = e));
    expect(String(failure)).to.match(/no such table: no_such_table/);
    expect(await tables(db)).to.not.include('half');
    const versions = (await db.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version);
    expect(versions).to.not.include(broken.version);
  });
});
