import { expect } from 'chai';
import { connect } from 'node:net';
import sqlite3 from 'sqlite3';
import type { PrinterStatusView, QueueSnapshot, TicketView } from '../../protocol/views.ts';
import { startTestHub, type TestHub, type TestSocket } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';
import { RawWebSocket } from '../helpers/rawWebSocket.ts';
import { ask, record, until, untyped, type Recorded } from '../helpers/wire.ts';
import { closedPort, rawServer, type RawServer } from '../printer/fixtures.ts';
import { sqliteOnly } from '../helpers/postgres.ts';

/** The hub survives faults around it (disk, database lock, printers, the network) and says what happened. */

const T0 = Date.parse('2026-03-10T09:00:00Z'); // a fixed instant: snapshots taken apart compare equal
const numberOf = (prefix: string, n: number) => `${prefix}${String(n).padStart(3, '0')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Staff helpers on a test hub: every command with the admin's token. */
function staff(hub: TestHub, token: string) {
  return {
    issue: (body: Record<string, unknown> = { serviceId: 'certs' }) => hub.request('POST', '/api/tickets', body, token),
    callNext: (deskId: string) => hub.request('POST', `/api/desks/${deskId}/call-next`, {}, token),
    async queue(): Promise<QueueSnapshot> {
      const res = await hub.request('GET', '/api/queue', undefined, token);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      return res.body as QueueSnapshot;
    },
  };
}

/** A socket that has joined the change stream and records what it is pushed. */
async function watcher(hub: TestHub, token: string): Promise<{ socket: TestSocket; seen: Recorded[] }> {
  const socket = await hub.socket(token);
  const seen = record(socket);
  const joined = await ask(socket, 'session:join', [{ role: 'display', id: 'watcher' }]);
  expect(joined.ok, JSON.stringify(joined)).to.equal(true);
  return { socket, seen };
}

const changes = (seen: Recorded[]) => seen.filter((r) => typeof r.payload?.seq === 'number');

describe('the hub survives faults and reports them', () => {
  describe('a full disk', () => {
    before(function () {
      sqliteOnly(this, 'a full disk as SQLite pages');
    });
    let hub: TestHub;
    afterEach(() => hub.close());

    /** SQLite fails every write that needs a new page with SQLITE_FULL, as on a full disk. */
    const fillDisk = async () => {
      const writer = hub.hub.ctx.database.writer;
      const { page_count } = (await writer.get<{ page_count: number }>('PRAGMA page_count'))!;
      await writer.exec(`PRAGMA max_page_count = ${page_count}`);
    };
    const freeDisk = () => hub.hub.ctx.database.writer.exec('PRAGMA max_page_count = 1073741823');

    it('refuses changes with 507 storage-full, changes nothing, keeps every read working, and goes on with the next number once space is back', async () => {
      hub = await startTestHub({ clock: () => T0 });
      await hub.holdAll(); // a desk calls only while a clerk holds it
      const token = await hub.login();
      const desk = staff(hub, token);
      const { socket, seen } = await watcher(hub, token);
      await fillDisk();

      // The disk fills up while tickets are being issued: the first refusal is the fault.
      let issued = 0;
      let refused: Awaited<ReturnType<TestHub['request']>> | undefined;
      for (let i = 0; i < 2000 && !refused; i++) {
        const res = await desk.issue();
        if (res.status === 201) expect(res.body.ticket.number).to.equal(numberOf('A', ++issued));
        else refused = res;
      }
      expect(refused, 'no write was refused').not.to.equal(undefined);
      expect(refused!.status).to.equal(507);
      expect(refused!.body.error.code).to.equal('storage-full');
      expect(refused!.body.error.message).to.match(/disk is full/).and.match(/ask the staff/i).and.not.match(/SQLITE/);
      expect(hub.hub.ctx.committer.storage).to.deep.include({ ok: false }).and.have.nested.property('lastError.code', 'storage-full');

      const before = await desk.queue();
      expect(before.waiting).to.have.length(issued);
      const heard = changes(seen).length;

      // The same change is refused again, over REST and over a socket. (Only the same one: a page limit
      // refuses what needs a new page, and a write that fits in a page's free space still goes through.)
      const again = await desk.issue();
      expect(again.status, JSON.stringify(again.body)).to.equal(507);
      expect(again.body.error.code).to.equal('storage-full');
      const overSocket = await ask(socket, 'ticket:issue', [{ serviceId: 'certs' }]);
      expect(overSocket).to.deep.include({ ok: false }).and.have.nested.property('error.code', 'storage-full');

      // Nor did the refused transactions leave anything in the database (SQLite may roll a transaction back
      // on SQLITE_FULL by itself; the statements queued after the failing one must not then run on their own).
      const reader = hub.hub.ctx.database.reader;
      expect(await reader.get('SELECT COUNT(*) AS tickets, (SELECT MAX(seq) FROM events) AS seq FROM tickets')).to.deep.equal({ tickets: issued, seq: before.seq });

      // Reads do not need the disk to grow.
      expect(await desk.queue()).to.deep.equal(before);
      const snapshot = await ask<QueueSnapshot>(socket, 'queue:snapshot', [{}]);
      expect(snapshot).to.deep.equal({ ok: true, data: before });
      const lastTicket = await hub.request('GET', `/api/tickets/${before.waiting.at(-1)!.id}`, undefined, token);
      expect(lastTicket.status).to.equal(200);
      expect(lastTicket.body.ticket).to.include({ number: numberOf('A', issued), status: 'waiting' });
      expect((await hub.request('GET', '/api/reports/live', undefined, token)).status).to.equal(200);
      const accesses = await hub.request('GET', `/api/reports/accesses?from=${before.day}&to=${before.day}`, undefined, token);
      expect(accesses.status, JSON.stringify(accesses.body)).to.equal(200);
      await sleep(100);
      expect(changes(seen), 'changes pushed for refused commands').to.have.length(heard);

      await freeDisk();
      const next = await desk.issue();
      expect(next.status, JSON.stringify(next.body)).to.equal(201);
      expect(next.body.ticket.number).to.equal(numberOf('A', issued + 1));
      await until(() => changes(seen).length > heard, 'the change of the first ticket after the fault');
      expect(changes(seen)[heard]).to.deep.include({ name: 'ticket:issued' }).and.have.nested.property('payload.seq', before.seq + 1);
      expect(hub.hub.ctx.committer.storage).to.deep.include({ ok: true }).and.have.nested.property('lastError.code', 'storage-full');
      const after = await desk.queue();
      expect(after.waiting.map((t) => t.number)).to.deep.equal(Array.from({ length: issued + 1 }, (_, i) => numberOf('A', i + 1)));
    });
  });

  describe('a database locked by another program', () => {
    before(function () {
      sqliteOnly(this, 'a lock on the database file');
    });
    let hub: TestHub;
    let locker: sqlite3.Database | undefined;
    afterEach(async () => {
      if (locker) await new Promise<void>((resolve) => locker!.close(() => resolve()));
      locker = undefined;
      await hub.close();
    });

    const lockerExec = (sql: string) => new Promise<void>((resolve, reject) => locker!.exec(sql, (err) => (err ? reject(err) : resolve())));

    it('answers storage-failed (busy, try again) after the busy timeout, changes nothing, and works once the lock is released', async () => {
      hub = await startTestHub({ clock: () => T0, busyTimeoutMs: 200 });
      await hub.holdAll(); // a desk calls only while a clerk holds it
      const token = await hub.login();
      const desk = staff(hub, token);
      const socket = await hub.socket(token);
      expect((await desk.issue()).body.ticket.number).to.equal('A001');

      locker = await new Promise<sqlite3.Database>((resolve, reject) => {
        const db = new sqlite3.Database(hub.dbPath, (err) => (err ? reject(err) : resolve(db)));
      });
      await lockerExec('BEGIN IMMEDIATE'); // holds the write lock
      const before = await desk.queue();

      const started = Date.now();
      const res = await desk.issue();
      const waited = Date.now() - started;
      expect(res.status, JSON.stringify(res.body)).to.equal(503);
      expect(res.body.error.code).to.equal('storage-failed');
      expect(res.body.error.message).to.match(/busy/).and.match(/try again/i).and.not.match(/SQLITE/);
      expect(waited, 'waited for the 200 ms busy timeout, not the 5 s default').to.be.within(150, 2500);
      expect((await desk.callNext('desk-1')).body.error.code).to.equal('storage-failed');
      expect(await ask(socket, 'ticket:issue', [{ serviceId: 'info' }])).to.have.nested.property('error.code', 'storage-failed');
      expect(hub.hub.ctx.committer.storage).to.deep.include({ ok: false }).and.have.nested.property('lastError.code', 'storage-failed');
      expect(await desk.queue()).to.deep.equal(before);
      expect((await hub.request('GET', `/api/tickets/${before.waiting[0]!.id}`, undefined, token)).status).to.equal(200);

      await lockerExec('ROLLBACK');
      const next = await desk.issue();
      expect(next.status, JSON.stringify(next.body)).to.equal(201);
      expect(next.body.ticket.number).to.equal('A002');
      expect((await desk.queue()).seq).to.equal(before.seq + 1);
      expect(hub.hub.ctx.committer.storage.ok).to.equal(true);
    });
  });

  // A kiosk whose printer nobody listens on is covered in printing.test.ts ("keeps the ticket when the
  // printer is unreachable and reports the fault"); here, a printer that drops the connection mid-job,
  // and the hub going on through a run of failed jobs on both.
  describe('a printer that goes away', () => {
    let hub: TestHub;
    let dropping: RawServer;
    let token: string;
    let statuses: PrinterStatusView[];
    let bytesBeforeReset: number[];

    beforeEach(async () => {
      bytesBeforeReset = [];
      dropping = await rawServer({
        onConnect: (s) =>
          s.once('data', (chunk: Buffer) => {
            bytesBeforeReset.push(chunk.length);
            s.resetAndDestroy(); // the printer loses power in the middle of the ticket
          }),
      });
      hub = await startTestHub({
        office: testOffice({
          kiosks: [
            { id: 'dropping', name: 'Ingresso', printer: `tcp://127.0.0.1:${dropping.port}` },
            { id: 'dead', name: 'Piano terra', printer: `tcp://127.0.0.1:${await closedPort()}` },
          ],
        }),
      });
      await hub.holdAll(); // a desk calls only while a clerk holds it
      token = await hub.login();
      const { socket } = await watcher(hub, token);
      statuses = [];
      socket.on('printer:status', (s) => statuses.push(s));
    });
    afterEach(async () => {
      await hub.close();
      await dropping.close();
    });

    const statusOf = (ticketId: number) => statuses.find((s) => s.ticketId === ticketId);

    it('a printer that drops the connection mid-ticket: the ticket is issued and kept, the fault reported on printer:status', async () => {
      const res = await staff(hub, token).issue({ serviceId: 'certs', kioskId: 'dropping' });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body.print).to.equal('printing');
      const ticket = res.body.ticket as TicketView;
      await until(() => statusOf(ticket.id) !== undefined, 'printer:status', 5000);
      expect(bytesBeforeReset[0], 'the printer had started on the job').to.be.greaterThan(0);
      expect(statusOf(ticket.id)).to.include({ kioskId: 'dropping', ok: false, fault: 'offline', number: 'A001' });
      expect((await hub.request('GET', `/api/tickets/${ticket.id}`, undefined, token)).body.ticket.status).to.equal('waiting');
      expect((await hub.request('GET', '/api/health')).status).to.equal(200);
    });

    it('keeps issuing, answering and reporting through a run of failed jobs on both printers, and desks go on calling', async () => {
      const desk = staff(hub, token);
      const tickets: TicketView[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await desk.issue({ serviceId: 'info', kioskId: i % 2 === 0 ? 'dropping' : 'dead' });
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
        tickets.push(res.body.ticket as TicketView);
      }
      expect(tickets.map((t) => t.number)).to.deep.equal(Array.from({ length: 8 }, (_, i) => numberOf('C', i + 1)));
      await until(() => tickets.every((t) => statusOf(t.id) !== undefined), 'a printer:status for every job', 10_000);
      expect(tickets.map((t) => statusOf(t.id)!.ok)).to.deep.equal(Array(8).fill(false));
      const called = await desk.callNext('desk-1');
      expect(called.status, JSON.stringify(called.body)).to.equal(200);
      expect(called.body.ticket.number).to.equal('C001');
      expect((await hub.request('GET', '/api/health')).status).to.equal(200);
    });
  });

  describe('garbage on the wire', () => {
    let hub: TestHub;
    let token: string;
    let bystander: TestSocket;
    let quiet: QueueSnapshot;
    before(async () => {
      hub = await startTestHub({ clock: () => T0 });
      await hub.holdAll(); // a desk calls only while a clerk holds it
      token = await hub.login();
      bystander = await hub.socket(token);
      quiet = await staff(hub, token).queue();
    });
    after(() => hub.close());

    /** Writes `bytes` on a bare TCP connection and collects what comes back until the hub closes it (bounded). */
    const rawExchange = (bytes: Buffer | string) =>
      new Promise<{ reply: string; closed: boolean }>((resolve) => {
        const { hostname, port } = new URL(hub.url);
        const socket = connect(Number(port), hostname, () => socket.write(bytes));
        let reply = '';
        const timer = setTimeout(() => {
          socket.destroy();
          resolve({ reply, closed: false });
        }, 3000);
        socket.on('data', (c: Buffer) => (reply += c.toString('latin1')));
        socket.on('error', () => {});
        socket.on('close', () => {
          clearTimeout(timer);
          resolve({ reply, closed: true });
        });
      });

    /** The hub is still serving: health, a fresh client's command, the bystander's socket, and no stray change. */
    const expectServing = async () => {
      expect((await hub.request('GET', '/api/health')).status).to.equal(200);
      expect(bystander.connected, 'the bystander socket').to.equal(true);
      expect(await ask<QueueSnapshot>(bystander, 'queue:snapshot', [{}])).to.deep.equal({ ok: true, data: quiet });
      const fresh = await hub.socket(token);
      expect(await ask(fresh, 'queue:snapshot', [{}])).to.have.property('ok', true);
      fresh.disconnect();
    };

    it('nonsense bytes to the HTTP port are answered 4xx or dropped, connection by connection', async () => {
      const nonsense = [
        Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256)),
        Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 13, 10, 13, 10]),
        'GET /api/queue HTTP/9.9\r\n\r\n',
        'POST /api/tickets HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n',
        'POST /api/tickets HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n{}\r\n',
        'POST /api/tickets HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
        `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      ];
      for (const bytes of nonsense) {
        const { reply, closed } = await rawExchange(bytes);
        expect(closed, `the hub closes a connection that sent ${JSON.stringify(String(bytes).slice(0, 40))}`).to.equal(true);
        if (reply !== '') expect(reply).to.match(/^HTTP\/1\.1 4\d\d /);
      }
      await expectServing();
    });

    it('a WebSocket upgrade followed by garbage frames: that connection is closed, nothing else', async () => {
      const garbage: [string, (ws: RawWebSocket) => void][] = [
        ['random bytes', (ws) => ws.sendBytes(Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 131 + 7) % 256)))],
        ['reserved bits set', (ws) => ws.sendBytes(Buffer.from([0xf1, 0x80, 1, 2, 3, 4]))],
        ['an unmasked client frame', (ws) => ws.sendBytes(Buffer.from([0x81, 0x02, 0x34, 0x30]))],
        ['an unknown opcode', (ws) => ws.sendFrame(0x3, Buffer.from('42'))],
        ['a length of 2^63', (ws) => ws.sendBytes(Buffer.from([0x82, 0xff, 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]))],
        ['text that is not UTF-8', (ws) => ws.sendFrame(0x1, Buffer.from([0x34, 0x32, 0xc3, 0x28, 0xff]))],
        ['a continuation with nothing to continue', (ws) => ws.sendFrame(0x0, Buffer.from('42[]'))],
        ['a frame over the 16 kB message limit', (ws) => ws.sendFrame(0x1, Buffer.from(`42["ticket:issue","${'x'.repeat(20_000)}"]`))],
      ];
      for (const [what, send] of garbage) {
        const ws = await RawWebSocket.open(hub.url);
        send(ws);
        const closed = await Promise.race([ws.closed.then(() => true), sleep(3000).then(() => false)]);
        ws.close();
        expect(closed, `the hub closes a WebSocket that sent ${what}`).to.equal(true);
      }
      await expectServing();
    });

    it('Engine.IO and Socket.IO packets with malformed JSON or a bad shape change nothing', async () => {
      const packets = [
        '40{"token": nope', '42["ticket:issue",{"serviceId":"certs"', '421["ticket:issue"', '42{"serviceId":"certs"}', '42"ticket:issue"',
        '42[]', '42[42,{}]', '42[null]', '4', '49', '9', '', '4' + '['.repeat(8000), '42' + '{"a":'.repeat(3000),
        '451-["ticket:issue",{"_placeholder":true,"num":7}]', '45999999999-["ticket:issue",{}]', '4299999999999999999999["queue:snapshot",{}]',
        '42/nope,["ticket:issue",{"serviceId":"certs"}]', '41', '44{"message":"x"}', '2', '3probe', '5', '6', '1',
      ];
      for (const packet of packets) {
        const ws = await RawWebSocket.connectAs(hub.url, token);
        ws.sendText(packet);
        await Promise.race([ws.closed, sleep(50)]);
        ws.close();
      }
      // The same over the HTTP long-polling transport.
      const handshake = await fetch(`${hub.url}/socket.io/?EIO=4&transport=polling`);
      const { sid } = JSON.parse((await handshake.text()).slice(1)) as { sid: string };
      for (const body of ['40{"token":"' + token + '"}\x1e42["ticket:issue",{', '\x1e\x1e\x1e', 'bnot-base64!!', '4'.repeat(20_000)]) {
        const res = await fetch(`${hub.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`, { method: 'POST', body });
        expect(res.status).to.be.within(200, 499);
        await res.text();
      }
      const unknownSession = await fetch(`${hub.url}/socket.io/?EIO=4&transport=polling&sid=nope`, { method: 'POST', body: '42[]' });
      expect(unknownSession.status).to.equal(400);
      await unknownSession.text();
      await expectServing();
    });
  });

  describe('clients that leave before the answer', () => {
    let hub: TestHub;
    afterEach(() => hub.close());

    it('50 commands each followed at once by a disconnect: each took effect exactly once or not at all, numbers unique and without gaps', async () => {
      hub = await startTestHub({ clock: () => T0 });
      await hub.holdAll(); // a desk calls only while a clerk holds it
      const token = await hub.login();
      const desk = staff(hub, token);
      const requestIds = Array.from({ length: 50 }, (_, i) => `gone-before-answer-${i}`);
      for (const [i, requestId] of requestIds.entries()) {
        const command = { serviceId: 'certs', requestId };
        if (i % 2 === 0) {
          // A polite client: Socket.IO's own disconnect, right after the emit.
          const s = await hub.socket(token);
          untyped(s).emit('ticket:issue', command, () => {});
          s.disconnect();
        } else {
          // A rude one: the command, then a TCP reset.
          const ws = await RawWebSocket.connectAs(hub.url, token);
          ws.sendText(`42${i}${JSON.stringify(['ticket:issue', command])}`);
          ws.reset();
        }
      }
      // Settled: the sequence has stopped moving for a while (bounded).
      let seq = -1;
      for (let i = 0; i < 100 && seq !== hub.hub.ctx.committer.seq; i++) {
        seq = hub.hub.ctx.committer.seq;
        await sleep(100);
        await hub.hub.ctx.committer.idle();
      }
      expect((await hub.request('GET', '/api/health')).status).to.equal(200);
      const landed = (await desk.queue()).waiting;
      expect(landed.length).to.be.within(0, 50);
      expect(landed.map((t) => t.number)).to.deep.equal(landed.map((_, i) => numberOf('A', i + 1)));

      // Sent again, a request that took effect gives back its ticket; one that did not gets a new one.
      const answers: TicketView[] = [];
      for (const requestId of requestIds) {
        const res = await desk.issue({ serviceId: 'certs', requestId });
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
        answers.push(res.body.ticket as TicketView);
      }
      expect(new Set(answers.map((t) => t.id)).size, 'one ticket per request id').to.equal(50);
      const landedIds = new Set(landed.map((t) => t.id));
      expect(answers.filter((t) => landedIds.has(t.id))).to.have.length(landed.length);
      const all = (await desk.queue()).waiting;
      expect(all.map((t) => t.number)).to.deep.equal(requestIds.map((_, i) => numberOf('A', i + 1)));
    });
  });
});
