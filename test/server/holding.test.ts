import { expect } from 'chai';
import type { DeskView, QueueSnapshot, TicketView } from '../../protocol/views.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { ask, until } from '../helpers/wire.ts';

/** A desk is open only while a signed-in clerk holds it: over REST, sockets, logout and the away timer. */
describe('holding desks at the hub', () => {
  let hub: TestHub;

  afterEach(async () => {
    await hub.close();
  });

  const deskOf = async (deskId: string): Promise<DeskView> =>
    ((await hub.read('/api/queue')).body as QueueSnapshot).desks.find((d) => d.id === deskId)!;

  describe('over REST', () => {
    beforeEach(async () => {
      hub = await startTestHub();
    });

    it('a desk nobody holds answers desk-not-open to call-next and call, and counts as no open desk', async () => {
      const anna = await hub.loginAs('anna', 'clerk');
      const t = (await hub.issue({ serviceId: 'certs' })).body.ticket as TicketView;
      expect(t.estimatedWaitMinutes, 'no desk open: no estimate').to.equal(null);
      for (const [action, body] of [['call-next', {}], ['call', { ticketId: t.id }]] as const) {
        const res = await hub.request('POST', `/api/desks/desk-1/${action}`, body, anna);
        expect(res.status, action).to.equal(409);
        expect(res.body.error.code).to.equal('desk-not-open');
      }
      const held = await hub.request('POST', '/api/desks/desk-1/hold', {}, anna);
      expect(held.status).to.equal(200);
      expect(held.body.desk).to.include({ id: 'desk-1', heldBy: 'anna' });
      const services = (await hub.read('/api/services')).body.services as { id: string; openDesks: number }[];
      expect(services.find((s) => s.id === 'certs')!.openDesks).to.equal(1);
      const called = await hub.request('POST', '/api/desks/desk-1/call-next', {}, anna);
      expect(called.body.ticket).to.include({ id: t.id, status: 'called', deskId: 'desk-1' });
      const live = (await hub.request('GET', '/api/reports/live', undefined, await hub.login())).body;
      expect(live.desks.find((d: { deskId: string }) => d.deskId === 'desk-1')).to.include({ heldBy: 'anna', open: true, currentNumber: 'A001' });
      expect(live.desks.find((d: { deskId: string }) => d.deskId === 'desk-2')).to.include({ heldBy: null, open: false });
    });

    it('a second clerk is told who holds the desk (409 desk-held), takes it over only on purpose, and the take-over is audited', async () => {
      const anna = await hub.loginAs('anna', 'clerk');
      const bruno = await hub.loginAs('bruno', 'clerk');
      await hub.request('POST', '/api/desks/desk-2/hold', {}, anna);
      const refused = await hub.request('POST', '/api/desks/desk-2/hold', {}, bruno);
      expect(refused.status).to.equal(409);
      expect(refused.body.error).to.include({ code: 'desk-held', heldBy: 'anna' });
      expect((await deskOf('desk-2')).heldBy).to.equal('anna');
      const taken = await hub.request('POST', '/api/desks/desk-2/hold', { takeOver: true }, bruno);
      expect(taken.status).to.equal(200);
      expect(taken.body.desk.heldBy).to.equal('bruno');
      const admin = await hub.login();
      let audit: { actor: string; action: string; target: string; detail: unknown }[] = [];
      // The audit entry is written right after the commit: wait for it (polling), then check it once.
      for (let i = 0; i < 20 && !audit.some((e) => e.action === 'desk:take-over'); i++) {
        audit = (await hub.request('GET', '/api/admin/audit', undefined, admin)).body;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(audit.filter((e) => e.action === 'desk:take-over')).to.deep.equal([
        { ...audit.find((e) => e.action === 'desk:take-over'), actor: 'bruno', action: 'desk:take-over', target: 'desk-2', detail: { from: 'anna' } },
      ]);
      // anna may no longer release it.
      const notHers = await hub.request('POST', '/api/desks/desk-2/release', {}, anna);
      expect(notHers.body.error).to.include({ code: 'desk-held', heldBy: 'bruno' });
    });

    it('release asks what to do with the current ticket; requeue puts it back in its own place', async () => {
      const anna = await hub.loginAs('anna', 'clerk');
      await hub.request('POST', '/api/desks/desk-1/hold', {}, anna);
      const first = (await hub.issue({ serviceId: 'certs' })).body.ticket as TicketView;
      const second = (await hub.issue({ serviceId: 'certs' })).body.ticket as TicketView;
      await hub.request('POST', '/api/desks/desk-1/call-next', {}, anna);
      const refused = await hub.request('POST', '/api/desks/desk-1/release', {}, anna);
      expect(refused.status).to.equal(409);
      expect(refused.body.error.code).to.equal('desk-busy');
      const released = await hub.request('POST', '/api/desks/desk-1/release', { current: { action: 'requeue' } }, anna);
      expect(released.status).to.equal(200);
      expect(released.body.desk).to.include({ heldBy: null, currentTicket: null });
      const waiting = ((await hub.read('/api/queue')).body as QueueSnapshot).waiting;
      expect(waiting.map((t) => [t.id, t.position])).to.deep.equal([[first.id, 0], [second.id, 1]]);
    });

    it('logout releases the clerk\'s desk: a called ticket goes back to its place', async () => {
      const anna = await hub.loginAs('anna', 'clerk');
      await hub.request('POST', '/api/desks/desk-3/hold', {}, anna);
      const t = (await hub.issue({ serviceId: 'info' })).body.ticket as TicketView;
      await hub.request('POST', '/api/desks/desk-3/call-next', {}, anna);
      expect((await hub.request('POST', '/api/auth/logout', undefined, anna)).status).to.equal(204);
      const desk = await deskOf('desk-3');
      expect(desk).to.include({ heldBy: null, currentTicket: null });
      const back = (await hub.read(`/api/tickets/${t.id}`)).body.ticket as TicketView;
      expect(back).to.include({ status: 'waiting', deskId: null, issuedAt: t.issuedAt });
    });
  });

  describe('over Socket.IO, and the away timer', () => {
    beforeEach(async () => {
      hub = await startTestHub({ deskAwayMs: 300 });
    });

    it('desk:hold and desk:release answer over the socket; a display sees the holder through desk:changed', async () => {
      const anna = await hub.loginAs('anna', 'clerk');
      const s = await hub.socket(anna);
      const tv = await hub.socket();
      const seen: DeskView[] = [];
      tv.on('desk:changed', (e) => seen.push(e.desk));
      await ask(tv, 'session:join', [{ role: 'display', id: 'tv-1' }]);
      const held = await ask<{ desk: DeskView }>(s, 'desk:hold', [{ deskId: 'desk-1' }]);
      expect(held.ok && held.data.desk.heldBy).to.equal('anna');
      await until(() => seen.length === 1, 'the holder on the display');
      expect(seen[0]).to.include({ id: 'desk-1', heldBy: 'anna' });
      const bruno = await hub.socket(await hub.loginAs('bruno', 'clerk'));
      const refused = await ask(bruno, 'desk:hold', [{ deskId: 'desk-1' }]);
      expect(refused).to.deep.include({ ok: false });
      expect(!refused.ok && refused.error).to.include({ code: 'desk-held', heldBy: 'anna' });
      const released = await ask<{ desk: DeskView }>(s, 'desk:release', [{ deskId: 'desk-1' }]);
      expect(released.ok && released.data.desk.heldBy).to.equal(null);
      await until(() => seen.length === 2, 'the release on the display');
    });

    it('a desk whose page is gone longer than deskAwayMs is released; a called ticket goes back, a page back in time keeps it', async () => {
      const anna = await hub.loginAs('anna', 'clerk');
      const page = await hub.socket(anna);
      await ask(page, 'session:join', [{ role: 'desk', id: 'desk-1' }]);
      await ask(page, 'desk:hold', [{ deskId: 'desk-1' }]);
      const t = (await hub.issue({ serviceId: 'certs' })).body.ticket as TicketView;
      await ask(page, 'desk:call-next', [{ deskId: 'desk-1' }]);

      // Gone briefly, back in time: still held.
      page.disconnect();
      const again = await hub.socket(anna);
      await ask(again, 'session:join', [{ role: 'desk', id: 'desk-1' }]);
      await new Promise((r) => setTimeout(r, 500));
      expect((await deskOf('desk-1')).heldBy).to.equal('anna');

      // Gone for good: released, and the called ticket back in its place.
      again.disconnect();
      await until(() => hub.hub.ctx.committer.state.desks.get('desk-1')!.heldBy === null, 'the desk to be released', 3000);
      const back = (await hub.read(`/api/tickets/${t.id}`)).body.ticket as TicketView;
      expect(back).to.include({ status: 'waiting', deskId: null, position: 0 });
      expect((await deskOf('desk-1')).currentTicket).to.equal(null);
    });
  });
});
