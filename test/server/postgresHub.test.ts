import { expect } from 'chai';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { readEnv } from '../../server/config/env.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { freshPostgresUrl, skipWithoutPostgres } from '../helpers/postgres.ts';

const minute = 60_000;

/**
 * A whole hub on PostgreSQL (DATABASE_URL), through REST on a fake clock: a ticket issued, called and
 * finished, the day rolled over and reported; then a restart on the same database carries on numbering.
 */
describe('the hub on PostgreSQL (DATABASE_URL)', function () {
  this.timeout(30_000);
  let url: string;
  let now: number;
  let hub: TestHub | undefined;

  before(async function () {
    skipWithoutPostgres(this);
    url = await freshPostgresUrl();
  });
  afterEach(async () => {
    await hub?.close();
    hub = undefined;
  });

  const start = async () => (hub = await startTestHub({ clock: () => now, sessionHours: 24 * 60, databaseUrl: url }));
  const ok = async (res: Promise<{ status: number; body: any }>, status = 200) => {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).to.equal(status);
    return r.body;
  };

  it('issues, calls, finishes and reports, keeps nothing in SQLite, and numbers on after a restart', async () => {
    now = Date.parse('2026-03-02T08:00:00Z'); // Monday 09:00 in Rome
    const h = await start();
    const clerk = await h.hold('desk-1');
    const manager = await h.loginAs('marta', 'manager');
    const issued = (await ok(h.issue({ serviceId: 'certs' }), 201)).ticket;
    expect(issued.number).to.equal('A001');
    now += 4 * minute;
    expect((await ok(h.request('POST', '/api/desks/desk-1/call-next', {}, clerk))).ticket.id).to.equal(issued.id);
    now += 6 * minute;
    await ok(h.request('POST', '/api/desks/desk-1/finish', { outcomes: [{ code: 'certificate', count: 1 }] }, clerk));
    expect((await ok(h.read(`/api/tickets/${issued.id}`))).ticket.status).to.equal('done');

    // The rows are in PostgreSQL, written by the committer; no SQLite file was made.
    expect(existsSync(h.dbPath)).to.equal(false);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT number, status FROM tickets WHERE day = '2026-03-02'");
      expect(rows).to.deep.equal([{ number: 'A001', status: 'done' }]);
    } finally {
      await client.end();
    }

    // What-if replays need the SQLite file: refused, clearly.
    const plan = Array.from({ length: 7 }, () => new Array<number>(24).fill(1));
    const whatif = await h.request('POST', '/api/whatif', { from: '2026-02-23', to: '2026-02-27', frontDesks: plan }, manager);
    expect(whatif.status, JSON.stringify(whatif.body)).to.equal(409);
    expect(whatif.body.error.message).to.match(/PostgreSQL/);

    await h.close();
    hub = undefined;
    now = Date.parse('2026-03-03T08:00:00Z'); // the next day: the restart rolls Monday up
    const again = await start();
    expect((await ok(again.issue({ serviceId: 'certs' }), 201)).ticket.number).to.equal('A001'); // a new day, numbers start again
    const monthly = await ok(again.request('GET', '/api/reports/monthly?year=2026', undefined, await again.loginAs('marta2', 'manager')));
    expect(monthly.months[2]).to.deep.equal({ month: '2026-03', issued: 2, served: 1, noShows: 0, cancelled: 0, avgWaitMinutes: 4, avgServiceMinutes: 6 });
  });

  it('answers 503 storage-failed when PostgreSQL drops its connections, and works again on the next request', async () => {
    now = Date.parse('2026-03-04T08:00:00Z');
    const h = await start();
    expect((await ok(h.issue({ serviceId: 'info' }), 201)).ticket.number).to.equal('C001');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      // An administrator (or a failover) ends every connection of the hub.
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    } finally {
      await admin.end();
    }
    const refused = await h.issue({ serviceId: 'info' });
    if (refused.status !== 201) {
      expect(refused.status, JSON.stringify(refused.body)).to.equal(503);
      expect(refused.body.error.code).to.equal('storage-failed');
    }
    // The pool opens new connections: the office carries on, and no number was given twice.
    const next = (await ok(h.issue({ serviceId: 'info' }), 201)).ticket.number;
    expect(next).to.equal(refused.status === 201 ? 'C003' : 'C002');
  });

  it('refuses BACKUP_DIR on PostgreSQL, and DATABASE_URL must be a postgres:// URL', async () => {
    now = Date.parse('2026-03-02T08:00:00Z');
    const refused = await startTestHub({ clock: () => now, databaseUrl: url, backupDir: '/tmp/never' }).then(() => undefined, (err: Error) => err);
    expect(refused?.message).to.match(/BACKUP_DIR.*PostgreSQL/);
    expect(readEnv({ DATABASE_URL: 'postgres://u:p@db.example:5432/punto' }).DATABASE_URL).to.equal('postgres://u:p@db.example:5432/punto');
    expect(() => readEnv({ DATABASE_URL: 'mysql://db.example/punto' })).to.throw(/DATABASE_URL/);
  });
});
