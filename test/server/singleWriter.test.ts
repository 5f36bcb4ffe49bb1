import { expect } from 'chai';
import type { TicketView } from '../../protocol/views.ts';
import { adminPassword, startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';
import { ask } from '../helpers/wire.ts';
import { sqliteOnly } from '../helpers/postgres.ts';

/**
 * The hub writes to its database through one connection only (server/store/hubDatabase.ts): the stores'
 * writes take turns with the queue's batches instead of racing them for SQLite's write lock.
 */

const T0 = Date.parse('2026-11-24T07:30:00Z'); // Tuesday 08:30 in Rome
const allDay = [{ open: '00:00', close: '24:00' }];
const everyDay = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };

describe('one writer for the whole hub', () => {
  let hub: TestHub;
  // Not set when the first test is skipped (the PostgreSQL pass).
  afterEach(() => (hub as TestHub | undefined)?.close());

  it('the reading connection cannot write', async function () {
    sqliteOnly(this, 'a read-only connection to the file');
    hub = await startTestHub({ clock: () => T0 });
    const { reader, writer } = hub.hub.ctx.database;
    expect(reader).not.to.equal(writer);
    const write = reader.run("INSERT INTO audit_log (at, actor, action, target) VALUES (0, 'x', 'x', 'x')");
    const err = await write.then(() => undefined, (e: unknown) => e);
    expect(err, 'a write on the reader').to.have.property('code', 'SQLITE_READONLY');
    expect(await reader.get('SELECT COUNT(*) AS n FROM users')).to.deep.equal({ n: 1 }); // and it reads
  });

  it('logins, call-backs, accounts, devices and appointments are saved while the queue commits a heavy load, and no batch of tickets fails', async function () {
    this.timeout(60_000);
    // No busy timeout at all: two connections of the hub taking turns at SQLite's write lock would fail at
    // once with SQLITE_BUSY (as logins, call-backs and bookings did, with 500, when the stores wrote on the reader).
    hub = await startTestHub({
      clock: () => T0,
      busyTimeoutMs: 0,
      office: testOffice({
        appointmentOffices: [{ id: 'anagrafe', name: { it: 'Ufficio anagrafe', en: 'Registry office' }, serviceId: 'certs', slotMinutes: 10, perSlot: 20, hours: everyDay }],
      }),
    });
    const admin = await hub.login();
    const desk = await hub.socket(admin);
    const tickets = 600;

    const issuing = Promise.all(Array.from({ length: tickets }, (_, i) => ask<{ ticket: TicketView }>(desk, 'ticket:issue', [{ serviceId: 'certs', requestId: `heavy-load-${i}` }], 30_000)));
    const others = Promise.all([
      ...Array.from({ length: 8 }, () => hub.request('POST', '/api/auth/login', { username: 'admin', password: adminPassword })),
      ...Array.from({ length: 30 }, (_, i) => hub.request('POST', '/api/callbacks', { serviceId: 'certs', phone: `333 ${1_000_000 + i}`, preferredTime: 'any', deskId: 'desk-1' }, admin)),
      ...Array.from({ length: 5 }, (_, i) => hub.request('POST', '/api/admin/users', { username: `clerk-${i}`, password: 'a-long-password', role: 'clerk' }, admin)),
      ...Array.from({ length: 10 }, (_, i) => hub.request('POST', '/api/admin/devices', { name: `Display ${i}`, kind: 'display', profile: 'all' }, admin)),
      ...Array.from({ length: 30 }, (_, i) =>
        hub.request('POST', '/api/appointments', { officeId: 'anagrafe', startsAt: new Date(Date.parse('2026-11-24T23:00:00Z') + i * 600_000).toISOString(), name: `Cittadino ${i}`, phone: '333 1234567' }, admin),
      ),
    ]);
    const [issued, answers] = await Promise.all([issuing, others]);

    for (const res of answers) expect(res.status, JSON.stringify(res.body)).to.be.within(200, 299);
    const failed = issued.filter((a) => !a.ok);
    expect(failed.slice(0, 3), `${failed.length} tickets refused`).to.deep.equal([]);
    const numbers = issued.map((a) => (a.ok ? a.data.ticket.number : '')).sort();
    expect(numbers).to.deep.equal(Array.from({ length: tickets }, (_, i) => `A${String(i + 1).padStart(3, '0')}`));
    expect(hub.hub.ctx.committer.storage).to.deep.equal({ ok: true, lastError: null });

    const count = async (table: string) => (await hub.hub.ctx.database.reader.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n;
    expect(await count('tickets')).to.equal(tickets);
    expect(await count('callbacks')).to.equal(30);
    expect(await count('users')).to.equal(6);
    expect(await count('devices')).to.equal(10);
    expect(await count('appointments')).to.equal(30);
    expect(await count('sessions')).to.equal(1 + 8);
  });
});
