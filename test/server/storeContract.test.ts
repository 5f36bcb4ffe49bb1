import { expect } from 'chai';
import { Committer } from '../../server/commands/committer.ts';
import type { Command } from '../../server/engine/index.ts';
import { createLogger } from '../../server/logger.ts';
import { clerksReport } from '../../server/reports/clerks.ts';
import { ratingsReport } from '../../server/reports/ratings.ts';
import { loadByMonth, loadDaySums, loadFigures, loadHourArrivals } from '../../server/reports/reportData.ts';
import { rollUpClosedDays } from '../../server/reports/rollup.ts';
import { AppointmentStore } from '../../server/store/appointmentStore.ts';
import { AuditStore } from '../../server/store/auditStore.ts';
import { AuthStore } from '../../server/store/authStore.ts';
import { CallbackStore } from '../../server/store/callbackStore.ts';
import type { SqlConnection } from '../../server/store/db.ts';
import { DeviceStore } from '../../server/store/deviceStore.ts';
import { migrate, readMigrations } from '../../server/store/migrate.ts';
import { openQueue } from '../../server/store/openQueue.ts';
import { QueueStore } from '../../server/store/queueStore.ts';
import { RatingStore } from '../../server/store/ratingStore.ts';
import { eventMessages } from '../../server/webhooks/outbox.ts';
import { insertOutbox, WebhookStore } from '../../server/webhooks/webhookStore.ts';
import { RemotePlaceStore } from '../../server/store/remotePlaceStore.ts';
import { testOffice } from '../helpers/office.ts';
import { engines, skipWithoutPostgres, type EngineName, type TestPlace } from '../helpers/postgres.ts';

const minute = 60_000;
const office = testOffice();
const tuesday = Date.parse('2026-11-24T08:00:00Z'); // 09:00 in Rome

type Connection = SqlConnection & { close(): Promise<void> };

/** What each engine answered, by check: the PostgreSQL run must answer exactly as SQLite did. */
const answers = new Map<string, unknown>();
function sameOnBothEngines(engine: EngineName, check: string, value: unknown): void {
  if (engine === 'sqlite') answers.set(check, value);
  else if (answers.has(check)) expect(value, `${check}: PostgreSQL answers as SQLite does`).to.deep.equal(answers.get(check));
}

/** The columns of every table, in order, as the engine's catalog has them. */
async function columns(db: Connection, engine: EngineName): Promise<Record<string, string[]>> {
  const rows =
    engine === 'sqlite'
      ? await db.all<{ t: string; c: string }>(
          "SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid",
        )
      : await db.all<{ t: string; c: string }>(
          "SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
        );
  const byTable: Record<string, string[]> = {};
  for (const r of rows) (byTable[r.t] ??= []).push(r.c);
  return byTable;
}

for (const engine of engines) {
  describe(`the store contract on ${engine.name}`, function () {
    this.timeout(30_000);
    let place: TestPlace;
    let db: Connection;
    let now: number;
    const opened: Connection[] = [];

    before(function () {
      skipWithoutPostgres(this, engine.name);
    });
    beforeEach(async () => {
      place = await engine.place();
      db = await place.open();
      opened.push(db);
      now = tuesday;
      await migrate(db, now);
    });
    afterEach(async () => {
      for (const c of opened.splice(0)) await c.close();
    });

    async function reopen(): Promise<Connection> {
      const again = await place.open();
      opened.push(again);
      return again;
    }

    async function committerOn(on: Connection) {
      const q = await openQueue(on, office, now);
      return new Committer(q.state, q.lastSeq, q.store, () => now, createLogger('silent'));
    }

    async function run(committer: Committer, command: Command, minutesLater = 1) {
      now += minutesLater * minute;
      const outcome = await committer.submit(command);
      if (!outcome.ok) throw new Error(`${command.type}: ${outcome.error.code} ${outcome.error.message}`);
      return outcome.value;
    }

    /** A morning: clerks at two desks, four tickets issued, two served (one sent to second level), one no-show. */
    async function morning(committer: Committer) {
      await run(committer, { type: 'desk:hold', deskId: 'desk-1', clerk: 'anna' });
      await run(committer, { type: 'desk:hold', deskId: 'desk-2', clerk: 'bruno' });
      for (const serviceId of ['certs', 'certs', 'info', 'idcard']) await run(committer, { type: 'ticket:issue', serviceId });
      await run(committer, { type: 'desk:call-next', deskId: 'desk-1' });
      await run(committer, { type: 'desk:finish', deskId: 'desk-1', outcomes: [{ code: 'second-level', count: 1 }] }, 6);
      await run(committer, { type: 'desk:call-next', deskId: 'desk-2' });
      await run(committer, { type: 'desk:finish', deskId: 'desk-2', outcomes: [{ code: 'certificate', count: 2 }] }, 4);
      await run(committer, { type: 'desk:call-next', deskId: 'desk-1' });
      await run(committer, { type: 'desk:no-show', deskId: 'desk-1' } as Command, 3);
    }

    it('migrations: the whole history once, nothing the second time, the same tables and columns on both engines', async () => {
      const all = await readMigrations(db.dialect.migrationsDir);
      expect(all.length).to.be.greaterThan(0);
      const again = await migrate(db, now);
      expect(again).to.deep.equal([]);
      const recorded = await db.all<{ version: number; applied_at: number }>('SELECT version, applied_at FROM schema_migrations ORDER BY version');
      expect(recorded.map((r) => r.version)).to.deep.equal(all.map((m) => m.version));
      expect(recorded[0]!.applied_at).to.equal(tuesday); // a millisecond instant, read back as a number
      const tables = await columns(db, engine.name);
      delete tables['schema_migrations'];
      // A cluster of hub nodes is PostgreSQL's alone (server/cluster/): each office's lock key and owners' epoch.
      if (engine.name === 'postgres') {
        expect(tables['owner_epoch']).to.deep.equal(['id', 'epoch', 'node', 'taken_at']);
        delete tables['owner_epoch'];
        expect(tables['offices']?.pop()).to.equal('lock_key');
      }
      expect(tables['tickets']).to.include.members(['id', 'needs', 'called_by', 'note', 'cancel_reason']);
      sameOnBothEngines(engine.name, 'schema', tables);
    });

    it('transactions: all or nothing, a nested one joins the open one, changes are counted', async () => {
      await db.run("INSERT INTO engine_meta (key, value) VALUES ('a', '1')");
      const failed = await db
        .transaction(async (tx) => {
          await tx.run("UPDATE engine_meta SET value = '2' WHERE key = 'a'");
          await tx.transaction((inner) => inner.run("INSERT INTO engine_meta (key, value) VALUES ('b', '1')"));
          await tx.run("INSERT INTO engine_meta (key, value) VALUES ('a', 'clash')");
        })
        .then(() => undefined, (err: unknown) => err);
      expect(failed).to.be.instanceOf(Error);
      expect(await db.all('SELECT key, value FROM engine_meta ORDER BY key')).to.deep.equal([{ key: 'a', value: '1' }]);
      const changed = await db.transaction(async (tx) => {
        await tx.transaction((inner) => inner.run("INSERT INTO engine_meta (key, value) VALUES ('b', '1'), ('c', '1')"));
        return tx.run("UPDATE engine_meta SET value = '?' WHERE key <> ?", ['a']);
      });
      expect(changed.changes).to.equal(2);
      expect(await db.all("SELECT key FROM engine_meta WHERE value = '?' ORDER BY key")).to.deep.equal([{ key: 'b' }, { key: 'c' }]);
      const counted = await db.get<{ n: number; s: number }>('SELECT COUNT(*) AS n, SUM(LENGTH(key)) AS s FROM engine_meta');
      expect(counted).to.deep.equal({ n: 3, s: 3 }); // numbers, not BigInt or strings
    });

    it('the queue: a committed batch is on disk when the committer answers, and a restart rebuilds the same state', async () => {
      const committer = await committerOn(db);
      await morning(committer);
      const issued = await run(committer, { type: 'ticket:issue', serviceId: 'info', needs: ['hearing'] } as Command);
      // Answered, so committed: another connection (another process after a crash) sees it at once.
      const other = await reopen();
      const row = await other.get<{ id: number; number: string; needs: string; priority: number }>('SELECT id, number, needs, priority FROM tickets WHERE id = ?', [issued.ticketId!]);
      expect(row).to.deep.equal({ id: issued.ticketId, number: 'C002', needs: '["hearing"]', priority: 0 });
      const events = await other.get<{ n: number; last: number }>('SELECT COUNT(*) AS n, MAX(seq) AS last FROM events');
      expect(events!.last).to.equal(committer.seq);
      expect(events!.n).to.equal(committer.seq);

      const restarted = await openQueue(other, office, now);
      expect(restarted.seeded).to.equal(false);
      expect(restarted.lastSeq).to.equal(committer.seq);
      const live = committer.state;
      expect([...restarted.state.tickets.values()]).to.deep.equal([...live.tickets.values()]);
      expect([...restarted.state.desks.values()]).to.deep.equal([...live.desks.values()]);
      expect(restarted.state.serviceTimes).to.deep.equal(live.serviceTimes);
      expect(restarted.state.nextTicketId).to.equal(live.nextTicketId);
      const store = new QueueStore(other);
      expect((await store.ticketEvents(issued.ticketId!)).map((e) => e.type)).to.deep.equal(['ticket:issued']);
      expect((await store.findTicket(issued.ticketId!))?.needs).to.deep.equal(['hearing']);
      await store.recordCleanStart(office, now);
      await store.recordCleanStart({ ...office, name: 'Altro' }, now + 1); // written again: replaces the first
      expect((await other.all("SELECT key FROM engine_meta WHERE key = 'officeLastGood'")).length).to.equal(1);
      sameOnBothEngines(engine.name, 'queue', [...restarted.state.tickets.values()].map((t) => [t.number, t.status, t.deskId, t.outcomes]));
    });

    it('the queue: a kiosk\'s reserved numbers are written with their event and read back after a restart', async () => {
      const committer = await committerOn(db);
      await run(committer, { type: 'kiosk:reserve', kioskId: 'ingresso', serviceIds: ['certs'] });
      await run(committer, { type: 'ticket:issue-reserved', kioskId: 'ingresso', serviceId: 'certs', seq: 2, tappedAt: now - minute, requestId: 'offline-tap-0001' });
      const restarted = await openQueue(await reopen(), office, now);
      expect(restarted.state.reserved).to.deep.equal(committer.state.reserved);
      expect(restarted.state.counters.get('certs')).to.equal(5);
      sameOnBothEngines(engine.name, 'reserved', restarted.state.reserved);
    });

    it('the queue: a batch the database refuses leaves nothing behind, and the next one commits', async () => {
      const committer = await committerOn(db);
      await run(committer, { type: 'ticket:issue', serviceId: 'certs' });
      // A row in the way of the next event's sequence number: the whole batch's transaction must roll back.
      await db.run("INSERT INTO events (seq, at, type) VALUES (?, 0, 'in-the-way')", [committer.seq + 1]);
      const refused = await committer.submit({ type: 'ticket:issue', serviceId: 'certs' });
      expect(refused.ok).to.equal(false);
      expect((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM tickets'))!.n).to.equal(1);
      await db.run("DELETE FROM events WHERE type = 'in-the-way'");
      await run(committer, { type: 'ticket:issue', serviceId: 'certs' });
      expect((await db.all<{ number: string }>('SELECT number FROM tickets ORDER BY id')).map((r) => r.number)).to.deep.equal(['A001', 'A002']);
    });

    it('webhooks: the outbox is written with its batch or not at all, read in order, and the log keeps the latest attempts', async () => {
      const hooks = new WebhookStore(db);
      const endpoint = await hooks.create({ kind: 'events', url: 'http://127.0.0.1:9/hook', events: ['ticket:issued'], enabled: true, personalData: false }, 'whsec_AAAA', now);
      expect(endpoint).to.include({ id: endpoint.id, enabled: true, personalData: false, disabledReason: null });
      const q = await openQueue(db, office, now);
      q.store.writeAlongside(async (tx, after, events) => {
        await insertOutbox(tx, eventMessages(after, events, [endpoint], now));
        return undefined;
      });
      const committer = new Committer(q.state, q.lastSeq, q.store, () => now, createLogger('silent'));
      await run(committer, { type: 'ticket:issue', serviceId: 'certs' });
      await run(committer, { type: 'ticket:issue', serviceId: 'info' });
      await db.run("INSERT INTO events (seq, at, type) VALUES (?, 0, 'in-the-way')", [committer.seq + 1]);
      expect((await committer.submit({ type: 'ticket:issue', serviceId: 'certs' })).ok).to.equal(false);
      expect((await hooks.pendingCounts()).get(endpoint.id), 'the refused batch left no message').to.equal(2);
      const head = (await hooks.head(endpoint.id))!;
      expect(JSON.parse(head.payload)).to.deep.include({ type: 'ticket:issued' });
      expect(JSON.parse(head.payload).data.ticket.number).to.equal('A001');
      const record = { endpointId: endpoint.id, messageId: 'm', type: head.type, attempt: 1, at: now, status: 500, error: 'HTTP 500', durationMs: 3, response: 'no', payload: 'p' };
      await hooks.failed(head, record, now + 5000);
      expect(await hooks.head(endpoint.id)).to.include({ id: head.id, attempts: 1, nextAt: now + 5000 });
      const page = await hooks.waiting(endpoint.id, 50);
      expect(page.map((m) => [JSON.parse(m.payload).data.ticket.number, m.attempts])).to.deep.equal([['A001', 1], ['C001', 0]]);
      expect((await hooks.waiting(endpoint.id, 1)).map((m) => m.id)).to.deep.equal([head.id]);
      await hooks.delivered(head, { ...record, status: 200, error: null, attempt: 2 });
      expect(JSON.parse((await hooks.head(endpoint.id))!.payload).data.ticket.number).to.equal('C001');
      for (let i = 0; i < 510; i++) await hooks.logAttempt({ ...record, attempt: i });
      const log = await hooks.deliveries(endpoint.id, 200);
      expect(log[0]!.attempt).to.equal(509);
      expect((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM webhook_deliveries'))!.n).to.equal(500);
      // Several successes in one transaction: all gone from the outbox, logged in order, the log still pruned.
      await db.run("DELETE FROM events WHERE type = 'in-the-way'");
      await run(committer, { type: 'ticket:issue', serviceId: 'certs' });
      await run(committer, { type: 'ticket:issue', serviceId: 'info' });
      const rest = await hooks.waiting(endpoint.id, 50);
      expect(rest.map((m) => JSON.parse(m.payload).data.ticket.number)).to.deep.equal(['C001', 'A002', 'C002']);
      await hooks.deliveredAll(rest.map((message, i) => ({ message, record: { ...record, messageId: `m${message.id}`, status: 200, error: null, attempt: 600 + i } })));
      expect((await hooks.pendingCounts()).size, 'the batch emptied the outbox').to.equal(0);
      expect((await hooks.deliveries(endpoint.id, 4)).map((d) => d.attempt)).to.deep.equal([602, 601, 600, 509]);
      expect((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM webhook_deliveries'))!.n).to.equal(500);
      await hooks.deliveredAll([]);
      const off = await hooks.setEnabled(endpoint.id, false, 'too many failures', now);
      expect(off).to.include({ enabled: false, disabledReason: 'too many failures' });
      const on = await hooks.replace(endpoint.id, { kind: 'events', url: endpoint.url, events: ['ticket:called'], enabled: true, personalData: true }, now);
      expect(on).to.deep.include({ enabled: true, disabledReason: null, personalData: true, events: ['ticket:called'] });
      expect(await hooks.remove(endpoint.id)).to.equal(true);
      expect((await hooks.pendingCounts()).size).to.equal(0);
      sameOnBothEngines(engine.name, 'webhooks', log.slice(0, 3).map((d) => [d.attempt, d.status, d.payload]));
    });

    it('auth: users get ids, sessions expire and close when a user is disabled', async () => {
      const auth = new AuthStore(db);
      const anna = await auth.createUser('anna', 'hash-a', 'clerk', now);
      const bruno = await auth.createUser('bruno', 'hash-b', 'manager', now);
      expect(bruno).to.be.a('number').and.greaterThan(anna);
      expect(await auth.countUsers()).to.equal(2);
      const s = await auth.createSession(anna, now, 60 * minute);
      expect(await auth.userForToken(s.token, now + minute)).to.deep.equal({ id: anna, username: 'anna', role: 'clerk' });
      expect(await auth.userForToken(s.token, now + 61 * minute)).to.equal(undefined);
      expect(await auth.updateUser('anna', { disabled: true })).to.equal(true);
      expect(await auth.userForToken(s.token, now + minute)).to.equal(undefined);
      expect(await auth.findUser('anna')).to.equal(undefined);
      expect(await auth.listUsers()).to.deep.equal([
        { id: anna, username: 'anna', role: 'clerk', disabled: true },
        { id: bruno, username: 'bruno', role: 'manager', disabled: false },
      ]);
      const t = await auth.createSession(bruno, now, minute);
      await auth.deleteExpiredSessions(now + 2 * minute);
      expect(await auth.userForToken(t.token, now)).to.equal(undefined);
      expect(await auth.updateUser('nobody', { disabled: true })).to.equal(false);
    });

    it('appointments: places per slot, cancel and reschedule', async () => {
      const store = new AppointmentStore(db);
      const slot = now + 24 * 60 * minute;
      const booking = { officeId: 'main', startsAt: slot, name: 'Maria Rossi', phone: null, email: null, fromTicketId: 7, deskId: 'desk-1', createdAt: now };
      const first = await store.book(booking, 2);
      const second = await store.book({ ...booking, fromTicketId: null }, 2);
      expect(await store.book(booking, 2)).to.equal(undefined); // the slot is full
      expect(first).to.match(/^[A-Z0-9]{6}$/);
      expect((await store.find(first!))).to.include({ starts_at: slot, from_ticket_id: 7, status: 'booked', name: 'Maria Rossi' });
      expect(await store.bookedPerSlot('main', slot, slot + 1)).to.deep.equal(new Map([[slot, 2]]));
      expect(await store.cancel(second!, 'changed plans', 'anna', now)).to.equal(true);
      expect(await store.countBookedFrom('main', now)).to.equal(1);
      expect(await store.reschedule(first!, slot + 30 * minute, 1, now)).to.equal(true);
      expect(await store.find(first!)).to.include({ starts_at: slot + 30 * minute, rescheduled_from: slot });
      await store.markCheckedIn(first!, 12);
      expect((await store.list(now, now + 2 * 24 * 60 * minute)).map((a) => [a.status, a.ticket_id])).to.deep.equal([['booked', null], ['checked-in', 12]]);
      expect(await store.forgetContactsBefore(slot + 60 * minute, now)).to.equal(2);
      expect((await store.find(first!))?.name).to.equal(null);
    });

    it('remote places: the daily cap per service and per phone, turn, check-in, expiry and the counts per day', async () => {
      const store = new RemotePlaceStore(db);
      const place = { day: '2026-11-24', serviceId: 'certs', joinedAt: now, deviceId: 'phone-a' };
      const a = await store.take(place, 3, 2);
      const b = await store.take({ ...place, joinedAt: now + minute }, 3, 2);
      expect(await store.take(place, 3, 2)).to.deep.equal({ refused: 'device-full' });
      const c = await store.take({ ...place, deviceId: 'phone-b' }, 3, 2);
      expect(await store.take({ ...place, deviceId: 'phone-c' }, 3, 2)).to.deep.equal({ refused: 'service-full' });
      expect(await store.take({ ...place, serviceId: 'info', deviceId: 'phone-c', joinedAt: now + 2 * minute }, 3, 2)).to.have.property('code');
      if (!('code' in a) || !('code' in b) || !('code' in c)) throw new Error('not taken');
      expect(a.code).to.match(/^[ACDEFHJKMNPQRTUVWXY3479]{6}$/);
      expect(await store.takenOn('2026-11-24')).to.deep.equal(new Map([['certs', 3], ['info', 1]]));
      await store.markDue(a.code, now + 5 * minute);
      await store.markDue(a.code, now + 9 * minute); // the first moment noted stays
      await store.markCheckedIn(b.code, 42, now + 6 * minute);
      await store.markExpired(b.code, now + 7 * minute); // checked in: never expired
      await store.markExpired(c.code, now + 8 * minute);
      expect(await store.find(a.code)).to.deep.equal({ code: a.code, day: '2026-11-24', service_id: 'certs', joined_at: now, device_id: 'phone-a', due_at: now + 5 * minute, checked_in_at: null, ticket_id: null, expired_at: null });
      expect(await store.find(b.code)).to.include({ checked_in_at: now + 6 * minute, ticket_id: 42, expired_at: null });
      expect((await store.open()).map((r) => r.service_id)).to.deep.equal(['certs', 'info']);
      const perDay = await store.perDay('2026-11-01', '2026-11-30');
      expect(perDay).to.deep.equal([
        { day: '2026-11-24', serviceId: 'certs', joined: 3, checkedIn: 1, expired: 1 },
        { day: '2026-11-24', serviceId: 'info', joined: 1, checkedIn: 0, expired: 0 },
      ]);
      sameOnBothEngines(engine.name, 'remote places per day', perDay);
      expect(await store.forgetDevicesBefore('2026-11-24')).to.equal(0);
      expect(await store.forgetDevicesBefore('2026-11-25')).to.equal(4);
      expect((await store.find(a.code))?.device_id).to.equal('');
    });

    it('appointments: bookings that arrive together never fill a slot past its places (the hub writes one transaction at a time)', async () => {
      const store = new AppointmentStore(db);
      const slot = now + 60 * minute;
      const booking = { officeId: 'main', startsAt: slot, name: 'N', phone: null, email: null, fromTicketId: null, deskId: null, createdAt: now };
      // Each as a store write runs on the hub: a transaction of its own, a read before it widens the window.
      const book = () => db.transaction(async (tx) => (await tx.get('SELECT COUNT(*) AS n FROM appointments'), new AppointmentStore(tx).book(booking, 3)));
      const codes = await Promise.all(Array.from({ length: 24 }, book));
      expect(codes.filter((c) => c !== undefined)).to.have.length(3);
      expect(await store.bookedPerSlot('main', slot, slot + 1)).to.deep.equal(new Map([[slot, 3]]));
    });

    it('devices: ids, names, pairing tokens', async () => {
      const devices = new DeviceStore(db);
      const kiosk = await devices.create({ name: 'Ingresso', kind: 'kiosk', profile: 'default' }, now);
      const tablet = await devices.create({ name: 'Tablet 1', kind: 'feedback', profile: 'desk-1' }, now);
      expect(tablet).to.be.greaterThan(kiosk);
      expect(await devices.nameTaken('Ingresso')).to.equal(true);
      await devices.pair(kiosk, 'secret-token', now + 1);
      expect(await devices.forToken('secret-token')).to.deep.equal({ id: kiosk, name: 'Ingresso', kind: 'kiosk', profile: 'default' });
      await devices.seen(kiosk, now + 2);
      expect(await devices.find(kiosk)).to.deep.include({ paired: true, pairedAt: now + 1, lastSeenAt: now + 2 });
      await devices.unpair(kiosk);
      expect(await devices.forToken('secret-token')).to.equal(undefined);
      expect(await devices.remove(tablet)).to.equal(true);
      expect(await devices.remove(tablet)).to.equal(false);
      expect((await devices.list()).map((d) => d.name)).to.deep.equal(['Ingresso']);
    });

    it('audit: an entry is written with its change or not at all, newest first', async () => {
      const audit = new AuditStore(db);
      await audit.record(now, 'admin', 'office:update', 'office', { before: { a: 1 }, after: { a: 2 } });
      await audit.recording({ at: now + 1, actor: 'admin', action: 'user:add', target: 'anna' }, (tx) => new AuthStore(tx).createUser('anna', 'h', 'clerk', now));
      const refused = await audit
        .recording({ at: now + 2, actor: 'admin', action: 'user:add', target: 'anna' }, (tx) => new AuthStore(tx).createUser('anna', 'h', 'clerk', now))
        .then(() => undefined, (err: unknown) => err);
      expect(refused).to.be.instanceOf(Error); // the username is taken: no user, no entry
      const entries = await audit.list(10);
      expect(entries.map((e) => [e.action, e.target])).to.deep.equal([['user:add', 'anna'], ['office:update', 'office']]);
      expect(await audit.list(10, entries[0]!.id)).to.have.length(1);
    });

    it('ratings and call-backs: one rating per ticket, counts by month; attempts close a call-back', async () => {
      const ratings = new RatingStore(db);
      const rating = { rating: 'good', serviceId: 'certs', deskId: 'desk-1', day: '2026-11-24', source: 'phone' } as const;
      expect(await ratings.add({ ...rating, ticketId: 1 })).to.equal(true);
      expect(await ratings.add({ ...rating, ticketId: 1, rating: 'bad' })).to.equal(false);
      expect(await ratings.add({ ...rating, ticketId: 2, rating: 'bad', day: '2026-12-01' })).to.equal(true);
      expect(await ratings.rated(1)).to.equal(true);
      const filter = { from: '2026-11-01', to: '2026-12-31' };
      expect(await ratings.counts(filter, 'month')).to.deep.equal([
        { key: '2026-11', good: 1, ok: 0, bad: 0, total: 1, satisfactionPercent: 100 },
        { key: '2026-12', good: 0, ok: 0, bad: 1, total: 1, satisfactionPercent: 0 },
      ]);
      expect((await ratings.list(filter))[0]).to.deep.equal({ rating: 'good', serviceId: 'certs', deskId: 'desk-1', day: '2026-11-24', source: 'phone' });
      expect(await ratings.forgetTicketsBefore('2026-11-30')).to.equal(1);
      sameOnBothEngines(engine.name, 'ratings report', await ratingsReport(db, filter));

      const callbacks = new CallbackStore(db);
      const c = await callbacks.create({ serviceId: 'certs', phone: '3331234567', preferredTime: 'morning', note: null, source: 'kiosk', sourceId: null, createdAt: now });
      expect(c).to.include({ service_id: 'certs', status: 'open', created_at: now });
      const attempt = { outcome: 'no-answer', username: 'anna', deskId: 'desk-1', maxAttempts: 2 } as const;
      expect(await callbacks.attempt(c.id, { ...attempt, at: now + 1 })).to.deep.equal({ closed: false });
      expect(await callbacks.attempt(c.id, { ...attempt, at: now + 2 })).to.deep.equal({ closed: true });
      expect(await callbacks.attempt(c.id, { ...attempt, at: now + 3 })).to.equal(undefined);
      expect((await callbacks.attemptsOf([c.id, 999])).get(c.id)!.map((a) => a.at)).to.deep.equal([now + 1, now + 2]);
      expect(await callbacks.countOpen()).to.equal(0);
      expect((await callbacks.list('closed')).map((r) => r.id)).to.deep.equal([c.id]);
    });

    it('roll-ups: a closed day is rolled up once, and the daily, monthly, hourly and per-clerk figures read it back', async () => {
      const committer = await committerOn(db);
      await morning(committer);
      now = Date.parse('2026-11-25T08:00:00Z');
      await run(committer, { type: 'clock:tick' }, 0);
      expect(await rollUpClosedDays(db, office, '2026-11-25')).to.equal(1);
      expect(await rollUpClosedDays(db, office, '2026-11-25')).to.equal(0);
      await run(committer, { type: 'ticket:issue', serviceId: 'certs' }); // today: computed live, not rolled up
      const filter = { from: '2026-11-01', to: '2026-11-30' };
      const sums = await loadDaySums(db, office, filter, now);
      const tuesdaySums = sums.find((s) => s.day === '2026-11-24')!;
      expect(tuesdaySums).to.include({ issued: 4, served: 2, noShows: 1 });
      const byMonth = await loadByMonth(db, office, filter, now);
      expect(byMonth.stats.reduce((n, s) => n + s.issued, 0)).to.equal(5);
      const clerks = await clerksReport(db, filter, 80);
      expect(clerks.clerks.map((c) => [c.username, c.served, c.secondLevel])).to.deep.equal([['anna', 1, 1], ['bruno', 1, 0]]);
      const figures = await loadFigures(db, office, filter, now);
      const arrivals = await loadHourArrivals(db, office, filter, now);
      sameOnBothEngines(engine.name, 'reports', { sums, byMonth, clerks, figures, arrivals });
    });
  });
}
