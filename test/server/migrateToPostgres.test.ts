import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import pg from 'pg';
import { copyDatabase, CopyRefusedError, CountMismatchError, type CopyReport } from '../../server/store/copyToPostgres.ts';
import { Db } from '../../server/store/db.ts';
import { migrate } from '../../server/store/migrate.ts';
import { PgDatabase } from '../../server/store/pg/pgDatabase.ts';
import { startTestHub } from '../helpers/hub.ts';
import { historyOffice, makeOfficeHistory, type OfficeHistory } from '../helpers/officeHistory.ts';
import { freshPostgresUrl, skipWithoutPostgres } from '../helpers/postgres.ts';

const run = promisify(execFile);

/** Every table's rows in a SQLite file, counted on its own (not by the code under test). */
async function sqliteCounts(path: string): Promise<Map<string, number>> {
  const db = await Db.open(path, { readOnly: true });
  try {
    const tables = await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name");
    const counts = new Map<string, number>();
    for (const { name } of tables) counts.set(name, (await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "${name}"`))!.n);
    return counts;
  } finally {
    await db.close();
  }
}

async function postgresCount(url: string, table: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(`SELECT COUNT(*) AS n FROM "${table}"`)).rows[0].n);
  } finally {
    await client.end();
  }
}

/** npm run migrate-to-postgres as its own process: exit code, stdout and stderr. */
async function cli(args: string[], env: Record<string, string | undefined>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DB_PATH: '/nonexistent/never.db', ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'server/cli/migrateToPostgres.ts', ...args], { env: childEnv });
    return { code: 0, out: stdout.trim(), err: stderr.trim() };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, out: String(e.stdout).trim(), err: String(e.stderr).trim() };
  }
}

describe('npm run migrate-to-postgres (an office from SQLite to PostgreSQL)', function () {
  this.timeout(120_000);
  let dir: string;
  let dbPath: string;
  let history: OfficeHistory;
  let counts: Map<string, number>;
  const clock = { now: 0 };

  before(async function () {
    skipWithoutPostgres(this);
    dir = await mkdtemp(join(tmpdir(), 'punto-migrate-'));
    await mkdir(join(dir, 'office'));
    history = await makeOfficeHistory(join(dir, 'office'), clock);
    dbPath = join(dir, 'office', 'hub.db');
    counts = await sqliteCounts(dbPath);
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** copyDatabase from the history's file into the PostgreSQL database at `url`. */
  async function copy(url: string): Promise<CopyReport> {
    const [from, to] = [await Db.open(dbPath), await PgDatabase.open(url, { max: 2 })];
    try {
      return await copyDatabase(from, to, { now: clock.now, batchRows: 3 }); // several batches per table, keys past 9
    } finally {
      await to.close();
      await from.close();
    }
  }

  it('copies every table with equal counts, and a second run writes nothing and reports the same counts', async () => {
    for (const table of ['tickets', 'events', 'users', 'sessions', 'appointments', 'callbacks', 'callback_attempts', 'audit_log', 'devices', 'ratings', 'daily_stats', 'daily_arrivals', 'monthly_stats', 'daily_clerk_stats', 'rolled_up_days', 'engine_meta', 'desks', 'hub_secrets']) {
      expect(counts.get(table), `${table} has rows in the SQLite history`).to.be.greaterThan(0);
    }
    const url = await freshPostgresUrl();
    const first = await copy(url);
    expect(new Map(first.tables.map((t) => [t.table, t.source]))).to.deep.equal(counts);
    for (const t of first.tables) expect(t, t.table).to.deep.include({ target: counts.get(t.table), copied: counts.get(t.table) });
    for (const [table, n] of counts) expect(await postgresCount(url, table), table).to.equal(n);
    expect(first.tables.findIndex((t) => t.table === 'users')).to.be.lessThan(first.tables.findIndex((t) => t.table === 'sessions'), 'referenced tables first');

    const second = await copy(url);
    expect(second.tables).to.deep.equal(first.tables.map((t) => ({ ...t, copied: 0 })));
    for (const [table, n] of counts) expect(await postgresCount(url, table), table).to.equal(n);
  });

  it('a hub on the copy has the same office, queue and staff, numbers on, and gives new ids past the copied ones', async () => {
    const url = await freshPostgresUrl();
    // The queue and the office as the SQLite hub shows them.
    const before = await startTestHub({ dir: join(dir, 'office'), clock: () => clock.now, office: historyOffice });
    const token = await before.login();
    const queue = (await before.request('GET', '/api/queue', undefined, token)).body;
    const office = (await before.request('GET', '/api/admin/office', undefined, token)).body;
    await before.close();
    counts = await sqliteCounts(dbPath); // that start logged the admin in once more
    await copy(url);

    const hub = await startTestHub({ databaseUrl: url, clock: () => clock.now, office: historyOffice });
    try {
      const admin = await hub.login();
      expect((await hub.request('GET', '/api/queue', undefined, admin)).body).to.deep.equal(queue);
      expect((await hub.request('GET', '/api/admin/office', undefined, admin)).body).to.deep.equal(office);
      expect(office.name).to.equal(history.officeName);
      const manager = await hub.request('POST', '/api/auth/login', history.manager);
      expect(manager.status).to.equal(200);
      expect((await hub.request('GET', '/api/reports/monthly?year=2026', undefined, manager.body.token)).body.months[2]).to.include({ month: '2026-03', issued: 7 });
      // Tuesday had A001 and A002: numbering goes on.
      expect((await hub.issue({ serviceId: 'certs' })).body.ticket.number).to.equal('A003');
      // New rows in identity tables (a user, a device and its audit entries) take ids after the copied ones.
      await hub.loginAs('nuovo', 'clerk');
      await hub.device('display', 'all');
      expect(await postgresCount(url, 'users')).to.equal(counts.get('users')! + 1);
      expect(await postgresCount(url, 'devices')).to.equal(counts.get('devices')! + 1);
    } finally {
      await hub.close();
    }
  });

  it('refuses a database a hub has worked on since the first copy, and one holding another office, changing nothing', async () => {
    const url = await freshPostgresUrl();
    await copy(url);
    const hub = await startTestHub({ databaseUrl: url, clock: () => clock.now, office: historyOffice });
    const ticket = (await hub.issue({ serviceId: 'info' })).body.ticket;
    await hub.close();
    const tickets = await postgresCount(url, 'tickets');
    const again = await copy(url).catch((err: unknown) => err);
    expect(again).to.be.instanceOf(CopyRefusedError);
    expect((again as Error).message).to.match(new RegExp(`already holds rows that are not in the SQLite database: in \\w+, the row .* (is not in SQLite|differs in)`));
    expect(await postgresCount(url, 'tickets')).to.equal(tickets);
    expect(ticket.number).to.match(/^C\d{3}$/);

    const other = await freshPostgresUrl();
    const otherHub = await startTestHub({ databaseUrl: other, clock: () => clock.now });
    await otherHub.issue({ serviceId: 'certs' });
    await otherHub.close();
    const refused = await copy(other).catch((err: unknown) => err);
    expect(refused).to.be.instanceOf(CopyRefusedError);
    expect(await postgresCount(other, 'tickets')).to.equal(1);
    expect(await postgresCount(other, 'ratings')).to.equal(0);
  });

  it('rolls the whole copy back and names the table when a count differs', async () => {
    const url = await freshPostgresUrl();
    const to = await PgDatabase.open(url, { max: 2 });
    try {
      await migrate(to, clock.now);
      // A trigger that drops every audit entry silently: the copy runs, the count comes out short.
      await to.exec(`CREATE FUNCTION drop_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
        CREATE TRIGGER lose_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION drop_row();`);
    } finally {
      await to.close();
    }
    const failed = await copy(url).catch((err: unknown) => err);
    expect(failed).to.be.instanceOf(CountMismatchError);
    expect((failed as Error).message).to.match(new RegExp(`audit_log \\(${counts.get('audit_log')} in SQLite, 0 in PostgreSQL\\)`));
    expect((failed as Error).message).not.to.match(/tickets/);
    expect(await postgresCount(url, 'tickets')).to.equal(0);
  });

  it('refuses schemas that do not match (a SQLite column PostgreSQL lacks, a newer migration), naming them, before writing', async () => {
    const changed = join(dir, 'changed.db');
    await copyFile(dbPath, changed);
    const refusal = async (change: string) => {
      const from = await Db.open(changed);
      const to = await PgDatabase.open(await freshPostgresUrl(), { max: 2 });
      try {
        await from.exec(change);
        return await copyDatabase(from, to, { now: clock.now }).then(() => undefined, (err: unknown) => err as Error);
      } finally {
        await to.close();
        await from.close();
      }
    };
    const column = await refusal('ALTER TABLE tickets ADD COLUMN colour TEXT');
    expect(column).to.be.instanceOf(CopyRefusedError);
    expect(column!.message).to.equal('The SQLite column tickets.colour has no column of that name in PostgreSQL: the two schemas differ.');
    const newer = await refusal("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'from-the-future', 0)");
    expect(newer).to.be.instanceOf(CopyRefusedError);
    expect(newer!.message).to.match(/^The SQLite database has migration 9999, and this version of Punto Comune knows migrations up to \d+ only/);
  });

  it('converts where the engines differ (boolean, bytea, jsonb, float columns a later migration may bring), idempotently', async () => {
    const typed = join(dir, 'typed.db');
    await copyFile(dbPath, typed);
    const url = await freshPostgresUrl();
    const from = await Db.open(typed);
    const to = await PgDatabase.open(url, { max: 2 });
    try {
      await migrate(from, clock.now);
      await migrate(to, clock.now);
      await from.exec(`CREATE TABLE kinds (id INTEGER PRIMARY KEY, flag INTEGER NOT NULL, raw BLOB, doc TEXT, ratio REAL);
        INSERT INTO kinds VALUES (1, 1, x'00ff10', '{"b": [2], "a": 1}', 0.1), (2, 0, NULL, NULL, 1e-7), (12, 1, x'', '[]', NULL)`);
      await to.exec('CREATE TABLE kinds (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, flag BOOLEAN NOT NULL, raw BYTEA, doc JSONB, ratio DOUBLE PRECISION)');
      const first = await copyDatabase(from, to, { now: clock.now, batchRows: 2 });
      expect(first.tables.find((t) => t.table === 'kinds')).to.deep.equal({ table: 'kinds', source: 3, target: 3, copied: 3 });
      const rows = await to.all<Record<string, unknown>>("SELECT id, flag, encode(raw, 'hex') AS raw, doc->>'a' AS a, ratio FROM kinds ORDER BY id");
      expect(rows).to.deep.equal([
        { id: 1, flag: true, raw: '00ff10', a: '1', ratio: 0.1 },
        { id: 2, flag: false, raw: null, a: null, ratio: 1e-7 },
        { id: 12, flag: true, raw: '', a: null, ratio: null },
      ]);
      expect((await to.get<{ id: number }>('INSERT INTO kinds (flag) VALUES (false) RETURNING id'))!.id).to.equal(13); // past the copied ids
      await to.run('DELETE FROM kinds WHERE id = 13');
      const second = await copyDatabase(from, to, { now: clock.now, batchRows: 2 });
      expect(second.tables.find((t) => t.table === 'kinds')).to.deep.equal({ table: 'kinds', source: 3, target: 3, copied: 0 });
      await to.run('UPDATE kinds SET flag = false WHERE id = 12');
      const edited = (await copyDatabase(from, to, { now: clock.now }).catch((err: unknown) => err)) as Error;
      expect(edited).to.be.instanceOf(CopyRefusedError);
      expect(edited.message).to.match(/in kinds, the row \(id\) = \(12\) differs in flag/);
    } finally {
      await to.close();
      await from.close();
    }
  });

  it('the command line copies every office the file lists, each into its own schema, and a hub on PostgreSQL numbers on in each', async () => {
    const place = join(dir, 'network');
    await mkdir(place);
    let hub = await startTestHub({ dir: place });
    const office = { ...hub.hub.ctx.office, id: 'vingone', name: 'Vingone' };
    try {
      const admin = await hub.login();
      expect((await hub.request('POST', '/api/admin/offices', { office }, admin)).status).to.equal(201);
      expect((await hub.request('POST', '/api/offices/vingone/tickets', { serviceId: office.services[0]!.id }, admin)).status).to.equal(201);
      expect((await hub.request('POST', '/api/offices/vingone/tickets', { serviceId: office.services[0]!.id }, admin)).status).to.equal(201);
    } finally {
      await hub.close();
    }
    const url = await freshPostgresUrl();
    const copied = await cli(['--from', join(place, 'hub.db')], { DATABASE_URL: url });
    expect(copied.code, copied.err).to.equal(0);
    expect(copied.out).to.match(/-> the schema office_vingone \(PostgreSQL/);
    expect(copied.out.match(/^ok: /gm)).to.have.length(2);
    expect((await cli(['--from', join(place, 'hub.db')], { DATABASE_URL: url })).out.match(/, 0 copied by this run/g), 'idempotent in each office').to.have.length(2);
    hub = await startTestHub({ databaseUrl: url });
    try {
      const admin = await hub.login();
      expect((await hub.request('GET', '/api/admin/offices', undefined, admin)).body.offices.map((o: { id: string }) => o.id)).to.deep.equal(['main', 'vingone']);
      const next = await hub.request('POST', '/api/offices/vingone/tickets', { serviceId: office.services[0]!.id }, admin);
      expect(next.body.ticket.number).to.match(/003$/);
    } finally {
      await hub.close();
    }
  });

  it('the command line: copies with a table of counts and exit 0, twice; refuses clearly without --from or DATABASE_URL, a file in use or not SQLite', async () => {
    const url = await freshPostgresUrl();
    const first = await cli(['--from', dbPath], { DATABASE_URL: url });
    expect(first.code, first.err).to.equal(0);
    expect(first.out).to.match(/^tickets\s+(\d+)\s+\1\s+\1$/m);
    expect(first.out).to.match(/^ok: \d+ tables, \d+ rows in both, \d+ copied by this run/m);
    const second = await cli(['--from', dbPath], { DATABASE_URL: url });
    expect(second.code, second.err).to.equal(0);
    expect(second.out).to.match(/^tickets\s+(\d+)\s+\1\s+0$/m);
    expect(second.out).to.match(/, 0 copied by this run/);
    expect(second.out + second.err).not.to.include(url);

    const noFrom = await cli([], { DATABASE_URL: url });
    expect(noFrom).to.deep.include({ code: 1 });
    expect(noFrom.err).to.match(/--from <SQLite file> is required.*\nusage: npm run migrate-to-postgres/s);
    const noUrl = await cli(['--from', dbPath], { DATABASE_URL: undefined });
    expect(noUrl).to.deep.include({ code: 1 });
    expect(noUrl.err).to.match(/DATABASE_URL is not set/);
    const missing = await cli(['--from', join(dir, 'nope.db')], { DATABASE_URL: url });
    expect(missing.err).to.match(/There is no SQLite database at .*nope\.db/);
    const notSqlite = join(dir, 'notes.txt');
    await writeFile(notSqlite, 'not a database, just some text that is long enough to be read as a header '.repeat(20));
    expect((await cli(['--from', notSqlite], { DATABASE_URL: url })).err).to.match(/is not a SQLite database/);

    // A hub running on a file (idle, even): refused, and nothing copied.
    await mkdir(join(dir, 'running'));
    await copyFile(dbPath, join(dir, 'running', 'hub.db'));
    const running = await startTestHub({ dir: join(dir, 'running'), clock: () => clock.now, office: historyOffice });
    try {
      const busy = await cli(['--from', join(dir, 'running', 'hub.db')], { DATABASE_URL: await freshPostgresUrl() });
      expect(busy.code).to.equal(1);
      expect(busy.err).to.match(/is open in another program \(is the hub still running on it\?\)/);
    } finally {
      await running.close();
    }
    expect((await cli(['--help'], {})).out).to.match(/^usage: npm run migrate-to-postgres -- --from <SQLite file>/);
  });
});
