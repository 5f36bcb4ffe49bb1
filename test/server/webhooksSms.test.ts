import { expect } from 'chai';
import { forgetEndedSmsNumbers } from '../../server/privacy/retention.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { until } from '../helpers/wire.ts';
import { eventually, startReceiver, type WebhookReceiver } from '../helpers/webhookReceiver.ts';

describe('SMS notices through an sms webhook', () => {
  let hub: TestHub;
  let receiver: WebhookReceiver;
  let admin: string;
  let kiosk: string;

  beforeEach(async () => {
    receiver = await startReceiver();
    hub = await startTestHub({ webhookDelivery: { backoffMs: [20, 20], pollMs: 20 } });
    admin = await hub.login();
    kiosk = await hub.device('kiosk');
  });
  afterEach(async () => {
    await hub.close();
    await receiver.close();
  });

  const issue = async () => (await hub.issue({ serviceId: 'certs' }, kiosk)).body.ticket as { id: number; number: string };
  const phoneOf = async (ticketId: number) =>
    (await hub.hub.ctx.database.get<{ phone: string | null }>('SELECT phone FROM sms_requests WHERE ticket_id = ?', [ticketId]))?.phone;
  const callNext = async () => {
    const clerk = await hub.hold('desk-1');
    await hub.request('POST', '/api/desks/desk-1/finish', {}, clerk);
    const res = await hub.request('POST', '/api/desks/desk-1/call-next', {}, clerk);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body.ticket as { id: number };
  };

  it('is offered only once an SMS endpoint is on', async () => {
    expect((await hub.request('GET', '/api/sms', undefined, kiosk)).body).to.deep.equal({ available: false, ahead: 3 });
    const ticket = await issue();
    const refused = await hub.request('POST', `/api/tickets/${ticket.id}/sms`, { phone: '333 123 4567' }, kiosk);
    expect(refused.status).to.equal(404);
    await hub.request('POST', '/api/admin/webhooks', { kind: 'sms', url: receiver.url }, admin);
    expect((await hub.request('GET', '/api/sms', undefined, kiosk)).body).to.deep.equal({ available: true, ahead: 3 });
    expect((await hub.request('POST', `/api/tickets/${ticket.id}/sms`, { phone: 'call me' }, kiosk)).status).to.equal(400);
    expect((await hub.request('POST', `/api/tickets/${ticket.id}/sms`, { phone: '333 123 4567' })).status, 'anonymous').to.equal(401);
  });

  it('texts the citizen once when 3 people are ahead, tells the desk, and forgets the number when the ticket ends', async () => {
    const gateway = await hub.request('POST', '/api/admin/webhooks', { kind: 'sms', url: receiver.url }, admin);
    expect(gateway.status, JSON.stringify(gateway.body)).to.equal(201);
    const tickets = [];
    for (let i = 0; i < 6; i++) tickets.push(await issue());
    const mine = tickets[5]!; // five people ahead
    const asked = await hub.request('POST', `/api/tickets/${mine.id}/sms`, { phone: '333 123 4567' }, kiosk);
    expect(asked.status, JSON.stringify(asked.body)).to.equal(201);
    expect(asked.body).to.include({ sentNow: false, ahead: 3 });
    const clerk = await hub.hold('desk-1');
    expect((await hub.request('GET', `/api/tickets/${mine.id}/sms`, undefined, clerk)).body).to.include({ requested: true, notifiedAt: null });

    await callNext(); // four ahead
    await callNext(); // three ahead: the SMS goes
    await until(() => receiver.accepted().length === 1, 'the SMS');
    const sms = receiver.accepted()[0]!;
    expect(() => receiver.verify(sms, gateway.body.secret)).not.to.throw();
    expect(sms.json.type).to.equal('sms:send');
    expect(sms.json.data.to).to.equal('333 123 4567');
    expect(sms.json.data.text).to.include(mine.number).and.include('3 persone');
    await callNext(); // two ahead: no second SMS
    const seen = await eventually(() => hub.request('GET', `/api/tickets/${mine.id}/sms`, undefined, clerk), (r) => r.body.notifiedAt !== null, 'the desk sees it');
    expect(seen.body.requested).to.equal(true);
    await callNext();
    await callNext();
    const called = await callNext();
    expect(called.id).to.equal(mine.id);
    expect(receiver.received).to.have.length(1);
    expect(await phoneOf(mine.id), 'kept while called').to.equal('333 123 4567');
    await hub.request('POST', '/api/desks/desk-1/finish', {}, clerk);
    expect(await phoneOf(mine.id), 'the commit that ends the ticket clears the number').to.equal(null);
  });

  it('sends at once when the ticket is already close, and the retention job clears numbers the commits missed', async () => {
    await hub.request('POST', '/api/admin/webhooks', { kind: 'sms', url: receiver.url }, admin);
    const first = await issue();
    const asked = await hub.request('POST', `/api/tickets/${first.id}/sms`, { phone: '+39 055 123456', ahead: 2 }, kiosk);
    expect(asked.body).to.include({ sentNow: true, ahead: 2 });
    await until(() => receiver.accepted().length === 1, 'the SMS');
    expect(receiver.accepted()[0]!.json.data.text).to.include('è il prossimo');

    const second = await issue();
    await hub.request('POST', `/api/tickets/${second.id}/sms`, { phone: '333 765 4321' }, kiosk);
    const cancelled = await hub.request('POST', `/api/tickets/${second.id}/cancel`, {}, admin);
    expect(cancelled.status, JSON.stringify(cancelled.body)).to.equal(200);
    expect(await phoneOf(second.id)).to.equal(null);
    // A number left behind (as after a crash between the request and the commit that ended the ticket):
    await hub.hub.ctx.database.run("UPDATE sms_requests SET phone = '333 765 4321' WHERE ticket_id = ?", [second.id]);
    expect(await forgetEndedSmsNumbers(hub.hub.ctx)).to.equal(1);
    expect(await phoneOf(second.id)).to.equal(null);
    expect(await phoneOf(first.id), 'the open ticket keeps its number').to.equal('+39 055 123456');
    expect(await forgetEndedSmsNumbers(hub.hub.ctx)).to.equal(0);
  });
});
