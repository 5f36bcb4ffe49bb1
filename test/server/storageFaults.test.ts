import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import sqlite3 from 'sqlite3';
import { startTestHub, adminPassword, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';
import { ask } from '../helpers/wire.ts';
import { sqliteOnly } from '../helpers/postgres.ts';

/**
 * Not only the queue: every write of the hub (logins, call-backs, staff accounts, devices, appointments)
 * answers a full disk with 507 storage-full and a locked database with 503 storage-failed, never 500,
 * and changes nothing. See faults.test.ts for the queue's own commands.
 */

const T0 = Date.parse('2026-11-24T07:30:00Z'); // Tuesday 08:30 in Rome
const allDay = [{ open: '00:00', close: '24:00' }];
const everyDay = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };
const office = () =>
  testOffice({
    appointmentOffices: [{ id: 'anagrafe', name: { it: 'Ufficio anagrafe', en: 'Registry office' }, serviceId: 'certs', slotMinutes: 10, perSlot: 20, hours: everyDay }],
  });
/** The i-th bookable place: 20 to a slot, slots of 10 minutes from tomorrow on. */
const slotOf = (i: number) => new Date(Date.parse('2026-11-24T23:00:00Z') + Math.floor(i / 20) * 600_000).toISOString();

type Res = Awaited<ReturnType<TestHub['request']>>;

interface WriteRoute {
  name: string;
  /** The i-th distinct change through the route. */
  attempt(i: number): Promise<Res>;
  /** Rows that a successful attempt adds to: a refused attempt must leave it as it was. */
  table: string;
  /** For a full disk: fills this table's free space directly first (routes that hash a password are slow to loop). */
  prefill?: (i: number) => [string, (string | number)[]];
}

function writeRoutes(hub: TestHub, admin: string): WriteRoute[] {
  return [
    {
      name: 'POST /api/auth/login',
      attempt: () => hub.request('POST', '/api/auth/login', { username: 'admin', password: adminPassword }),
      table: 'sessions',
      prefill: (i) => ['INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, 1, ?, ?)', [randomBytes(32).toString('hex'), i, T0 - 1]],
    },
    {
      name: 'POST /api/callbacks',
      attempt: (i) => hub.request('POST', '/api/callbacks', { serviceId: 'certs', phone: `333 ${String(1_000_000 + i)}`, preferredTime: 'any', note: 'Rinnovo', deskId: 'desk-1' }, admin),
      table: 'callbacks',
    },
    {
      name: 'POST /api/admin/users',
      attempt: (i) => hub.request('POST', '/api/admin/users', { username: `clerk-${i}`, password: 'a-long-password', role: 'clerk' }, admin),
      table: 'users',
      prefill: (i) => ["INSERT INTO users (username, password_hash, created_at) VALUES (?, 'x', ?)", [`filler-${randomBytes(8).toString('hex')}`, i]],
    },
    {
      name: 'POST /api/admin/devices',
      attempt: (i) => hub.request('POST', '/api/admin/devices', { name: `Display ${i}`, kind: 'display', profile: 'all' }, admin),
      table: 'devices',
    },
    {
      name: 'POST /api/appointments',
      attempt: (i) => hub.request('POST', '/api/appointments', { officeId: 'anagrafe', startsAt: slotOf(i), name: `Cittadino ${i}`, phone: '333 1234567', deskId: 'desk-1' }, admin),
      table: 'appointments',
    },
  ];
}

const ok = (res: Res) => res.status >= 200 && res.status < 300;

describe('every store answers a full or locked database like the queue does', () => {
  before(function () {
    sqliteOnly(this, 'a full or locked database file');
  });
  let hub: TestHub;
  afterEach(() => hub.close());

  const count = async (table: string) => (await hub.hub.ctx.database.reader.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n;

  it('a full disk: each write is refused with 507 storage-full, changes nothing, and works again once space is back', async () => {
    hub = await startTestHub({ clock: () => T0, office: office() });
    const admin = await hub.login();
    const writer = hub.hub.ctx.database.writer;
    const { page_count } = (await writer.get<{ page_count: number }>('PRAGMA page_count'))!;
    await writer.exec(`PRAGMA max_page_count = ${page_count}`); // as on a full disk: no write may take a new page

    let attempt = 0;
    for (const route of writeRoutes(hub, admin)) {
      if (route.prefill) {
        for (let i = 0; i < 100_000; i++) {
          const [sql, params] = route.prefill(i);
          const full = await writer.run(sql, params).then(() => false, (err: { code?: string }) => err.code === 'SQLITE_FULL');
          if (full) break;
        }
      }
      // The disk is full but a write may still fit in a page's free space: go on until one is refused.
      let refused: Res | undefined;
      let rows = await count(route.table);
      for (let i = 0; i < 400 && !refused; i++) {
        const res = await route.attempt(attempt++);
        if (ok(res)) rows = await count(route.table);
        else refused = res;
      }
      expect(refused, `${route.name}: no write was refused`).not.to.equal(undefined);
      expect(refused!.status, `${route.name}: ${JSON.stringify(refused!.body)}`).to.equal(507);
      expect(refused!.body.error.code).to.equal('storage-full');
      expect(refused!.body.error.message).to.match(/disk is full/).and.not.match(/SQLITE/);
      expect(await count(route.table), `${route.name}: rows after the refusal`).to.equal(rows);
    }
    expect(await count('audit_log'), 'an audit entry for each user and device added, none for the refused ones').to.equal(
      (await count('users')) - 1 + (await count('devices')) - (await writer.get<{ n: number }>("SELECT COUNT(*) AS n FROM users WHERE password_hash = 'x'"))!.n,
    );

    await writer.exec('PRAGMA max_page_count = 1073741823');
    for (const route of writeRoutes(hub, admin)) {
      const res = await route.attempt(attempt++);
      expect(res.status, `${route.name} once space is back: ${JSON.stringify(res.body)}`).to.be.within(200, 299);
    }
  });

  describe('a database locked by another program', () => {
    let locker: sqlite3.Database | undefined;
    afterEach(async () => {
      if (locker) await new Promise<void>((resolve) => locker!.close(() => resolve()));
      locker = undefined;
    });
    const lock = async (path: string) => {
      locker = await new Promise<sqlite3.Database>((resolve, reject) => {
        const db = new sqlite3.Database(path, (err) => (err ? reject(err) : resolve(db)));
      });
      await lockerExec('BEGIN IMMEDIATE'); // holds the write lock
    };
    const lockerExec = (sql: string) => new Promise<void>((resolve, reject) => locker!.exec(sql, (err) => (err ? reject(err) : resolve())));

    it('each write is refused with 503 storage-failed (busy, try again) after the busy timeout, changes nothing, and works once the lock is gone', async () => {
      hub = await startTestHub({ clock: () => T0, office: office(), busyTimeoutMs: 200 });
      const admin = await hub.login();
      const spare = await hub.request('POST', '/api/admin/devices', { name: 'Spare', kind: 'display', profile: 'all' }, admin);
      expect(spare.status).to.equal(201);
      const spareId = spare.body.device.id as number;
      const routes: WriteRoute[] = [
        ...writeRoutes(hub, admin),
        { name: 'POST /api/admin/devices/:id/pair', attempt: () => hub.request('POST', `/api/admin/devices/${spareId}/pair`, { code: '123456' }, admin), table: 'devices' },
        { name: 'DELETE /api/admin/devices/:id', attempt: () => hub.request('DELETE', `/api/admin/devices/${spareId}`, undefined, admin), table: 'devices' },
        { name: 'PATCH /api/admin/users/:username', attempt: () => hub.request('PATCH', '/api/admin/users/clerk-0', { role: 'manager' }, admin), table: 'users' },
        { name: 'POST /api/auth/logout', attempt: () => hub.request('POST', '/api/auth/logout', undefined, admin), table: 'sessions' },
      ];
      // PATCH needs its user; pairing needs a code the display shows.
      expect((await writeRoutes(hub, admin)[2]!.attempt(0)).status).to.equal(201);
      const shown = await hub.request('POST', '/api/pairings', { kind: 'display' });
      routes[5] = { ...routes[5]!, attempt: () => hub.request('POST', `/api/admin/devices/${spareId}/pair`, { code: shown.body.code }, admin) };

      await lock(hub.dbPath);
      let attempt = 1;
      for (const route of routes) {
        const rows = await count(route.table);
        const started = Date.now();
        const res = await route.attempt(attempt++);
        expect(res.status, `${route.name}: ${JSON.stringify(res.body)}`).to.equal(503);
        expect(res.body.error.code).to.equal('storage-failed');
        expect(res.body.error.message).to.match(/busy/).and.match(/try again/i).and.not.match(/SQLITE/);
        expect(Date.now() - started, `${route.name} waited for the 200 ms busy timeout`).to.be.within(150, 5000);
        expect(await count(route.table), `${route.name}: rows`).to.equal(rows);
      }
      expect(await hub.hub.ctx.database.reader.get("SELECT r.role FROM users u JOIN office_roles r ON r.user_id = u.id AND r.office_id = '' WHERE u.username = ?", ['clerk-0'])).to.deep.equal({ role: 'clerk' });
      expect(await hub.hub.ctx.database.reader.get('SELECT token_hash FROM devices WHERE id = ?', [spareId])).to.deep.equal({ token_hash: null });

      await lockerExec('ROLLBACK');
      for (const route of routes) {
        const res = await route.attempt(attempt++);
        expect(res.status, `${route.name} once the lock is gone: ${JSON.stringify(res.body)}`).to.be.within(200, 299);
      }
    });
  });

  it('a socket handler that meets a storage error answers it as such, not as internal', async () => {
    hub = await startTestHub({ clock: () => T0, office: office() });
    const kiosk = await hub.socket(await hub.device('kiosk'));
    const busy = Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY', errno: 5 });
    const full = Object.assign(new Error('SQLITE_FULL: database or disk is full'), { code: 'SQLITE_FULL', errno: 13 });
    const find = hub.hub.ctx.appointments.find.bind(hub.hub.ctx.appointments);
    try {
      hub.hub.ctx.appointments.find = () => Promise.reject(busy);
      const locked = await ask(kiosk, 'appointment:check-in', [{ code: 'ACDEFH' }]);
      expect(locked).to.deep.include({ ok: false }).and.have.nested.property('error.code', 'storage-failed');
      expect(JSON.stringify(locked)).not.to.match(/SQLITE/);
      hub.hub.ctx.appointments.find = () => Promise.reject(full);
      expect(await ask(kiosk, 'appointment:check-in', [{ code: 'ACDEFH' }])).to.have.nested.property('error.code', 'storage-full');
      // And the same over REST, through the error handler.
      const res = await hub.request('POST', '/api/appointments/check-in', { code: 'ACDEFH' }, await hub.device('kiosk'));
      expect(res.status, JSON.stringify(res.body)).to.equal(507);
    } finally {
      hub.hub.ctx.appointments.find = find;
    }
  });
});
