import { expect } from 'chai';
import type { TicketSearchAnswer } from '../../protocol/ticketSearch.ts';
import type { TicketView } from '../../protocol/views.ts';
import { forgetExpiredContacts } from '../../server/privacy/retention.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';
import { ask } from '../helpers/wire.ts';

const T0 = Date.UTC(2026, 0, 14, 9, 0);
const minute = 60_000;
const day = 86_400_000;

describe('REST and sockets: taking a slip back', () => {
  let now = T0;
  let hub: TestHub;
  let token: string;

  beforeEach(async () => {
    now = T0;
    hub = await startTestHub({ clock: () => now, office: testOffice({ policy: { requireOutcome: true, undoSeconds: 30, noShowRecoveryMinutes: 60 } }) });
    token = await hub.login();
    await hub.holdAll(); // a desk calls only while a clerk holds it
  });
  afterEach(() => hub.close());

  const issue = async (): Promise<TicketView> => (await hub.issue({ serviceId: 'certs' })).body.ticket as TicketView;
  const desk = (deskId: string, action: string, body: Record<string, unknown> = {}) => hub.request('POST', `/api/desks/${deskId}/${action}`, body, token);
  const waitingIds = async () => ((await hub.read('/api/queue')).body.waiting as TicketView[]).map((t) => t.id);
  const finishCertificate = { outcomes: [{ code: 'certificate', count: 1 }] };

  it('POST /api/desks/:deskId/requeue puts the called ticket back in its place; a desk with nothing is refused', async () => {
    const [a1, a2] = [await issue(), await issue()];
    expect((await desk('desk-1', 'call-next')).body.ticket.id).to.equal(a1.id);
    const back = await desk('desk-1', 'requeue');
    expect(back.status, JSON.stringify(back.body)).to.equal(200);
    expect(back.body.ticket).to.include({ id: a1.id, status: 'waiting', position: 0, deskId: null });
    expect(await waitingIds()).to.deep.equal([a1.id, a2.id]);
    const again = await desk('desk-1', 'requeue');
    expect([again.status, again.body.error.code]).to.deep.equal([409, 'no-current-ticket']);
    expect((await desk('desk-1', 'requeue', { extra: 1 })).status).to.equal(400);
  });

  it('POST /api/tickets/:id/recover brings a no-show to the head of its queue, 409 too-late after the window', async () => {
    const [a1, a2, a3] = [await issue(), await issue(), await issue()];
    await desk('desk-1', 'call-next');
    await desk('desk-1', 'no-show');
    now += 10 * minute;
    const recovered = await hub.request('POST', `/api/tickets/${a1.id}/recover`, undefined, token);
    expect(recovered.status, JSON.stringify(recovered.body)).to.equal(200);
    expect(recovered.body.ticket).to.include({ status: 'waiting', position: 0 });
    const notNoShow = await hub.request('POST', `/api/tickets/${a2.id}/recover`, undefined, token);
    expect([notNoShow.status, notNoShow.body.error.code]).to.deep.equal([409, 'wrong-state']);

    await desk('desk-1', 'call-next'); // a1 again
    await desk('desk-1', 'finish', finishCertificate);
    expect((await desk('desk-1', 'call-next')).body.ticket.id).to.equal(a2.id);
    await desk('desk-1', 'no-show');
    now += 61 * minute;
    const late = await hub.request('POST', `/api/tickets/${a2.id}/recover`, undefined, token);
    expect([late.status, late.body.error.code]).to.deep.equal([409, 'too-late']);
    expect(await waitingIds()).to.deep.equal([a3.id]);
    expect((await hub.request('POST', '/api/tickets/abc/recover', undefined, token)).status).to.equal(400);
    expect((await hub.request('POST', `/api/tickets/${a2.id}/recover`, undefined, undefined)).status).to.equal(401);
  });

  it('POST /api/desks/:deskId/reopen takes a finish back within policy.undoSeconds, and the desk serves it again', async () => {
    const a1 = await issue();
    await desk('desk-1', 'call-next');
    await desk('desk-1', 'start');
    now += 5 * minute;
    await desk('desk-1', 'finish', { ...finishCertificate, note: 'Torna con la marca da bollo' });
    now += 5000;
    const reopened = await desk('desk-1', 'reopen', { ticketId: a1.id });
    expect(reopened.status, JSON.stringify(reopened.body)).to.equal(200);
    expect(reopened.body.ticket).to.include({ status: 'serving', finishedAt: null, deskId: 'desk-1' });
    expect(reopened.body.ticket.outcomes).to.deep.equal([]);
    expect((await desk('desk-1', 'reopen', { ticketId: 'x' })).status).to.equal(400);
    expect((await desk('desk-1', 'reopen', {})).status).to.equal(400);
    await desk('desk-1', 'finish', finishCertificate);
    now += 31_000;
    const late = await desk('desk-1', 'reopen', { ticketId: a1.id });
    expect([late.status, late.body.error.code]).to.deep.equal([409, 'too-late']);
  });

  it('with policy.requireOutcome a finish without an outcome is 400 outcome-required and changes nothing', async () => {
    const a1 = await issue();
    await desk('desk-1', 'call-next');
    const refused = await desk('desk-1', 'finish', { outcomes: [] });
    expect([refused.status, refused.body.error.code]).to.deep.equal([400, 'outcome-required']);
    expect((await hub.read(`/api/tickets/${a1.id}`)).body.ticket.status).to.equal('called');
    const tooLong = await desk('desk-1', 'finish', { ...finishCertificate, note: 'x'.repeat(501) });
    expect([tooLong.status, tooLong.body.error.code]).to.deep.equal([400, 'validation-failed']);
    expect((await desk('desk-1', 'finish', finishCertificate)).status).to.equal(200);
  });

  it('cancels a waiting ticket with a reason from the list; any other reason is 400 and changes nothing', async () => {
    const a1 = await issue();
    const bad = await hub.request('POST', `/api/tickets/${a1.id}/cancel`, { reason: 'rude' }, token);
    expect([bad.status, bad.body.error.code]).to.deep.equal([400, 'validation-failed']);
    expect((await hub.request('POST', `/api/tickets/${a1.id}/cancel`, [], token)).status).to.equal(400);
    expect(await waitingIds()).to.deep.equal([a1.id]);
    const cancelled = await hub.request('POST', `/api/tickets/${a1.id}/cancel`, { reason: 'left' }, token);
    expect(cancelled.body.ticket.status).to.equal('cancelled');
    const found = (await hub.request('GET', `/api/tickets?q=${a1.id}`, undefined, token)).body as TicketSearchAnswer;
    expect(found.tickets[0]).to.include({ cancelReason: 'left' });
  });

  it('GET /api/tickets?q= finds "A 1", "a001" or an id with its history; the note is for staff only and is erased after the retention', async () => {
    const a1 = await issue();
    await desk('desk-1', 'call-next');
    await desk('desk-1', 'recall');
    await desk('desk-1', 'finish', { ...finishCertificate, note: 'Manca la delega' });
    for (const q of ['A 1', 'a001', 'A1', String(a1.id)]) {
      const res = await hub.request('GET', `/api/tickets?q=${encodeURIComponent(q)}`, undefined, token);
      expect(res.status, q).to.equal(200);
      const [found] = (res.body as TicketSearchAnswer).tickets;
      expect(found?.ticket.id, q).to.equal(a1.id);
      expect(found?.note).to.equal('Manca la delega');
      expect(found?.history.map((h) => h.type)).to.deep.equal(['ticket:issued', 'ticket:called', 'ticket:recalled', 'ticket:finished']);
    }
    expect((await hub.request('GET', '/api/tickets?q=Z 9', undefined, token)).body.tickets).to.deep.equal([]);
    expect((await hub.request('GET', '/api/tickets?q=%3Cscript%3E', undefined, token)).status).to.equal(400);
    expect((await hub.request('GET', '/api/tickets', undefined, token)).status).to.equal(400);
    expect((await hub.read('/api/tickets?q=A1')).status).to.equal(403);
    // Never in what the public sees.
    expect(JSON.stringify((await hub.read('/api/queue')).body)).not.to.include('Manca la delega');
    expect(JSON.stringify((await hub.read(`/api/tickets/${a1.id}`)).body)).not.to.include('Manca la delega');

    now += 29 * day;
    expect((await forgetExpiredContacts(hub.hub.ctx)).notes).to.equal(0);
    now += 2 * day;
    expect((await forgetExpiredContacts(hub.hub.ctx)).notes).to.equal(1);
    expect(await hub.hub.ctx.queueStore.findTicket(a1.id)).to.include({ note: null, status: 'done' });
  });

  it('the socket commands desk:requeue, ticket:recover and desk:reopen answer like REST, bad payloads refused', async () => {
    const socket = await hub.socket(token);
    const a1 = await issue();
    await desk('desk-2', 'call-next');
    const requeued = await ask<{ ticket: TicketView }>(socket, 'desk:requeue', [{ deskId: 'desk-2' }]);
    expect(requeued.ok && requeued.data.ticket.status).to.equal('waiting');
    await desk('desk-2', 'call-next');
    await desk('desk-2', 'no-show');
    const recovered = await ask<{ ticket: TicketView }>(socket, 'ticket:recover', [{ ticketId: a1.id }]);
    expect(recovered.ok && recovered.data.ticket.status).to.equal('waiting');
    await desk('desk-2', 'call-next');
    await desk('desk-2', 'finish', finishCertificate);
    const reopened = await ask<{ ticket: TicketView }>(socket, 'desk:reopen', [{ deskId: 'desk-2', ticketId: a1.id }]);
    expect(reopened.ok && reopened.data.ticket.status).to.equal('serving');
    for (const [event, payload] of [['desk:reopen', { deskId: 'desk-2' }], ['ticket:recover', { ticketId: -1 }], ['desk:requeue', null]] as const) {
      const bad = await ask(socket, event, [payload]);
      expect(!bad.ok && bad.error.code, event).to.equal('validation-failed');
    }
    socket.close();
  });
});
