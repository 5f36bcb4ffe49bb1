import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { ask } from '../helpers/wire.ts';

const minute = 60_000;

/** A kiosk's blocks of reserved numbers and its offline report, over REST and the change stream (issue 25). */
describe('REST: a kiosk keeps issuing through a network blip', function () {
  this.timeout(60_000);
  let hub: TestHub;
  let kiosk: string;

  beforeEach(async () => {
    hub = await startTestHub();
    kiosk = await hub.device('kiosk', 'info-point');
  });
  afterEach(() => hub.close());

  const allServices = { serviceIds: ['certs', 'idcard', 'info'] };
  const blocks = (body: unknown = allServices, token = kiosk) => hub.request('POST', '/api/kiosk/blocks', body, token);
  const report = (tickets: unknown[], token = kiosk) => hub.request('POST', '/api/kiosk/offline-tickets', { tickets }, token);
  const tap = (seq: number, tappedAt: number, requestId: string, serviceId = 'certs') => ({ serviceId, seq, tappedAt, requestId });

  it('POST /api/kiosk/blocks hands a paired kiosk the next 5 numbers of each open service; other issuers skip them', async () => {
    const res = await blocks();
    expect(res.status).to.equal(200);
    expect(res.body.kioskId).to.equal('info-point');
    expect(res.body.blocks.map((b: { serviceId: string }) => b.serviceId)).to.deep.equal(['certs', 'idcard', 'info']);
    expect(res.body.blocks[0].numbers).to.deep.equal([1, 2, 3, 4, 5].map((seq) => ({ seq, number: `A00${seq}` })));
    const walkIn = await hub.issue({ serviceId: 'certs' });
    expect(walkIn.body.ticket.number).to.equal('A006');
    // Asking again changes nothing: the block is full.
    expect((await blocks()).body).to.deep.equal(res.body);
  });

  it('POST /api/kiosk/offline-tickets issues each reported ticket by its tap time, answers per ticket, and a repeat is not a double', async () => {
    await blocks({ serviceIds: ['certs'] });
    const t0 = Date.now();
    const walkIn = (await hub.issue({ serviceId: 'certs' })).body.ticket; // A006, now
    const first = await report([
      tap(2, t0 - 2 * minute, 'offline-tap-b'),
      tap(1, t0 - 5 * minute, 'offline-tap-a'),
      tap(4, t0 + 60 * minute, 'offline-tap-future'),
      tap(9, t0 - minute, 'offline-tap-not-mine'),
    ]);
    expect(first.status).to.equal(200);
    const results = first.body.results as { requestId: string; ok: boolean; ticket?: { number: string; position: number }; error?: { code: string } }[];
    expect(results.map((r) => r.requestId)).to.deep.equal(['offline-tap-b', 'offline-tap-a', 'offline-tap-future', 'offline-tap-not-mine']);
    expect(results.map((r) => r.ok)).to.deep.equal([true, true, false, false]);
    expect(results[2]!.error!.code).to.equal('tap-time-refused');
    expect(results[3]!.error!.code).to.equal('number-not-reserved');
    // The queue by tap time: A001 (5' ago), A002 (2' ago), then the walk-in of now.
    const queue = (await hub.read('/api/queue')).body;
    expect(queue.waiting.map((t: { number: string }) => t.number)).to.deep.equal(['A001', 'A002', walkIn.number]);
    // The block was topped up after use: A003, A004, A005 and two new numbers past the walk-in.
    expect(first.body.blocks[0].numbers.map((n: { number: string }) => n.number)).to.deep.equal(['A003', 'A004', 'A005', 'A007', 'A008']);

    const again = await report([tap(1, t0 - 5 * minute, 'offline-tap-a'), tap(2, t0 - 2 * minute, 'offline-tap-b')]);
    expect(again.body.results.map((r: { ticket: { id: number } }) => r.ticket.id)).to.deep.equal([results[1]!.ticket, results[0]!.ticket].map((t) => (t as unknown as { id: number }).id));
    expect((await hub.read('/api/queue')).body.waiting).to.have.length(3);
  });

  it('pushes kiosk:reserved to the change stream, with the next seq', async () => {
    const display = await hub.socket();
    expect((await ask(display, 'session:join', [{ role: 'display', id: 'all' }])).ok).to.equal(true);
    const pushed = new Promise<{ seq: number; kioskId: string; serviceId: string; numbers: number[] }>((resolve) => display.once('kiosk:reserved', resolve));
    await blocks({ serviceIds: ['info'] });
    const change = await pushed;
    expect(change).to.include({ kioskId: 'info-point', serviceId: 'info' });
    expect(change.numbers).to.deep.equal([1, 2, 3, 4, 5]);
    expect(change.seq).to.be.a('number');
  });

  it('refuses what is not a kiosk\'s: nobody 401, a display 403, bad bodies 400, staff must name the kiosk', async () => {
    expect((await blocks({}, '')).status).to.equal(401);
    expect((await blocks({}, await hub.device('display'))).status).to.equal(403);
    expect((await blocks({})).status).to.equal(400);
    expect((await blocks({ serviceIds: 'certs' })).status).to.equal(400);
    expect((await blocks({ extra: 1 })).status).to.equal(400);
    expect((await blocks({ serviceIds: ['nope'] })).body.error.code).to.equal('unknown-service');
    expect((await report([])).status).to.equal(400);
    expect((await report([{ serviceId: 'certs', seq: 1.5, tappedAt: Date.now(), requestId: 'offline-tap-a' }])).status).to.equal(400);
    expect((await report([{ serviceId: 'certs', seq: 1, tappedAt: Date.now(), requestId: 'x' }])).status).to.equal(400);
    const admin = await hub.login();
    expect((await blocks(allServices, admin)).status).to.equal(400);
    const forKiosk = await blocks({ kioskId: 'info-point', serviceIds: ['certs'] }, admin);
    expect(forKiosk.status).to.equal(200);
    expect(forKiosk.body.blocks[0].numbers).to.have.length(5);
    // A paired kiosk is always itself, whatever the body says.
    const other = await blocks({ kioskId: 'someone-else', serviceIds: ['info'] });
    expect(other.body.kioskId).to.equal('info-point');
  });
});

describe('REST: a kiosk\'s block survives a hub restart', function () {
  this.timeout(60_000);
  let dir: string;
  before(async () => { dir = await mkdtemp(join(tmpdir(), 'punto-comune-blocks-')); });
  after(() => rm(dir, { recursive: true, force: true }));

  it('numbers past the block after a restart, and takes the kiosk\'s report of it', async () => {
    let hub = await startTestHub({ dir });
    const kiosk = await hub.device('kiosk', 'info-point');
    await hub.request('POST', '/api/kiosk/blocks', { serviceIds: ['certs'] }, kiosk);
    await hub.close();
    hub = await startTestHub({ dir });
    try {
      expect((await hub.issue({ serviceId: 'certs' })).body.ticket.number).to.equal('A006');
      const res = await hub.request('POST', '/api/kiosk/offline-tickets', { tickets: [{ serviceId: 'certs', seq: 1, tappedAt: Date.now() - minute, requestId: 'offline-tap-a' }] }, kiosk);
      expect(res.body.results[0].ticket.number).to.equal('A001');
    } finally {
      await hub.close();
    }
  });
});

describe('REST: the numbers a kiosk never issued are a gap in the day\'s report', function () {
  this.timeout(60_000);
  let now = Date.parse('2026-11-24T09:00:00Z');
  let hub: TestHub;
  before(async () => { hub = await startTestHub({ clock: () => now }); });
  after(() => hub.close());

  it('GET /api/reports/kiosk-gaps lists them by day, kiosk and service once the day has rolled over', async () => {
    const kiosk = await hub.device('kiosk', 'info-point');
    await hub.request('POST', '/api/kiosk/blocks', { serviceIds: ['certs'] }, kiosk);
    await hub.request('POST', '/api/kiosk/offline-tickets', { tickets: [{ serviceId: 'certs', seq: 2, tappedAt: now - minute, requestId: 'offline-tap-a' }] }, kiosk);
    let manager = await hub.loginAs('marta', 'manager');
    const query = '/api/reports/kiosk-gaps?from=2026-11-24&to=2026-11-24';
    expect((await hub.request('GET', query, undefined, manager)).body.rows).to.deep.equal([]); // the day is not over
    now = Date.parse('2026-11-25T08:00:00Z');
    const issued = await hub.issue({ serviceId: 'certs' }, kiosk); // the first command of the new day rolls it over
    manager = await hub.loginAs('marta2', 'manager'); // yesterday's session has expired
    expect(issued.body.ticket?.number, JSON.stringify(issued.body)).to.equal('A001');
    const report = await hub.request('GET', query, undefined, manager);
    expect(report.status).to.equal(200);
    // The report topped every service's block up: of certs, 1, 3, 4, 5 and 6 were never issued.
    expect(report.body.total).to.equal(15);
    expect(report.body.rows.map((r: { serviceId: string; count: number }) => [r.serviceId, r.count])).to.deep.equal([['certs', 5], ['idcard', 5], ['info', 5]]);
    const certs = await hub.request('GET', `${query}&service=certs`, undefined, manager);
    expect(certs.body).to.deep.equal({
      from: '2026-11-24', to: '2026-11-24', total: 5,
      rows: [{ day: '2026-11-24', kioskId: 'info-point', serviceId: 'certs', count: 5, numbers: ['A001', 'A003', 'A004', 'A005', 'A006'] }],
    });
    // Another day's report has none of them.
    expect((await hub.request('GET', '/api/reports/kiosk-gaps?from=2026-11-23&to=2026-11-23', undefined, manager)).body.total).to.equal(0);
    const csv = await hub.request('GET', `${query}&format=csv&lang=en`, undefined, manager);
    expect(csv.body).to.include('Unused numbers');
    expect((await hub.request('GET', query, undefined, kiosk)).status).to.equal(403);
  });
});
