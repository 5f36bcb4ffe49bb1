import { expect } from 'chai';
import type { RemoteJoinOfficeView, RemoteJoinReport, RemotePlaceView } from '../../protocol/remoteJoin.ts';
import { joinsPerAddress } from '../../server/http/routes/remoteJoin.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';

const minute = 60_000;

describe('joining the queue from home (REST)', () => {
  // Tuesday 24 November 2026, 10:00 in Rome.
  let now: number;
  let hub: TestHub;

  const office = (paused = false) =>
    testOffice({
      services: [
        { id: 'certs', prefix: 'A', name: { it: 'Certificati', en: 'Certificates' }, outcomes: ['certificate'], defaultServiceMinutes: 5, remoteJoin: { enabled: true, dailyLimit: 5 } },
        { id: 'info', prefix: 'C', name: { it: 'Informazioni', en: 'Information' }, outcomes: ['information'], defaultServiceMinutes: 4 },
      ],
      desks: [
        { id: 'desk-1', name: 'Sportello 1', kind: 'front', services: ['certs', 'info'] },
        { id: 'desk-2', name: 'Sportello 2', kind: 'front', services: ['certs', 'info'] },
      ],
      remoteJoin: { paused },
    });

  beforeEach(async () => {
    now = Date.parse('2026-11-24T09:00:00Z');
    hub = await startTestHub({ clock: () => now, office: office(), trustProxy: 'loopback' });
  });
  afterEach(() => hub.close());

  /** POST /api/remote-join as a phone at `address` (X-Forwarded-For, trusted from loopback), with its cookie if any. */
  const join = async (serviceId: string, address = '203.0.113.7', cookie?: string) => {
    const res = await fetch(`${hub.url}/api/remote-join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ serviceId }),
    });
    return { status: res.status, body: (await res.json()) as any, cookie: res.headers.get('set-cookie') };
  };
  const joined = async (serviceId = 'certs', address?: string) => {
    const res = await join(serviceId, address);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.place as RemotePlaceView;
  };
  const place = async (code: string) => (await hub.request('GET', `/api/remote-join/places/${code}`)).body.place as RemotePlaceView;
  const checkIn = async (code: string) => hub.request('POST', '/api/remote-join/check-in', { code }, await hub.device('kiosk'));
  const waiting = async () => ((await hub.read('/api/queue')).body.waiting as { id: number; position: number; estimatedWaitMinutes: number | null }[]).map((t) => ({ id: t.id, position: t.position, estimate: t.estimatedWaitMinutes }));
  const callNext = async (deskId: string) => {
    const res = await hub.request('POST', `/api/desks/${deskId}/call-next`, {}, await hub.hold(deskId));
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body.ticket as { id: number; number: string };
  };

  it('offers only the services open to joining from home, and gives a short code with its phone page', async () => {
    const offer = (await hub.request('GET', '/api/remote-join')).body as RemoteJoinOfficeView;
    expect(offer).to.include({ open: true, paused: false, officeName: 'Test office' });
    expect(offer.services.map((s) => s.id)).to.deep.equal(['certs']);
    const res = await join('certs');
    expect(res.status).to.equal(201);
    expect(res.cookie).to.match(/^pc_join_device=[\w-]+; .*HttpOnly/);
    const p = res.body.place as RemotePlaceView;
    expect(p.code).to.match(/^[ACDEFHJKMNPQRTUVWXY3479]{6}$/);
    expect(p).to.include({ serviceId: 'certs', status: 'waiting', ahead: 0, pagePath: `/join/${p.code}`, ticket: null });
    expect(await place(p.code.toLowerCase())).to.deep.equal(p);
    expect((await join('info')).body.error.code).to.equal('remote-join-off');
    expect((await join('nope')).body.error.code).to.equal('unknown-service');
    expect((await hub.request('GET', '/api/remote-join/places/AAAAAA')).status).to.equal(404);
    expect((await hub.request('GET', '/api/remote-join/places/0O1')).status).to.equal(400);
    expect((await hub.request('POST', '/api/remote-join', { serviceId: 'certs', name: 'Maria' })).status).to.equal(400);
  });

  it('refuses while paused, and a manager pauses and resumes it live', async () => {
    const manager = await hub.loginAs('manager1', 'manager');
    const clerk = await hub.loginAs('clerk1', 'clerk');
    expect((await hub.request('PUT', '/api/remote-join/paused', { paused: true }, clerk)).status).to.equal(403);
    expect((await hub.request('PUT', '/api/remote-join/paused', { paused: 'yes' }, manager)).status).to.equal(400);
    expect((await hub.request('PUT', '/api/remote-join/paused', { paused: true }, manager)).body).to.deep.equal({ paused: true });
    const offer = (await hub.request('GET', '/api/remote-join')).body as RemoteJoinOfficeView;
    expect(offer).to.include({ paused: true });
    expect(offer.services).to.deep.equal([]);
    const refused = await join('certs');
    expect(refused.status).to.equal(409);
    expect(refused.body.error.code).to.equal('remote-join-off');
    expect((await hub.request('PUT', '/api/remote-join/paused', { paused: false }, manager)).body).to.deep.equal({ paused: false });
    expect((await join('certs')).status).to.equal(201);
    const audit = await hub.request('GET', '/api/admin/audit', undefined, await hub.login());
    expect((audit.body as { target: string }[]).filter((e: { target: string }) => e.target === 'remoteJoin')).to.have.length(2);
  });

  it('checks in at the kiosk as a ticket ranked by its joining time, ahead of a later walk-in; again gives the same ticket', async () => {
    const early = (await hub.issue({ serviceId: 'certs' })).body.ticket;
    now += minute;
    const p = await joined();
    expect(p.ahead).to.equal(1);
    now += 5 * minute;
    const later = (await hub.issue({ serviceId: 'certs' })).body.ticket;
    now += 10 * minute;
    const first = await checkIn(p.code);
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    expect(first.body.ticket).to.include({ serviceId: 'certs', status: 'waiting' });
    expect((await waiting()).map((t) => t.id)).to.deep.equal([early.id, first.body.ticket.id, later.id]);
    expect(first.body.ticket.issuedAt).to.equal(p.joinedAt);
    expect(first.body.print).to.be.a('string');
    const again = await checkIn(p.code.toLowerCase());
    expect(again.status).to.equal(201);
    expect(again.body.ticket.id).to.equal(first.body.ticket.id);
    expect(again.body.print).to.equal('already-printed');
    expect((await callNext('desk-1')).id).to.equal(early.id);
    expect((await callNext('desk-2')).id).to.equal(first.body.ticket.id);
    expect((await waiting()).map((t) => t.id)).to.deep.equal([later.id]);
    const seen = await place(p.code);
    expect(seen.status).to.equal('checked-in');
    expect(seen.ticket?.number).to.equal(first.body.ticket.number);
    expect(seen.ticket?.statusPath).to.match(new RegExp(`^/t/${first.body.ticket.id}\\?k=`));
    expect((await checkIn('AAAAAA')).body.error.code).to.equal('unknown-place');
    expect((await hub.request('POST', '/api/remote-join/check-in', { code: p.code })).status).to.equal(401);
  });

  it('expires a place not checked in within the hold after its turn came, and counts it for the manager', async () => {
    await hub.holdAll();
    await hub.issue({ serviceId: 'certs' });
    await hub.issue({ serviceId: 'certs' });
    await callNext('desk-1');
    await callNext('desk-2'); // both desks busy, nobody waiting
    now += minute;
    const p = await joined();
    const kept = await joined('certs', '198.51.100.1');
    expect(p.status).to.equal('waiting');
    now += minute;
    const walkIn = (await hub.issue({ serviceId: 'certs' })).body.ticket;
    now += 4 * minute;
    await hub.request('POST', '/api/desks/desk-1/finish', {}, await hub.hold('desk-1'));
    const called = await callNext('desk-1'); // the later walk-in: the places' turn has come
    expect(called.id).to.equal(walkIn.id);
    const due = await place(p.code);
    expect(due.status).to.equal('due');
    expect(due.expiresAt).to.equal(new Date(now + 30 * minute).toISOString());
    expect(due.arriveBy).to.equal(due.expiresAt);
    expect((await checkIn(kept.code)).status).to.equal(201);
    now += 30 * minute;
    expect((await place(p.code)).status).to.equal('expired');
    const refused = await checkIn(p.code);
    expect(refused.status).to.equal(409);
    expect(refused.body.error.code).to.equal('place-expired');
    const manager = await hub.loginAs('manager1', 'manager');
    const report = (await hub.request('GET', '/api/remote-join/report?from=2026-11-01&to=2026-11-30', undefined, manager)).body as RemoteJoinReport;
    expect(report.rows).to.deep.equal([{ day: '2026-11-24', serviceId: 'certs', joined: 2, checkedIn: 1, expired: 1 }]);
    const lastDays = (await hub.request('GET', '/api/remote-join/report', undefined, manager)).body as RemoteJoinReport;
    expect(lastDays).to.deep.include({ from: '2026-11-11', to: '2026-11-24', paused: false, rows: report.rows });
    expect((await hub.request('GET', '/api/remote-join/report?from=2026-11-30&to=2026-11-01', undefined, manager)).status).to.equal(400);
    expect((await hub.request('GET', '/api/remote-join/report?from=2026-11-01', undefined, manager)).status).to.equal(400);
    expect((await hub.request('GET', '/api/remote-join/report?from=2026-11-01&to=2026-11-30', undefined, await hub.loginAs('c', 'clerk'))).status).to.equal(403);
  });

  it('a flood from one address is refused (429), one from many addresses stops at the daily cap (409), and no waiting ticket moves', async () => {
    await hub.holdAll();
    for (let i = 0; i < 4; i++) {
      await hub.issue({ serviceId: i % 2 === 0 ? 'certs' : 'info' });
      now += minute;
    }
    const before = await waiting();
    expect(before).to.have.length(4);

    const fromOne = [];
    for (let i = 0; i < joinsPerAddress.limit + 3; i++) fromOne.push(await join('certs', '203.0.113.9', 'pc_join_device=' + 'x'.repeat(20 + i)));
    const statuses = fromOne.map((r) => r.status);
    expect(statuses.filter((s) => s === 429)).to.have.length(3);
    expect(fromOne.at(-1)!.body.error.code).to.equal('too-many-requests');
    expect(statuses.filter((s) => s === 201)).to.have.length(5); // then the cap: 409
    expect(fromOne.filter((r) => r.status === 409).map((r) => r.body.error.code)).to.deep.equal(Array(joinsPerAddress.limit - 5).fill('remote-join-full'));

    const fromMany = await Promise.all(Array.from({ length: 20 }, (_, i) => join('certs', `198.51.100.${i + 1}`)));
    expect(fromMany.every((r) => r.status === 409 && r.body.error.code === 'remote-join-full')).to.equal(true);
    const offer = (await hub.request('GET', '/api/remote-join')).body as RemoteJoinOfficeView;
    expect(offer.services[0]).to.include({ id: 'certs', full: true });
    expect(await waiting()).to.deep.equal(before);
  });

  it('refuses more than three places a day from one phone', async () => {
    const first = await join('certs', '192.0.2.1');
    const cookie = first.cookie!.split(';')[0]!;
    expect((await join('certs', '192.0.2.2', cookie)).status).to.equal(201);
    expect((await join('certs', '192.0.2.3', cookie)).status).to.equal(201);
    const fourth = await join('certs', '192.0.2.4', cookie);
    expect(fourth.status).to.equal(409);
    expect(fourth.body.error.message).to.match(/phone/);
  });

  it('a paired kiosk checks in no faster than its rate; checking in a place again always answers', async () => {
    await hub.close();
    hub = await startTestHub({ clock: () => now, office: office(), trustProxy: 'loopback', kioskTicketsPerMinute: 1 });
    const a = await joined('certs', '192.0.2.10');
    const b = await joined('certs', '192.0.2.11');
    expect((await checkIn(a.code)).status).to.equal(201);
    const refused = await checkIn(b.code);
    expect(refused.status).to.equal(429);
    expect(refused.body.error.retryAfterSeconds).to.be.a('number');
    expect((await checkIn(a.code)).status).to.equal(201);
    expect((await place(b.code)).status).to.equal('waiting');
  });
});
