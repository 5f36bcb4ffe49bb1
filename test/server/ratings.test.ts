import { expect } from 'chai';
import type { RatingsReport } from '../../protocol/ratings.ts';
import { forgetRatedTickets } from '../../server/privacy/retention.ts';
import { RatingStore } from '../../server/store/ratingStore.ts';
import { testOffice } from '../helpers/office.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { ask } from '../helpers/wire.ts';

const keyOf = (statusUrl: string) => new URL(statusUrl).searchParams.get('k')!;

/**
 * Citizen satisfaction: after a ticket is done the phone (with its link's key) or the desk's paired feedback
 * tablet rates it once, with one of three faces. Anonymous rows (service, desk, day) feed the ratings report.
 */
describe('ratings: three faces after a ticket is done', function () {
  this.timeout(30_000);
  let hub: TestHub;
  let staff: string;
  let now = Date.parse('2026-03-10T09:00:00Z');
  const clock = () => now;

  beforeEach(async () => {
    now = Date.parse('2026-03-10T09:00:00Z');
    hub = await startTestHub({ clock });
    staff = await hub.login();
    await hub.holdAll(); // a desk calls only while a clerk holds it
    await hub.request('POST', '/api/desks/desk-1/mode', { mode: 'front' }, staff);
    await hub.request('POST', '/api/desks/desk-2/mode', { mode: 'front' }, staff);
  });
  afterEach(() => hub.close());

  /** A ticket issued and its link's key; `served` calls and finishes it at `desk`. */
  async function ticket(serviceId = 'certs') {
    const { body } = await hub.issue({ serviceId });
    return { id: body.ticket.id as number, key: keyOf(body.statusUrl) };
  }
  async function serve(desk = 'desk-1') {
    expect((await hub.request('POST', `/api/desks/${desk}/call-next`, {}, staff)).status).to.equal(200);
    expect((await hub.request('POST', `/api/desks/${desk}/finish`, {}, staff)).status).to.equal(200);
  }
  const rate = (t: { id: number; key: string }, body: unknown) => hub.request('POST', `/api/tickets/${t.id}/rating?key=${encodeURIComponent(t.key)}`, body);
  const rows = () => new RatingStore(hub.hub.ctx.database).list({ from: '2000-01-01', to: '2100-01-01' });

  it('takes one rating of a done ticket from its phone, and refuses a second one with already-rated', async () => {
    const t = await ticket();
    await serve();
    const status = await hub.request('GET', `/api/tickets/${t.id}/status?key=${t.key}`);
    expect(status.body.rating).to.equal('open');
    const first = await rate(t, { rating: 'good' });
    expect(first.status).to.equal(201);
    expect(first.body).to.deep.equal({ ticketId: t.id, rating: 'good' });
    const second = await rate(t, { rating: 'bad' });
    expect(second.status).to.equal(409);
    expect(second.body.error.code).to.equal('already-rated');
    expect(await rows()).to.deep.equal([{ rating: 'good', serviceId: 'certs', deskId: 'desk-1', day: '2026-03-10', source: 'phone' }]);
    expect((await hub.request('GET', `/api/tickets/${t.id}/status?key=${t.key}`)).body.rating).to.equal('given');
  });

  it('refuses bad bodies with 400 validation-failed and keeps nothing', async () => {
    const t = await ticket();
    await serve();
    for (const body of [{}, { rating: 'great' }, { rating: 3 }, { rating: 'good', extra: 1 }, [], 'good', { rating: 'good', ticketId: t.id }]) {
      const res = await rate(t, body);
      expect(res.status, JSON.stringify(body)).to.equal(400);
      expect(res.body.error.code, JSON.stringify(body)).to.equal('validation-failed');
    }
    expect(await rows()).to.deep.equal([]);
  });

  it('needs the ticket\'s own key: none, a wrong one or another ticket\'s is 404 unknown-ticket', async () => {
    const a = await ticket();
    const b = await ticket();
    await serve();
    await serve();
    for (const path of [`/api/tickets/${a.id}/rating`, `/api/tickets/${a.id}/rating?key=${'A'.repeat(22)}`, `/api/tickets/${a.id}/rating?key=${b.key}`, `/api/tickets/99999/rating?key=${a.key}`]) {
      const res = await hub.request('POST', path, { rating: 'ok' });
      expect(res.status, path).to.equal(404);
      expect(res.body.error.code, path).to.equal('unknown-ticket');
    }
    expect(await rows()).to.deep.equal([]);
  });

  it('is never taken while the citizen is still waiting, called or being served (409 wrong-state), nor for a no-show', async () => {
    const t = await ticket();
    expect((await rate(t, { rating: 'good' })).body.error.code).to.equal('wrong-state');
    await hub.request('POST', '/api/desks/desk-1/call-next', {}, staff);
    expect((await rate(t, { rating: 'good' })).body.error.code).to.equal('wrong-state');
    await hub.request('POST', '/api/desks/desk-1/start', {}, staff);
    const serving = await rate(t, { rating: 'good' });
    expect(serving.status).to.equal(409);
    expect(serving.body.error.code).to.equal('wrong-state');
    const gone = await ticket();
    await hub.request('POST', '/api/desks/desk-1/finish', {}, staff);
    await hub.request('POST', '/api/desks/desk-1/call-next', {}, staff);
    await hub.request('POST', '/api/desks/desk-1/no-show', {}, staff);
    expect((await rate(gone, { rating: 'bad' })).body.error.code).to.equal('wrong-state');
    expect((await hub.request('GET', `/api/tickets/${gone.id}/status?key=${gone.key}`)).body.rating).to.equal('closed');
    expect(await rows()).to.deep.equal([]);
  });

  it('answers 409 ratings-off when the office turns satisfaction off, and the status says off', async () => {
    const t = await ticket();
    await serve();
    const off = await hub.request('PATCH', '/api/admin/office', { satisfaction: { enabled: false } }, staff);
    expect(off.status).to.equal(200);
    expect(off.body.office.satisfaction).to.deep.equal({ enabled: false });
    expect((await hub.read('/api/office')).body.satisfaction).to.equal(false);
    const res = await rate(t, { rating: 'good' });
    expect(res.status).to.equal(409);
    expect(res.body.error.code).to.equal('ratings-off');
    expect((await hub.request('GET', `/api/tickets/${t.id}/status?key=${t.key}`)).body.rating).to.equal('off');
    const bad = await hub.request('PATCH', '/api/admin/office', { satisfaction: { enabled: 'no' } }, staff);
    expect(bad.status).to.equal(400);
    expect(await rows()).to.deep.equal([]);
  });

  it('takes the feedback tablet\'s rating of a ticket its desk just finished; the phone then gets already-rated', async () => {
    const tablet = await hub.socket(await hub.device('feedback', 'desk-1'));
    const joined = await ask(tablet, 'session:join', [{ role: 'feedback', id: 'desk-1' }]);
    expect(joined.ok).to.equal(true);
    const mine = await ticket();
    const other = await ticket('idcard');
    await serve('desk-1');
    await serve('desk-2');
    const notMyDesk = await ask(tablet, 'rating:give', [{ ticketId: other.id, rating: 'good' }]);
    expect(notMyDesk).to.deep.include({ ok: false });
    expect((notMyDesk as { error: { code: string } }).error.code).to.equal('forbidden');
    expect(await ask(tablet, 'rating:give', [{ ticketId: mine.id, rating: 'meh' }])).to.have.nested.property('error.code', 'validation-failed');
    expect(await ask(tablet, 'rating:give', [{ ticketId: mine.id, rating: 'ok' }])).to.deep.equal({ ok: true, data: { ticketId: mine.id, rating: 'ok' } });
    expect(await ask(tablet, 'rating:give', [{ ticketId: mine.id, rating: 'ok' }])).to.have.nested.property('error.code', 'already-rated');
    expect((await rate(mine, { rating: 'good' })).body.error.code).to.equal('already-rated');
    expect(await rows()).to.deep.equal([{ rating: 'ok', serviceId: 'certs', deskId: 'desk-1', day: '2026-03-10', source: 'tablet' }]);
  });

  it('lets exactly one of a phone and a tablet rating sent at the same moment through', async () => {
    const tablet = await hub.socket(await hub.device('feedback', 'desk-1'));
    for (let round = 0; round < 5; round++) {
      const t = await ticket();
      await serve();
      const [phone, tab] = await Promise.all([rate(t, { rating: 'good' }), ask(tablet, 'rating:give', [{ ticketId: t.id, rating: 'bad' }])]);
      const wins = [phone.status === 201, tab.ok].filter(Boolean).length;
      expect(wins, JSON.stringify({ phone: phone.body, tab })).to.equal(1);
      const loser = phone.status === 201 ? (tab as { error: { code: string } }).error.code : phone.body.error.code;
      expect(loser).to.equal('already-rated');
    }
    expect(await rows()).to.have.length(5);
  });

  it('keeps the tablet to a few minutes after the finish, and no one else may send rating:give', async () => {
    const tablet = await hub.socket(await hub.device('feedback', 'desk-1'));
    const t = await ticket();
    await serve();
    now += 16 * 60_000;
    expect(await ask(tablet, 'rating:give', [{ ticketId: t.id, rating: 'good' }])).to.have.nested.property('error.code', 'wrong-state');
    for (const token of [staff, await hub.device('kiosk'), await hub.device('display')]) {
      const s = await hub.socket(token);
      expect(await ask(s, 'rating:give', [{ ticketId: t.id, rating: 'good' }])).to.have.nested.property('error.code', 'forbidden');
    }
    // The phone has the whole day.
    expect((await rate(t, { rating: 'good' })).status).to.equal(201);
  });

  it('reports ratings per service, desk and month with a satisfaction percentage, as JSON and CSV', async () => {
    const given: [string, string, 'good' | 'ok' | 'bad'][] = [['certs', 'desk-1', 'good'], ['certs', 'desk-1', 'good'], ['idcard', 'desk-2', 'bad'], ['certs', 'desk-2', 'ok']];
    for (const [service, desk, face] of given) {
      const t = await ticket(service);
      await serve(desk);
      expect((await rate(t, { rating: face })).status).to.equal(201);
    }
    const manager = await hub.loginAs('boss', 'manager');
    const res = await hub.request('GET', '/api/reports/ratings?from=2026-03-01&to=2026-03-31', undefined, manager);
    expect(res.status).to.equal(200);
    const report = res.body as RatingsReport;
    expect(report.total).to.deep.equal({ good: 2, ok: 1, bad: 1, total: 4, satisfactionPercent: 50 });
    expect(report.byService).to.deep.equal([
      { serviceId: 'certs', good: 2, ok: 1, bad: 0, total: 3, satisfactionPercent: 66.7 },
      { serviceId: 'idcard', good: 0, ok: 0, bad: 1, total: 1, satisfactionPercent: 0 },
    ]);
    expect(report.byDesk.map((d) => [d.deskId, d.total, d.satisfactionPercent])).to.deep.equal([['desk-1', 2, 100], ['desk-2', 2, 0]]);
    expect(report.byMonth).to.deep.equal([{ month: '2026-03', good: 2, ok: 1, bad: 1, total: 4, satisfactionPercent: 50 }]);
    const desk2 = (await hub.request('GET', '/api/reports/ratings?from=2026-03-01&to=2026-03-31&desk=desk-2', undefined, manager)).body as RatingsReport;
    expect(desk2.total).to.deep.include({ total: 2, ok: 1, bad: 1 });
    const april = (await hub.request('GET', '/api/reports/ratings?from=2026-04-01&to=2026-04-30', undefined, manager)).body as RatingsReport;
    expect(april.total).to.deep.equal({ good: 0, ok: 0, bad: 0, total: 0, satisfactionPercent: null });
    const csv = await hub.request('GET', '/api/reports/ratings?from=2026-03-01&to=2026-03-31&format=csv&lang=en', undefined, manager);
    expect(csv.status).to.equal(200);
    expect(String(csv.body).trim().split(/\r?\n/)).to.deep.equal([
      'Group,Name,Id,Good,Neutral,Bad,Total,Satisfaction',
      'Service,Certificates,certs,2,1,0,3,66.7%', 'Service,Identity card,idcard,0,0,1,1,0%',
      'Desk,Sportello 1,desk-1,2,0,0,2,100%', 'Desk,Sportello 2,desk-2,0,1,1,2,0%',
      'Month,2026-03,2026-03,2,1,1,4,50%',
      'Total,Total,total,2,1,1,4,50%',
    ]);
    // Italian by default, as Excel set up for Italy opens it: semicolons and a decimal comma.
    const it = await hub.request('GET', '/api/reports/ratings?from=2026-03-01&to=2026-03-31&format=csv', undefined, manager);
    expect(String(it.body).trim().split(/\r?\n/).slice(0, 2)).to.deep.equal(['Gruppo;Nome;Codice;Positivi;Neutri;Negativi;Totale;Soddisfazione', 'Servizio;Certificati;certs;2;1;0;3;66,7%']);
    const clerk = await hub.loginAs('clerk', 'clerk');
    expect((await hub.request('GET', '/api/reports/ratings?from=2026-03-01&to=2026-03-31', undefined, clerk)).status).to.equal(403);
    expect((await hub.request('GET', '/api/reports/ratings?from=2026-03-31&to=2026-03-01', undefined, manager)).status).to.equal(400);
  });

  it('is refused the day after (closed), and the retention job then unlinks the rating from its ticket', async () => {
    const t = await ticket();
    await serve();
    expect((await rate(t, { rating: 'good' })).status).to.equal(201);
    const late = await ticket();
    await serve();
    now += 24 * 3_600_000;
    await hub.issue({ serviceId: 'info' }); // the day rolls over
    expect((await rate(late, { rating: 'good' })).body.error.code).to.equal('wrong-state');
    expect(await forgetRatedTickets(hub.hub.ctx)).to.equal(1);
    const linked = await hub.hub.ctx.database.all<{ ticket_id: number | null }>('SELECT ticket_id FROM ratings');
    expect(linked).to.deep.equal([{ ticket_id: null }]);
    expect(await rows()).to.have.length(1); // the face stays, anonymous, for the reports
  });
});

describe('ratings: the office config', () => {
  it('asks by default and validates the switch', () => {
    expect(testOffice().satisfaction).to.deep.equal({ enabled: true });
    expect(testOffice({ satisfaction: { enabled: false } }).satisfaction).to.deep.equal({ enabled: false });
    expect(() => testOffice({ satisfaction: { enabled: 'yes' } as never })).to.throw();
  });
});
