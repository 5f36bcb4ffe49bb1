import { execFile } from 'node:child_process';
import { access, copyFile, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import type { QueueSnapshot, TicketView } from '../../protocol/views.ts';
import { backupDatabase } from '../../server/backup/backup.ts';
import { scheduleDailyBackups } from '../../server/backup/dailyBackups.ts';
import { dayOf } from '../../server/engine/calendar.ts';
import { createHub } from '../../server/hub.ts';
import { createLogger } from '../../server/logger.ts';
import { Db } from '../../server/store/db.ts';
import { adminPassword, startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';
import { sqliteOnly } from '../helpers/postgres.ts';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const exists = (path: string) => access(path).then(() => true, () => false);

/** One query on a database file, through a connection of its own. */
async function queryFile<T>(path: string, sql: string, params: (string | number)[] = []): Promise<T[]> {
  const db = await Db.open(path);
  try {
    return await db.all<T>(sql, params);
  } finally {
    await db.close();
  }
}

const countTickets = async (path: string) => (await queryFile<{ n: number }>(path, 'SELECT COUNT(*) AS n FROM tickets'))[0]!.n;

async function issue(hub: TestHub, token: string): Promise<TicketView> {
  const res = await hub.request('POST', '/api/tickets', { serviceId: 'certs' }, token);
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.ticket as TicketView;
}

/** Tickets issued and served until `deadline` (and at most a few hundred rounds per loop). */
async function officeLoad(hub: TestHub, token: string, deadline: number): Promise<void> {
  const issuer = async () => {
    for (let i = 0; i < 500 && Date.now() < deadline; i++) await issue(hub, token);
  };
  const desk = async (deskId: string) => {
    for (let i = 0; i < 500 && Date.now() < deadline; i++) {
      const called = await hub.request('POST', `/api/desks/${deskId}/call-next`, {}, token);
      if (called.status !== 200) {
        expect(called.body.error.code, JSON.stringify(called.body)).to.equal('queue-empty');
        await sleep(5);
        continue;
      }
      const finished = await hub.request('POST', `/api/desks/${deskId}/finish`, { outcomes: [{ code: 'certificate', count: 1 }] }, token);
      expect(finished.status, JSON.stringify(finished.body)).to.equal(200);
    }
  };
  await Promise.all([issuer(), issuer(), issuer(), desk('desk-1'), desk('desk-2'), desk('desk-3')]);
}

describe('database backups', () => {
  before(function () {
    sqliteOnly(this, 'a backup of the database file');
  });
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'punto-backup-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  describe('backupDatabase()', () => {
    it('copies the database while tickets are issued and served, and the copy restores to a consistent queue', async () => {
      const hub = await startTestHub();
      await hub.holdAll(); // a desk calls only while a clerk holds it
      const restoreDir = join(dir, 'restored');
      const out = join(dir, 'backups', 'live.db');
      try {
        const token = await hub.login();
        const load = officeLoad(hub, token, Date.now() + 1500);
        await sleep(700);
        const before = await countTickets(hub.dbPath);
        const summary = await backupDatabase(hub.dbPath, out);
        const after = await countTickets(hub.dbPath);
        await load;
        const final = await countTickets(hub.dbPath);

        expect(summary.path).to.equal(out);
        expect(summary.bytes).to.equal((await stat(out)).size);
        expect(summary.tickets).to.be.within(before, after);
        expect(before).to.be.greaterThan(0);
        expect(final, 'the hub kept writing after the backup').to.be.greaterThan(after);
        expect(await exists(`${out}.partial`)).to.equal(false);

        // Restore as docs/backup.md says: the backup becomes the database of a hub that starts on it.
        await copyFile(out, join(dir, 'inspected.db'));
        await mkdir(restoreDir);
        await copyFile(out, join(restoreDir, 'hub.db'));
        const copy = join(dir, 'inspected.db');
        const events = await queryFile<{ n: number; last: number }>(copy, 'SELECT COUNT(*) AS n, MAX(seq) AS last FROM events');
        expect(events[0]).to.deep.equal({ n: summary.lastSeq, last: summary.lastSeq }); // no event missing
        const orphans = await queryFile<{ id: number }>(
          copy,
          `SELECT id FROM tickets t WHERE
             NOT EXISTS (SELECT 1 FROM events e WHERE e.ticket_id = t.id AND e.type = 'ticket:issued')
             OR (t.called_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e WHERE e.ticket_id = t.id AND e.type = 'ticket:called'))
             OR (t.status = 'done' AND NOT EXISTS (SELECT 1 FROM events e WHERE e.ticket_id = t.id AND e.type = 'ticket:finished'))
           UNION SELECT ticket_id FROM events e WHERE ticket_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = e.ticket_id)`,
        );
        expect(orphans, 'tickets and events that do not match').to.deep.equal([]);
        const waiting = (await queryFile<{ id: number }>(copy, "SELECT id FROM tickets WHERE status = 'waiting' ORDER BY id")).map((r) => r.id);
        const atDesks = await queryFile<{ id: string; ticket: number | null }>(copy, 'SELECT id, current_ticket_id AS ticket FROM desks ORDER BY id');
        const numbers = new Set((await queryFile<{ number: string }>(copy, 'SELECT number FROM tickets')).map((r) => r.number));
        const maxId = (await queryFile<{ id: number }>(copy, 'SELECT MAX(id) AS id FROM tickets'))[0]!.id;

        const restored = await startTestHub({ dir: restoreDir });
        try {
          expect(await queryFile(restored.dbPath, 'PRAGMA integrity_check')).to.deep.equal([{ integrity_check: 'ok' }]);
          expect(await countTickets(restored.dbPath)).to.equal(summary.tickets);
          const restoredToken = await restored.login();
          const queue = await restored.request('GET', '/api/queue', undefined, restoredToken);
          expect(queue.status).to.equal(200);
          const snapshot = queue.body as QueueSnapshot;
          expect(snapshot.seq).to.equal(summary.lastSeq);
          expect(snapshot.waiting.map((t) => t.id).sort((a, b) => a - b)).to.deep.equal(waiting);
          expect(snapshot.desks.map((d) => ({ id: d.id, ticket: d.currentTicket?.id ?? null })).sort((a, b) => a.id.localeCompare(b.id))).to.deep.equal(atDesks);

          const next = await issue(restored, restoredToken);
          expect(next.id).to.be.greaterThan(maxId);
          expect(numbers.has(next.number), `${next.number} was given before the backup`).to.equal(false);
        } finally {
          await restored.close();
        }
      } finally {
        await hub.close();
      }
    });

    it('refuses to overwrite a file, and a missing or foreign database', async () => {
      const hub = await startTestHub();
      try {
        const target = join(dir, 'taken.db');
        await writeFile(target, 'not mine');
        try {
          await backupDatabase(hub.dbPath, target);
          expect.fail('overwrote a file');
        } catch (err) {
          expect((err as Error).message).to.equal(`${target} already exists: a backup never overwrites a file.`);
        }
        const notSqlite = join(dir, 'notes.db');
        await writeFile(notSqlite, 'x'.repeat(200));
        for (const [source, message] of [
          [join(dir, 'missing.db'), 'No database at'],
          [dir, 'No database at'],
          [notSqlite, 'is not a SQLite database'],
        ] as const) {
          const error = await backupDatabase(source, join(dir, 'out.db')).then(() => undefined, (err: Error) => err.message);
          expect(error, source).to.include(message);
        }
        expect(await exists(join(dir, 'missing.db')), 'the missing database was not created').to.equal(false);
        expect(await readdir(dir)).to.have.members(['taken.db', 'notes.db']);
      } finally {
        await hub.close();
      }
    });
  });

  describe('npm run backup', () => {
    const cli = async (args: string[], env: Record<string, string> = {}) => {
      try {
        const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/cli/backup.ts', ...args], { env: { ...process.env, ...env } });
        return { code: 0, out: stdout.trim() };
      } catch (err) {
        const failed = err as { code?: number; stderr?: string };
        return { code: failed.code ?? -1, out: String(failed.stderr).trim() };
      }
    };

    it('backs up a running hub, refuses an existing target and explains a wrong database path', async () => {
      const hub = await startTestHub();
      try {
        const token = await hub.login();
        for (let i = 0; i < 3; i++) await issue(hub, token);
        const out = join(dir, 'manual.db');

        const made = await cli(['--db', hub.dbPath, '--out', out]);
        expect(made.code, made.out).to.equal(0);
        expect(made.out).to.match(new RegExp(`^Backed up .+hub\\.db to .+manual\\.db: \\d+ kB, 3 tickets, last event 3, integrity ok, \\d+ ms\\.$`));
        expect(await countTickets(out)).to.equal(3);

        await issue(hub, token);
        const again = await cli(['--db', hub.dbPath, '--out', out]);
        expect(again).to.deep.equal({ code: 1, out: `Backup failed: ${out} already exists: a backup never overwrites a file.` });
        expect(await countTickets(out), 'the first backup is untouched').to.equal(3);

        const missing = join(dir, 'typo.db');
        const wrong = await cli(['--db', missing, '--out', join(dir, 'other.db')]);
        expect(wrong).to.deep.equal({ code: 1, out: `Backup failed: No database at ${missing}.` });
        expect(await exists(missing)).to.equal(false);

        const both = await cli(['--out', 'a.db', '--dir', 'b']);
        expect(both.code).to.equal(1);
        expect(both.out).to.include('Give --out or --dir, not both.');

        // DB_PATH by default, a dated file in --dir.
        const dated = await cli(['--dir', join(dir, 'daily')], { DB_PATH: hub.dbPath });
        expect(dated.code, dated.out).to.equal(0);
        const [name, ...more] = await readdir(join(dir, 'daily'));
        expect(more).to.deep.equal([]);
        expect(name).to.match(/^punto-comune-\d{4}-\d{2}-\d{2}-\d{6}\.db$/);
        expect(dated.out).to.include('4 tickets');
      } finally {
        await hub.close();
      }
    });
  });

  describe('daily backups', () => {
    const log = createLogger('silent');
    const hour = 3_600_000;
    const daily = async (folder: string) => (await readdir(folder)).filter((n) => /^punto-comune-\d{4}-\d{2}-\d{2}\.db$/.test(n)).sort();

    it('makes one backup per office-local day, keeps the newest `keep` and leaves other files alone', async () => {
      const hub = await startTestHub();
      const folder = join(dir, 'daily');
      const others = ['notes.txt', 'punto-comune-2026-01-01-093000.db', 'punto-comune-before-upgrade.db'];
      await mkdir(folder);
      for (const name of others) await writeFile(join(folder, name), name);
      let now = Date.UTC(2026, 0, 14, 9, 0); // Wednesday 14 January 2026, 10:00 in Rome
      const schedule = scheduleDailyBackups({ dbPath: hub.dbPath, dir: folder, keep: 3, clock: () => now, timeZone: () => 'Europe/Rome', log });
      try {
        await schedule.runNow();
        expect(await daily(folder)).to.deep.equal(['punto-comune-2026-01-14.db']);
        expect(schedule.status()).to.deep.equal({ lastAt: new Date(now).toISOString(), lastFile: join(folder, 'punto-comune-2026-01-14.db'), lastError: null });
        const first = await stat(join(folder, 'punto-comune-2026-01-14.db'));

        now += 5 * hour; // 15:00: today's backup is there already
        await issue(hub, await hub.login());
        await schedule.runNow();
        expect(await daily(folder)).to.deep.equal(['punto-comune-2026-01-14.db']);
        expect((await stat(join(folder, 'punto-comune-2026-01-14.db'))).mtimeMs).to.equal(first.mtimeMs);

        now = Date.UTC(2026, 0, 14, 23, 30); // 00:30 on the 15th in Rome, still the 14th in UTC
        await schedule.runNow();
        expect(await daily(folder)).to.deep.equal(['punto-comune-2026-01-14.db', 'punto-comune-2026-01-15.db']);
        expect(await countTickets(join(folder, 'punto-comune-2026-01-15.db'))).to.equal(1);

        for (let day = 0; day < 3; day++) {
          now += 24 * hour;
          await schedule.runNow();
        }
        expect(await daily(folder)).to.deep.equal(['punto-comune-2026-01-16.db', 'punto-comune-2026-01-17.db', 'punto-comune-2026-01-18.db']);
        expect(schedule.status().lastFile).to.equal(join(folder, 'punto-comune-2026-01-18.db'));
        for (const name of others) expect(await stat(join(folder, name)).then((s) => s.size), name).to.equal(name.length);
        expect((await readdir(folder)).length).to.equal(3 + others.length);
      } finally {
        await schedule.stop();
        await hub.close();
      }
    });

    it('reports a failed backup in its status and tries again at the next check', async () => {
      const missing = join(dir, 'not-yet.db');
      const folder = join(dir, 'daily');
      const now = Date.UTC(2026, 0, 14, 9, 0);
      const schedule = scheduleDailyBackups({ dbPath: missing, dir: folder, keep: 2, clock: () => now, timeZone: () => 'Europe/Rome', log });
      try {
        await schedule.runNow();
        expect(schedule.status()).to.deep.equal({ lastAt: null, lastFile: null, lastError: `No database at ${missing}.` });
        expect(await readdir(folder)).to.deep.equal([]);

        const hub = await startTestHub({ dir });
        await hub.close();
        await copyFile(hub.dbPath, missing);
        await schedule.runNow();
        expect(schedule.status()).to.include({ lastFile: join(folder, 'punto-comune-2026-01-14.db'), lastError: null });
      } finally {
        await schedule.stop();
      }
    });

    it('runs inside the hub when BACKUP_DIR is set, and reports through the hub context', async () => {
      const folder = join(dir, 'auto');
      const hub = await createHub({ office: testOffice(), dbPath: join(dir, 'hub.db'), port: 0, host: '127.0.0.1', adminPassword, log, backupDir: folder, backupKeep: 2 });
      try {
        const expected = join(folder, `punto-comune-${dayOf(Date.now(), 'Europe/Rome')}.db`);
        for (let i = 0; i < 100 && hub.ctx.backups?.status().lastFile !== expected; i++) await sleep(50);
        expect(hub.ctx.backups?.status()).to.include({ lastFile: expected, lastError: null });
        expect(await exists(expected)).to.equal(true);
      } finally {
        await hub.close();
      }
      const without = await startTestHub();
      expect(without.hub.ctx.backups).to.equal(undefined);
      await without.close();
    });
  });
});
