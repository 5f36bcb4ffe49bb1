import { expect } from 'chai';
import { createApi } from '../../counter/src/api.ts';
import { addDays, bookingPayload, bookingProblems, type BookingForm } from '../../counter/src/booking.ts';
import { busyAlertDue, callableQueue, modeToggle, transferTargets, waitedMinutes } from '../../counter/src/deskQueue.ts';
import { changeCount, outcomeList, toggleOutcome } from '../../counter/src/outcomes.ts';
import { actionForKey, countStep, digitIndex, isTextField } from '../../counter/src/shortcuts.ts';
import { desk, snapshot, ticket } from './counter-fixtures.ts';

describe('counter: what a desk sees of the queue', () => {
  it('the queue panel lists the waiting tickets of the desk’s services, in the hub’s order, leaving out those reserved for other desks', () => {
    const snap = snapshot({
      waiting: [
        ticket({ id: 1, number: 'B001', serviceId: 'idcard' }),
        ticket({ id: 2, number: 'C001', serviceId: 'info' }),
        ticket({ id: 3, number: 'A001', serviceId: 'certs', assignedDeskId: 'desk-2' }),
        ticket({ id: 4, number: 'A002', serviceId: 'certs', assignedDeskId: 'back-1' }),
        ticket({ id: 5, number: 'A003', serviceId: 'certs' }),
      ],
    });
    const back = snap.desks.find((d) => d.id === 'back-1')!;
    expect(callableQueue(snap, back).map((t) => t.number)).to.deep.equal(['B001', 'A002', 'A003']);
    expect(callableQueue(null, back)).to.deep.equal([]);
  });

  it('waited minutes run from issue to call, or to now while nobody has called', () => {
    const issuedAt = '2026-11-23T09:00:00.000Z';
    expect(waitedMinutes(ticket({ issuedAt, calledAt: '2026-11-23T09:12:59.000Z' }), Date.parse('2026-11-23T10:00:00Z'))).to.equal(12);
    expect(waitedMinutes(ticket({ issuedAt, calledAt: null }), Date.parse('2026-11-23T09:07:30Z'))).to.equal(7);
    expect(waitedMinutes(ticket({ issuedAt, calledAt: null }), Date.parse('2026-11-23T08:59:00Z'))).to.equal(0);
  });

  it('transfer targets: every service with the other desks serving it; the ticket’s own service only with a desk', () => {
    const snap = snapshot();
    const from = snap.desks.find((d) => d.id === 'desk-3')!; // certs, info
    const targets = transferTargets(snap, from, ticket({ serviceId: 'certs' }));
    expect(targets.map((t) => [t.service.id, t.needsDesk, t.desks.map((d) => d.id)])).to.deep.equal([
      ['certs', true, ['desk-1', 'desk-2', 'back-1']],
      ['idcard', false, ['desk-1', 'desk-2', 'back-1']],
      ['info', false, ['desk-1', 'desk-2']],
    ]);
    const onlyDesk = snapshot({ desks: [desk('desk-1', 'front', ['certs', 'info'])] });
    expect(transferTargets(onlyDesk, onlyDesk.desks[0]!, ticket({ serviceId: 'certs' })).map((t) => t.service.id)).to.deep.equal(['idcard', 'info']);
    expect(transferTargets(snap, from, null)).to.deep.equal([]);
  });

  it('desks open to the public come first among a transfer’s desks', () => {
    const snap = snapshot();
    snap.desks[0]!.mode = 'closed';
    snap.desks[3]!.mode = 'front';
    const targets = transferTargets(snap, snap.desks[2]!, ticket({ serviceId: 'info' }));
    expect(targets.find((t) => t.service.id === 'certs')!.desks.map((d) => d.id)).to.deep.equal(['desk-2', 'back-1', 'desk-1']);
  });

  it('the busy alert is for a back desk in back mode while the room is busy', () => {
    const busy = snapshot({ roomBusy: true });
    const back = busy.desks.find((d) => d.id === 'back-1')!;
    expect(busyAlertDue(busy, back)).to.equal(true);
    expect(busyAlertDue(busy, { ...back, mode: 'front' })).to.equal(false);
    expect(busyAlertDue(busy, busy.desks[0]!)).to.equal(false);
    expect(busyAlertDue(snapshot({ roomBusy: false }), back)).to.equal(false);
  });

  it('"A" opens a desk that is not open, sends a back desk back, and leaves an open front desk alone', () => {
    expect(modeToggle(desk('back-1', 'back', [], 'back'))).to.equal('front');
    expect(modeToggle(desk('back-1', 'back', [], 'front'))).to.equal('back');
    expect(modeToggle(desk('desk-1', 'front', [], 'paused'))).to.equal('front');
    expect(modeToggle(desk('desk-1', 'front', [], 'front'))).to.equal(null);
    expect(modeToggle(null)).to.equal(null);
  });
});

describe('counter: outcomes in "Done"', () => {
  it('toggles, counts and lists outcomes in the service’s order', () => {
    let s = toggleOutcome(new Map(), 'information');
    s = toggleOutcome(s, 'certificate');
    s = changeCount(s, 'certificate', 1);
    expect(outcomeList(s, ['certificate', 'information', 'second-level'])).to.deep.equal([{ code: 'certificate', count: 2 }, { code: 'information', count: 1 }]);
    s = toggleOutcome(s, 'certificate');
    expect(outcomeList(s, ['certificate', 'information'])).to.deep.equal([{ code: 'information', count: 1 }]);
    s = changeCount(s, 'information', -1);
    expect(outcomeList(s, ['certificate', 'information'])).to.deep.equal([]);
    expect(changeCount(new Map(), 'x', 500)).to.deep.equal(new Map([['x', 99]]));
  });

  it('treats codes named like Object.prototype members as ordinary codes', () => {
    for (const code of ['constructor', 'tostring', 'valueof', '__proto__']) {
      const none = new Map<string, number>();
      expect(outcomeList(none, [code]), `${code} is not ticked before a tap`).to.deep.equal([]);
      const ticked = toggleOutcome(none, code);
      expect(outcomeList(ticked, [code])).to.deep.equal([{ code, count: 1 }]);
      expect(outcomeList(toggleOutcome(ticked, code), [code])).to.deep.equal([]);
    }
  });
});

describe('counter: keyboard shortcuts', () => {
  const key = (k: string, extra: Partial<{ ctrlKey: boolean; target: unknown }> = {}) => ({
    key: k, ctrlKey: false, altKey: false, metaKey: false, target: null, ...extra,
  }) as Parameters<typeof actionForKey>[0];

  it('maps single keys to desk actions, in either case', () => {
    expect(['n', 'R', 's', 'f', 'x', 't', 'p', 'a', 'c', '?'].map((k) => actionForKey(key(k)))).to.deep.equal([
      'call-next', 'recall', 'start', 'done', 'no-show', 'transfer', 'park', 'mode', 'callback', 'help',
    ]);
    expect(actionForKey(key('q'))).to.equal(null);
    expect(actionForKey(key('Enter'))).to.equal(null);
  });

  it('ignores keys typed into a text field or with Ctrl (Ctrl+R reloads, it does not recall)', () => {
    const input = { tagName: 'INPUT', type: 'text' };
    expect(actionForKey(key('n', { target: input }))).to.equal(null);
    expect(actionForKey(key('n', { target: { tagName: 'TEXTAREA' } }))).to.equal(null);
    expect(actionForKey(key('n', { target: { tagName: 'INPUT', type: 'radio' } }))).to.equal('call-next');
    expect(actionForKey(key('n', { target: { tagName: 'BUTTON' } }))).to.equal('call-next');
    expect(actionForKey(key('r', { ctrlKey: true }))).to.equal(null);
    expect(isTextField({ tagName: 'DIV', isContentEditable: true } as unknown as EventTarget)).to.equal(true);
  });

  it('digits 1–9 choose, + and − count, never inside a text field', () => {
    expect(digitIndex(key('1'))).to.equal(0);
    expect(digitIndex(key('9'))).to.equal(8);
    expect(digitIndex(key('0'))).to.equal(null);
    expect(digitIndex(key('3', { target: { tagName: 'INPUT' } }))).to.equal(null);
    expect([countStep(key('+')), countStep(key('-')), countStep(key('x'))]).to.deep.equal([1, -1, null]);
  });
});

describe('counter: booking form helpers', () => {
  it('adds days across months, years and the clock change', () => {
    expect(addDays('2026-10-24', 1)).to.equal('2026-10-25');
    expect(addDays('2026-10-25', 1)).to.equal('2026-10-26');
    expect(addDays('2026-12-31', 1)).to.equal('2027-01-01');
    expect(addDays('2026-03-01', -1)).to.equal('2026-02-28');
  });

  it('checks the form with the hub’s schema, field by field', () => {
    const form: BookingForm = { officeId: 'anagrafe', startsAt: '2026-11-24T08:00:00.000Z', name: 'Maria Rossi', phone: '', email: '' };
    const payload = (f: Partial<BookingForm>) => bookingPayload({ ...form, ...f }, { deskId: 'desk-1', fromTicketId: 7 });
    expect(payload({ phone: ' 333 1234567 ' })).to.deep.equal({
      officeId: 'anagrafe', startsAt: form.startsAt, name: 'Maria Rossi', phone: '333 1234567', fromTicketId: 7, deskId: 'desk-1',
    });
    expect(bookingProblems(payload({ phone: '333 1234567' }))).to.deep.equal({});
    expect(Object.keys(bookingProblems(payload({})))).to.deep.equal(['contact']);
    expect(Object.keys(bookingProblems(payload({ phone: '12' })))).to.deep.equal(['phone']);
    expect(Object.keys(bookingProblems(payload({ email: 'not-an-address' })))).to.deep.equal(['email']);
    expect(Object.keys(bookingProblems(payload({ name: 'M', startsAt: null, email: 'm@example.org' })))).to.have.members(['name', 'slot']);
  });
});

describe('counter: the REST helper', () => {
  const respond = (status: number, body: unknown) => async () => new Response(body === undefined ? '' : JSON.stringify(body), { status });

  it('gives the data, the hub’s error, or unreachable — never an exception', async () => {
    const ok = createApi({ token: () => null, fetch: respond(200, { a: 1 }) });
    expect(await ok.get('/x')).to.deep.equal({ ok: true, data: { a: 1 } });
    const refused = createApi({ token: () => null, fetch: respond(409, { error: { code: 'slot-taken', message: 'taken' } }) });
    expect(await refused.post('/x', {})).to.deep.equal({ ok: false, error: { code: 'slot-taken', message: 'taken' } });
    const down = createApi({ token: () => null, fetch: async () => { throw new TypeError('fetch failed'); } });
    expect(await down.get('/x')).to.deep.equal({ ok: false, error: { code: 'unreachable', message: 'The hub did not answer.' } });
    const gateway = createApi({ token: () => null, fetch: respond(502, undefined) });
    const answer = await gateway.get('/x');
    expect(answer.ok ? null : answer.error.code).to.equal('unreachable');
  });

  it('sends the token as a Bearer header and reports a refused session once it had one', async () => {
    const seen: (string | null)[] = [];
    let ended = 0;
    const fetch401 = async (_url: string | URL | Request, init?: RequestInit) => {
      seen.push(new Headers(init?.headers).get('authorization'));
      return new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'no' } }), { status: 401 });
    };
    let token: string | null = 'abc';
    const api = createApi({ token: () => token, fetch: fetch401, onUnauthorized: () => ended++ });
    await api.get('/api/callbacks');
    token = null;
    await api.post('/api/auth/login', {});
    expect(seen).to.deep.equal(['Bearer abc', null]);
    expect(ended).to.equal(1); // a wrong password at login is not an ended session
  });
});
