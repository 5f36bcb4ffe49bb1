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
    expect(migrations.map((m) => m.version)).to.deep.equal(migrations.map((_, i) => i + 1));
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
    const next = { version: initial.at(-1)!.version + 1, name: 'add-notes', sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);' };
    expect(await migrate(db, T0 + 1, [...initial, next])).to.deep.equal([next.version]);
    expect(await tables(db)).to.include('notes');
    expect(await migrate(db, T0 + 2, [...initial, next])).to.deep.equal([]);
  });

  it('0006-ratings keeps the paired devices while it lets a feedback tablet in', async () => {
    const all = await readMigrations();
    await migrate(db, T0, all.filter((m) => m.version < 6));
    await db.run("INSERT INTO devices (name, kind, profile, token_hash, paired_at, created_at) VALUES ('Totem', 'kiosk', 'info-point', 'abc', 5, 1)");
    await expectFails(db.run("INSERT INTO devices (name, kind, profile, created_at) VALUES ('Tablet', 'feedback', 'desk-1', 1)"), /CHECK constraint/);
    await migrate(db, T0, all);
    expect(await db.all('SELECT name, kind, profile, token_hash, paired_at, created_at FROM devices')).to.deep.equal([
      { name: 'Totem', kind: 'kiosk', profile: 'info-point', token_hash: 'abc', paired_at: 5, created_at: 1 },
    ]);
    await db.run("INSERT INTO devices (name, kind, profile, created_at) VALUES ('Tablet', 'feedback', 'desk-1', 1)");
    await expectFails(db.run("INSERT INTO devices (name, kind, profile, created_at) VALUES ('Toaster', 'toaster', 'x', 1)"), /CHECK constraint/);
    await expectFails(db.run("INSERT INTO devices (name, kind, profile, token_hash, created_at) VALUES ('Totem 2', 'kiosk', 'x', 'abc', 1)"), /UNIQUE constraint/);
    expect(await tables(db)).to.include('ratings');
  });

  it('a migration that fails half-way leaves nothing of itself behind', async () => {
    const initial = await readMigrations();
    await migrate(db, T0, initial);
    const broken = {
      version: initial.at(-1)!.version + 1,
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

  it('0010 gives the days already rolled up their cancelled tickets, per service and desk, as the roll-up counts them', async () => {
    const all = await readMigrations();
    const cancelled = all.find((m) => m.name === 'report-cancelled')!;
    await migrate(db, T0, all.filter((m) => m.version < cancelled.version));
    const ticket = (id: number, service: string, desk: string | null, status: string) =>
      db.run(
        `INSERT INTO tickets (id, day, seq, number, issued_service_id, service_id, status, priority, issued_at, desk_id) VALUES (?, '2026-01-13', ?, ?, ?, ?, ?, 0, ?, ?)`,
        [id, id, `A${id}`, service, service, status, T0, desk],
      );
    await ticket(1, 'certs', null, 'cancelled'); // left from the phone while waiting: no desk
    await ticket(2, 'certs', null, 'cancelled');
    await ticket(3, 'certs', 'desk-1', 'cancelled'); // parked at desk-1, then cancelled by staff
    await ticket(4, 'certs', 'desk-1', 'done');
    await ticket(5, 'info', null, 'expired');
    const stats = (service: string, desk: string, issued: number) =>
      db.run(`INSERT INTO daily_stats VALUES ('2026-01-13', ?, ?, ?, 0, 0, 0, 0, 0, 0, '{}', 0, 0, '{}', '{}')`, [service, desk, issued]);
    await stats('certs', '', 2);
    await stats('certs', 'desk-1', 2);
    await stats('info', '', 1);
    expect(await migrate(db, T0, all)).to.include(cancelled.version);
    const rows = await db.all<{ service_id: string; desk_id: string; cancelled: number }>('SELECT service_id, desk_id, cancelled FROM daily_stats ORDER BY service_id, desk_id');
    expect(rows).to.deep.equal([
      { service_id: 'certs', desk_id: '', cancelled: 2 },
      { service_id: 'certs', desk_id: 'desk-1', cancelled: 1 },
      { service_id: 'info', desk_id: '', cancelled: 0 },
    ]);
  });
});

async function expectFails(write: Promise<unknown>, message: RegExp): Promise<void> {
  const err = await write.then(() => undefined, (e: Error) => e);
  expect(err?.message).to.match(message);
}
