import { expect } from 'chai';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';

/**
 * Shared traffic between the offices of a network (issue 22): the nearby offices with a shorter wait, and a
 * ticket moved from the phone keeping its place by its first arrival. Offices north of the main one, 0.1° of
 * latitude ≈ 11.1 km.
 */
describe('shared traffic between offices', function () {
  this.timeout(30_000);
  let hub: TestHub;
  let admin: string;
  const base = { lat: 43.7544, lon: 11.1894 };
  const north = (km: number) => ({ address: `${km} km a nord`, lat: base.lat + km / 111.195, lon: base.lon });
  const certsOnly = [{ id: 'certs', prefix: 'V', name: { it: 'Certificati', en: 'Certificates' }, outcomes: ['certificate'], defaultServiceMinutes: 5 }];
  const oneDesk = [{ id: 'desk-1', name: 'Sportello 1', kind: 'front' as const, services: ['certs'] }];
  const sharing = { enabled: true, thresholdMinutes: 10, maxDistanceKm: 10 };
  const office = (id: string, name: string, km: number, extra: Record<string, unknown> = {}) => ({
    ...testOffice({ name, services: certsOnly, desks: oneDesk, location: north(km), sharing }),
    id,
    ...extra,
  });
  const ok = async (res: Promise<{ status: number; body: any }>, status = 200) => {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).to.equal(status);
    return r.body;
  };
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const keyOf = (officeId: string, ticketId: number) => hub.hub.network.offices.get(officeId)!.ctx.statusLinks.key(ticketId);
  const issueAt = async (officeId: string, serviceId = 'certs') => {
    const path = officeId === 'main' ? '/api/tickets' : `/api/offices/${officeId}/tickets`;
    const t = (await ok(hub.request('POST', path, { serviceId }, admin), 201)).ticket;
    await wait(5); // distinct arrival instants
    return t as { id: number; number: string };
  };
  const status = async (officeId: string, ticketId: number) =>
    (await ok(hub.request('GET', `/api/offices/${officeId}/tickets/${ticketId}/status?key=${keyOf(officeId, ticketId)}`))).ticket;
  const move = (ticketId: number, body: unknown, key = keyOf('main', ticketId)) => hub.request('POST', `/api/tickets/${ticketId}/move?key=${key}`, body);

  before(async () => {
    hub = await startTestHub({
      office: testOffice({
        location: { address: 'Piazza della Resistenza 1, Scandicci', ...base },
        sharing,
        // Information is never worth a trip: its own threshold.
        services: [
          ...testOffice().services.filter((s) => s.id !== 'info'),
          { id: 'info', prefix: 'C', name: { it: 'Informazioni', en: 'Information' }, outcomes: ['information'], defaultServiceMinutes: 4, sharingThresholdMinutes: 500 },
        ],
      }),
    });
    admin = await hub.login();
    const offices = [
      office('vingone', 'Vingone', 1.2),
      office('casellina', 'Casellina', 3),
      office('far', 'Lontano', 30),
      office('quiet', 'Non condivide', 2, { sharing: { ...sharing, enabled: false } }),
      office('infopoint', 'Solo informazioni', 2, {
        services: [{ id: 'info', prefix: 'I', name: { it: 'Informazioni', en: 'Information' }, outcomes: ['information'] }],
        desks: [{ id: 'desk-1', name: 'Sportello 1', kind: 'front', services: ['info'] }],
      }),
      office('shut', 'Chiuso', 2, { openingHours: {} }),
      // Its desk is not held (no estimate, so never suggested), and one ticket a day: a move there is refused.
      office('full', 'Pieno', 2, { services: [{ ...certsOnly[0], dailyLimit: 1 }] }),
    ];
    for (const o of offices) await ok(hub.request('POST', '/api/admin/offices', { office: o }, admin), 201);
    await ok(hub.request('POST', '/api/desks/desk-1/hold', {}, admin));
    for (const id of ['vingone', 'casellina', 'far', 'quiet', 'infopoint', 'shut']) {
      await ok(hub.request('POST', `/api/offices/${id}/desks/desk-1/hold`, {}, admin));
    }
  });
  after(async () => hub?.close());

  describe('GET /api/offices/:officeId/nearby', () => {
    it('lists nothing while the wait is within the threshold, then the sharing offices open with a shorter wait, by wait then distance', async () => {
      const display = await hub.device('display');
      const first = await ok(hub.request('GET', '/api/offices/main/nearby?serviceId=certs', undefined, display));
      expect(first).to.deep.equal({ serviceId: 'certs', waitMinutes: 0, thresholdMinutes: 10, offices: [] });
      for (let i = 0; i < 3; i++) await issueAt('main'); // 3 × 5 min at one desk: 15 min
      const over = await ok(hub.request('GET', '/api/nearby?serviceId=certs', undefined, display));
      expect(over.waitMinutes).to.equal(15);
      expect(over.offices).to.deep.equal([
        { officeId: 'vingone', name: 'Vingone', address: '1.2 km a nord', waitMinutes: 0, distanceKm: 1.2 },
        { officeId: 'casellina', name: 'Casellina', address: '3 km a nord', waitMinutes: 0, distanceKm: 3 },
      ]);
      // Casellina now has one waiting (5 min): it comes after Vingone by wait, whatever the distance.
      await issueAt('casellina');
      await issueAt('vingone');
      await issueAt('vingone');
      const byWait = await ok(hub.request('GET', '/api/nearby?serviceId=certs', undefined, display));
      expect(byWait.offices.map((o: any) => [o.officeId, o.waitMinutes])).to.deep.equal([['casellina', 5], ['vingone', 10]]);
    });

    it('uses a service own threshold, and lists nothing for a service no other office offers nearby', async () => {
      const display = await hub.device('display');
      for (let i = 0; i < 4; i++) await issueAt('main', 'info');
      const info = await ok(hub.request('GET', '/api/nearby?serviceId=info', undefined, display));
      expect(info).to.include({ waitMinutes: 16, thresholdMinutes: 500 });
      expect(info.offices).to.deep.equal([]);
      for (let i = 0; i < 2; i++) await issueAt('main', 'idcard'); // 30 min, nobody else offers it
      expect((await ok(hub.request('GET', '/api/nearby?serviceId=idcard', undefined, display))).offices).to.deep.equal([]);
    });

    it('is refused without a login, for a malformed service id (400) and for one the office has not (404)', async () => {
      const display = await hub.device('display');
      expect((await hub.request('GET', '/api/nearby?serviceId=certs')).status).to.equal(401);
      expect((await hub.request('GET', '/api/nearby?serviceId=Not%20an%20id', undefined, display)).status).to.equal(400);
      expect((await hub.request('GET', '/api/nearby', undefined, display)).status).to.equal(400);
      expect((await hub.request('GET', '/api/nearby?serviceId=passports', undefined, display)).body.error.code).to.equal('unknown-service');
    });
  });

  describe('POST /api/tickets/:ticketId/move', () => {
    it('moves a waiting ticket: the target ranks it by its first arrival, before later walk-ins; the source ends as moved', async () => {
      const before = await issueAt('vingone');
      const mine = await issueAt('main');
      const later = await issueAt('vingone');
      const key = keyOf('main', mine.id);
      const suggested = await ok(hub.request('GET', `/api/tickets/${mine.id}/nearby?key=${key}`));
      // Judged by this ticket's own wait (15 min): Vingone's 20 is no quicker, Casellina's 5 is.
      expect(suggested.waitMinutes).to.equal(15);
      expect(suggested.offices.map((o: any) => o.officeId)).to.deep.equal(['casellina']);
      const moved = await ok(move(mine.id, { officeId: 'vingone' }));
      expect(moved).to.include({ officeId: 'vingone', officeName: 'Vingone' });
      expect(moved.ticket).to.include({ status: 'waiting', serviceId: 'certs' });
      expect(moved.ticket.number).to.match(/^V\d{3}$/);
      expect(moved.statusPath).to.equal(`/o/vingone/t/${moved.ticket.id}?k=${keyOf('vingone', moved.ticket.id)}`);
      const positions = { before: (await status('vingone', before.id)).position, moved: (await status('vingone', moved.ticket.id)).position, later: (await status('vingone', later.id)).position };
      expect(positions.moved).to.equal(positions.before + 1);
      expect(positions.later).to.equal(positions.moved + 1);
      expect((await status('main', mine.id)).status).to.equal('cancelled');
      // The old link says where it went.
      expect((await ok(hub.request('GET', `/api/tickets/${mine.id}/move?key=${key}`))).ticket.id).to.equal(moved.ticket.id);
      const search = await ok(hub.request('GET', `/api/tickets?q=${mine.id}`, undefined, admin));
      expect(search.tickets[0].cancelReason).to.equal('moved');
    });

    it('a retried move answers the same new ticket, to whichever office it names; no second ticket is made', async () => {
      const mine = await issueAt('main');
      const first = await ok(move(mine.id, { officeId: 'casellina' }));
      const waitingThere = (await ok(hub.request('GET', '/api/offices/casellina/queue', undefined, admin))).waiting.length;
      const again = await ok(move(mine.id, { officeId: 'casellina' }));
      expect(again.ticket.id).to.equal(first.ticket.id);
      expect((await ok(move(mine.id, { officeId: 'vingone' }))).officeId).to.equal('casellina');
      expect((await ok(hub.request('GET', '/api/offices/casellina/queue', undefined, admin))).waiting.length).to.equal(waitingThere);
      // Two at once: one move.
      const other = await issueAt('main');
      const both = await Promise.all([move(other.id, { officeId: 'vingone' }), move(other.id, { officeId: 'casellina' })]);
      expect(both.map((r) => r.status)).to.deep.equal([200, 200]);
      expect(both[1]!.body.ticket.id).to.equal(both[0]!.body.ticket.id);
    });

    it('a target that refuses (its day limit reached) leaves the source ticket as it was', async () => {
      await issueAt('full');
      const mine = await issueAt('main');
      const before = await status('main', mine.id);
      const refused = await move(mine.id, { officeId: 'full' });
      expect(refused.status).to.equal(409);
      expect(refused.body.error.code).to.equal('daily-limit-reached');
      expect(await status('main', mine.id)).to.deep.equal(before);
      expect((await hub.request('GET', `/api/tickets/${mine.id}/move?key=${keyOf('main', mine.id)}`)).status).to.equal(404);
    });

    it('refuses a wrong key, bad ids, another office that does not share or is too far, and a ticket no longer waiting', async () => {
      const mine = await issueAt('main');
      const code = async (r: Promise<{ status: number; body: any }>) => (await r).body.error.code as string;
      expect(await code(move(mine.id, { officeId: 'vingone' }, 'A'.repeat(16)))).to.equal('unknown-ticket');
      expect(await code(move(mine.id, { officeId: 'vingone' }, ''))).to.equal('unknown-ticket');
      expect(await code(hub.request('POST', `/api/tickets/abc/move?key=x`, { officeId: 'vingone' }))).to.equal('unknown-ticket');
      expect(await code(hub.request('POST', `/api/tickets/999999/move?key=${keyOf('main', 999999)}`, { officeId: 'vingone' }))).to.equal('unknown-ticket');
      expect(await code(move(mine.id, { officeId: 'Vin gone' }))).to.equal('validation-failed');
      expect(await code(move(mine.id, { officeId: 'vingone', extra: 1 }))).to.equal('validation-failed');
      expect(await code(move(mine.id, undefined))).to.equal('validation-failed');
      expect(await code(move(mine.id, { officeId: 'nowhere' }))).to.equal('unknown-office');
      expect(await code(move(mine.id, { officeId: 'main' }))).to.equal('unknown-office');
      expect(await code(move(mine.id, { officeId: 'far' }))).to.equal('sharing-off');
      expect(await code(move(mine.id, { officeId: 'quiet' }))).to.equal('sharing-off');
      expect(await code(move(mine.id, { officeId: 'infopoint' }))).to.equal('sharing-off');
      expect(await code(move(mine.id, { officeId: 'shut' }))).to.equal('office-closed');
      expect((await status('main', mine.id)).status).to.equal('waiting');
      // Called at a desk: it stays here.
      const called = await ok(hub.request('POST', '/api/desks/desk-1/call', { ticketId: mine.id }, admin));
      expect(called.ticket.id).to.equal(mine.id);
      expect(await code(move(mine.id, { officeId: 'vingone' }))).to.equal('wrong-state');
    });
  });

  describe('GET /api/network/load', () => {
    it('gives every office load to a network admin, and nothing to a manager', async () => {
      const load = await ok(hub.request('GET', '/api/network/load', undefined, admin));
      const main = load.offices.find((o: any) => o.officeId === 'main');
      const queue = await ok(hub.request('GET', '/api/queue', undefined, admin));
      expect(main).to.include({ name: 'Test office', open: true, openDesks: 1, desks: 4, waiting: queue.waiting.length });
      expect(main.issuedToday).to.be.greaterThan(10);
      expect(main.longestEstimatedWaitMinutes).to.be.greaterThan(15);
      expect(load.offices.find((o: any) => o.officeId === 'shut')).to.include({ open: false, waiting: 0, longestEstimatedWaitMinutes: 0 });
      const manager = await hub.loginAs('mara', 'manager');
      expect((await hub.request('GET', '/api/network/load', undefined, manager)).status).to.equal(403);
    });
  });
});
