import { expect } from 'chai';
import type { CallbackView } from '../../protocol/appointments.ts';
import { forgetExpiredContacts } from '../../server/privacy/retention.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { until } from '../helpers/wire.ts';

describe('call-back requests', () => {
  let now: number;
  let hub: TestHub;
  let clerk: string;
  let notices: { open: number }[];

  beforeEach(async () => {
    now = Date.parse('2026-11-24T15:00:00Z');
    hub = await startTestHub({ clock: () => now });
    clerk = await hub.loginAs('clerk1', 'clerk');
    notices = [];
    const display = await hub.socket();
    display.on('callbacks:changed', (n) => notices.push(n));
    await new Promise<void>((resolve) => display.emit('session:join', { role: 'display', id: 'hall' }, () => resolve()));
  });

  afterEach(() => hub.close());

  const create = async (body: Record<string, unknown>, token?: string) => hub.request('POST', '/api/callbacks', body, token ?? (await hub.device('kiosk')));
  const openList = async () => (await hub.request('GET', '/api/callbacks?status=open', undefined, clerk)).body.callbacks as CallbackView[];

  it('takes a request from the kiosk without a login and from a desk with one, and lists them oldest first', async () => {
    const fromKiosk = await create({ serviceId: 'certs', phone: '333 123 4567', preferredTime: 'morning', kioskId: 'info-point' });
    expect(fromKiosk.status, JSON.stringify(fromKiosk.body)).to.equal(201);
    expect(fromKiosk.body.callback).to.include({ source: 'kiosk', sourceId: 'info-point', status: 'open', phone: '333 123 4567', note: null });
    now += 60_000;
    const fromDesk = await create({ serviceId: 'idcard', phone: '+39 055 123456', preferredTime: 'any', note: 'Rinnovo CIE per il figlio', deskId: 'desk-1' }, clerk);
    expect(fromDesk.status).to.equal(201);
    expect((await openList()).map((c) => c.source)).to.deep.equal(['kiosk', 'desk']);
    await until(() => notices.length === 2, 'callbacks:changed');
    expect(notices.at(-1)).to.deep.equal({ open: 2 });
    expect(JSON.stringify(notices), 'the public notice carries no phone number').not.to.include('123');
  });

  it('refuses bad requests and changes nothing', async () => {
    const bad: [Record<string, unknown>, string | undefined, number][] = [
      [{ serviceId: 'certs', phone: '12', preferredTime: 'morning', kioskId: 'info-point' }, undefined, 400],
      [{ serviceId: 'certs', phone: '333 1234567', preferredTime: 'night', kioskId: 'info-point' }, undefined, 400],
      [{ serviceId: 'certs', phone: '333 1234567', preferredTime: 'any' }, undefined, 400], // neither desk nor kiosk
      [{ serviceId: 'certs', phone: '333 1234567', preferredTime: 'any', kioskId: 'info-point', note: 'spam' }, undefined, 400],
      [{ serviceId: 'certs', phone: '333 1234567', preferredTime: 'any', deskId: 'desk-1' }, undefined, 403], // a kiosk cannot leave one as a desk
      [{ serviceId: 'nope', phone: '333 1234567', preferredTime: 'any', kioskId: 'info-point' }, undefined, 404],
    ];
    for (const [body, token, status] of bad) expect((await create(body, token)).status, JSON.stringify(body)).to.equal(status);
    expect(await openList()).to.deep.equal([]);
    expect((await hub.request('GET', '/api/callbacks')).status, 'the list is for staff').to.equal(401);
  });

  it('is closed once, with an outcome, by a desk', async () => {
    const { callback } = (await create({ serviceId: 'certs', phone: '333 1234567', preferredTime: 'afternoon', kioskId: 'info-point' })).body as { callback: CallbackView };
    const close = (deskId: string) => hub.request('POST', `/api/callbacks/${callback.id}/close`, { outcome: 'resolved', deskId }, clerk);
    const closed = await close('back-1');
    expect(closed.body.callback).to.include({ status: 'closed', outcome: 'resolved', closedByDeskId: 'back-1' });
    const twice = await close('desk-2');
    expect(twice.status).to.equal(409);
    expect(twice.body.error.message).to.include('back-1');
    expect(await openList()).to.deep.equal([]);
    expect((await hub.request('POST', '/api/callbacks/999/close', { outcome: 'resolved', deskId: 'desk-1' }, clerk)).body.error.code).to.equal('unknown-callback');
    expect((await hub.request('POST', '/api/callbacks/abc/close', { outcome: 'resolved', deskId: 'desk-1' }, clerk)).status).to.equal(400);
  });

  it('keeps every try: "no-answer" leaves it open for another try until policy.callbackAttempts, then closes it', async () => {
    const { callback } = (await create({ serviceId: 'certs', phone: '333 1234567', preferredTime: 'any', kioskId: 'info-point' })).body as { callback: CallbackView };
    now += 60_000;
    const later = (await create({ serviceId: 'info', phone: '055 7654321', preferredTime: 'any', kioskId: 'info-point' })).body.callback as CallbackView;
    expect(callback).to.include({ maxAttempts: 3 });
    expect(callback.attempts).to.deep.equal([]);
    const other = await hub.loginAs('clerk2', 'clerk');
    const tryIt = (token: string, deskId: string) => hub.request('POST', `/api/callbacks/${callback.id}/close`, { outcome: 'no-answer', deskId }, token);

    const first = await tryIt(clerk, 'back-1');
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    expect(first.body).to.deep.include({ closed: false });
    expect(first.body.callback).to.include({ status: 'open', outcome: null });
    expect((await openList()).map((c) => c.id), 'a tried one goes after the untried').to.deep.equal([later.id, callback.id]);
    now += 30 * 60_000;
    expect((await tryIt(other, 'desk-2')).body.callback.status).to.equal('open');
    now += 30 * 60_000;
    const third = await tryIt(clerk, 'back-1');
    expect(third.body).to.deep.include({ closed: true });
    expect(third.body.callback).to.include({ status: 'closed', outcome: 'no-answer', closedByDeskId: 'back-1' });
    expect((third.body.callback as CallbackView).attempts.map((a) => [a.at, a.outcome, a.username, a.deskId])).to.deep.equal([
      ['2026-11-24T15:01:00.000Z', 'no-answer', 'clerk1', 'back-1'],
      ['2026-11-24T15:31:00.000Z', 'no-answer', 'clerk2', 'desk-2'],
      ['2026-11-24T16:01:00.000Z', 'no-answer', 'clerk1', 'back-1'],
    ]);
    expect((await tryIt(clerk, 'back-1')).status, 'a fourth try on a closed one').to.equal(409);
    expect((await openList()).map((c) => c.id)).to.deep.equal([later.id]);

    const booked = await hub.request('POST', `/api/callbacks/${later.id}/close`, { outcome: 'appointment-booked', deskId: 'back-1' }, clerk);
    expect(booked.body.callback).to.include({ status: 'closed', outcome: 'appointment-booked' });
    expect(booked.body.callback.attempts).to.have.length(1);
    const bad = await hub.request('POST', `/api/callbacks/${later.id}/close`, { outcome: 'maybe', deskId: 'back-1' }, clerk);
    expect(bad.status).to.equal(400);
    const closed = (await hub.request('GET', '/api/callbacks?status=closed', undefined, clerk)).body.callbacks as CallbackView[];
    expect(closed.map((c) => c.attempts.length)).to.deep.equal([1, 3]);
  });

  it('forgets the phone number after the retention period', async () => {
    await create({ serviceId: 'certs', phone: '333 1234567', preferredTime: 'any', kioskId: 'info-point' });
    now += 31 * 86_400_000;
    expect(await forgetExpiredContacts(hub.hub.ctx)).to.deep.equal({ appointments: 0, callbacks: 1, notes: 0 });
    const manager = await hub.loginAs('manager1', 'manager');
    const [kept] = (await hub.request('GET', '/api/callbacks?status=open', undefined, manager)).body.callbacks as CallbackView[];
    expect(kept).to.include({ phone: null, serviceId: 'certs', preferredTime: 'any' });
  });
});
