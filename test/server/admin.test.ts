import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testOffice } from '../helpers/office.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { ask, record, until } from '../helpers/wire.ts';

const newService = { id: 'residence', prefix: 'R', name: { it: 'Residenza', en: 'Residence' }, outcomes: ['residence-application', 'information'] };

describe('office administration', () => {
  let hub: TestHub;
  let admin: string;

  beforeEach(async () => {
    hub = await startTestHub();
    admin = await hub.login();
  });
  afterEach(() => hub.close());

  const office = async () => (await hub.request('GET', '/api/admin/office', undefined, admin)).body;
  const patch = (body: unknown, token = admin) => hub.request('PATCH', '/api/admin/office', body, token);
  const audit = async () => (await hub.request('GET', '/api/admin/audit', undefined, admin)).body;

  it('adds a service live: the kiosk sees it and can issue for it, clients hear office:changed, the audit log names the admin', async () => {
    const listener = await hub.socket();
    const heard = record(listener);
    expect((await ask(listener, 'session:join', [{ role: 'kiosk', id: 'info-point' }])).ok).to.equal(true);

    const services = [...(await office()).services, newService];
    const res = await patch({ services });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.office.services.map((s: { id: string }) => s.id)).to.include('residence');

    const info = (await hub.read('/api/office')).body;
    expect(info.services.find((s: { id: string }) => s.id === 'residence')).to.deep.include({ prefix: 'R', name: { it: 'Residenza', en: 'Residence' } });
    const ticket = await hub.issue({ serviceId: 'residence' });
    expect(ticket.status).to.equal(201);
    expect(ticket.body.ticket.number).to.equal('R001');
    await until(() => heard.some((e) => e.name === 'office:changed'), 'office:changed');

    const entry = (await audit()).find((e: { action: string }) => e.action === 'office:update');
    expect(entry).to.deep.include({ actor: 'admin', action: 'office:update', target: 'services' });
    expect(entry.detail.changes).to.have.length(1);
    expect(entry.detail.changes[0]).to.deep.include({ path: ['services', { id: 'residence', label: { it: 'Residenza', en: 'Residence' } }], kind: 'added' });
  });

  it('refuses an invalid change with a clear error and changes nothing', async () => {
    const before = await office();
    for (const [body, expected] of [
      [{ services: [...before.services, { ...newService, prefix: 'A' }] }, /duplicate service prefix "A"/],
      [{ desks: [{ id: 'desk-1', name: 'Sportello 1', kind: 'front', services: ['nope'] }] }, /unknown service "nope"/],
      [{ thresholds: { busyWhenWaitingAtLeast: 2, busyWhenWaitMinutesAtLeast: 10, calmWhenWaitingAtMost: 5, calmWhenWaitMinutesAtMost: 5 } }, /calm thresholds must be below busy thresholds/],
      [{ openingHours: { mon: [{ open: '18:00', close: '08:00' }] } }, /open must be before close/],
      [{ colour: 'red' }, /./],
      [{}, /change at least one section/],
      ['not an object', /./],
    ] as const) {
      const res = await patch(body);
      expect(res.status, JSON.stringify(body)).to.equal(400);
      expect(res.body.error.code).to.equal('validation-failed');
      expect(res.body.error.message).to.match(expected);
    }
    expect(await office()).to.deep.equal(before);
    expect(await audit()).to.deep.equal([]);
  });

  it('will not strand a waiting citizen: a service with tickets cannot be removed, only closed', async () => {
    await hub.issue({ serviceId: 'info' });
    const { services } = await office();
    const without = await patch({ services: services.filter((s: { id: string }) => s.id !== 'info'), desks: (await office()).desks.map((d: { services: string[] }) => ({ ...d, services: d.services.filter((s) => s !== 'info') })) });
    expect(without.status).to.equal(409);
    expect(without.body.error.code).to.equal('in-use');
    expect(without.body.error.message).to.match(/C001/);

    const closed = await patch({ services: services.map((s: { id: string }) => (s.id === 'info' ? { ...s, open: false } : s)) });
    expect(closed.status).to.equal(200);
    const refused = await hub.issue({ serviceId: 'info' });
    expect(refused.body.error.code).to.equal('service-closed');
  });

  it('adds a desk live, and a desk made a front desk leaves back-office mode', async () => {
    const { desks } = await office();
    const res = await patch({ desks: [...desks.map((d: { id: string; kind: string }) => (d.id === 'back-1' ? { ...d, kind: 'front' } : d)), { id: 'desk-9', name: 'Sportello 9', kind: 'front', services: ['info'] }] });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const queue = (await hub.read('/api/queue')).body;
    expect(queue.desks.find((d: { id: string }) => d.id === 'desk-9')).to.deep.include({ mode: 'front' });
    expect(queue.desks.find((d: { id: string }) => d.id === 'back-1')).to.deep.include({ mode: 'front' });
  });

  it('exports the config as JSON and imports it back whole (PUT)', async () => {
    const exported = await office();
    const renamed = { ...exported, name: 'Ufficio rinominato', closedDates: ['2026-12-25'] };
    const res = await hub.request('PUT', '/api/admin/office', renamed, admin);
    expect(res.status).to.equal(200);
    expect(await office()).to.deep.equal(renamed);
    expect((await audit())[0]).to.deep.include({ action: 'office:update', target: 'name, closedDates' });
    const same = await hub.request('PUT', '/api/admin/office', renamed, admin);
    expect(same.status).to.equal(200);
    expect(await audit(), 'no change, no audit line').to.have.length(1);
  });

  it('keeps the database\'s config over the file\'s after a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'punto-comune-admin-'));
    try {
      const first = await startTestHub({ dir });
      const token = await first.login();
      const services = [...(await first.request('GET', '/api/admin/office', undefined, token)).body.services, newService];
      expect((await first.request('PATCH', '/api/admin/office', { services }, token)).status).to.equal(200);
      await first.close();
      const again = await startTestHub({ dir, office: testOffice({ name: 'From the file' }) });
      const info = (await again.read('/api/office')).body;
      expect(info.name).to.equal('Test office');
      expect(info.services.map((s: { id: string }) => s.id)).to.include('residence');
      await again.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('manages staff accounts and keeps at least one admin', async () => {
    const created = await hub.request('POST', '/api/admin/users', { username: 'giulia', password: 'una-password', role: 'clerk' }, admin);
    expect(created.status).to.equal(201);
    expect(created.body).to.deep.include({ username: 'giulia', role: 'clerk', disabled: false });
    expect((await hub.request('POST', '/api/admin/users', { username: 'giulia', password: 'altra-password', role: 'clerk' }, admin)).body.error.code).to.equal('already-exists');
    expect((await hub.request('POST', '/api/admin/users', { username: 'x y', password: 'short', role: 'boss' }, admin)).status).to.equal(400);

    const promoted = await hub.request('PATCH', '/api/admin/users/giulia', { role: 'manager' }, admin);
    expect(promoted.body).to.deep.include({ role: 'manager' });
    const login = await hub.request('POST', '/api/auth/login', { username: 'giulia', password: 'una-password' });
    expect(login.body.user.role).to.equal('manager');
    expect((await hub.request('PATCH', '/api/admin/users/giulia', { password: 'nuova-password' }, admin)).status).to.equal(200);
    expect((await hub.request('GET', '/api/auth/me', undefined, login.body.token)).status, 'a new password ends the sessions').to.equal(401);

    const last = await hub.request('PATCH', '/api/admin/users/admin', { role: 'clerk' }, admin);
    expect(last.status).to.equal(409);
    expect(last.body.error.code).to.equal('in-use');
    expect((await hub.request('PATCH', '/api/admin/users/nobody', { disabled: true }, admin)).status).to.equal(404);

    const users = (await hub.request('GET', '/api/admin/users', undefined, admin)).body;
    expect(users.map((u: { username: string; role: string }) => `${u.username}:${u.role}`)).to.deep.equal(['admin:admin', 'giulia:manager']);
    const log = await audit();
    expect(log.map((e: { action: string; target: string }) => `${e.action} ${e.target}`)).to.deep.equal(['user:update giulia', 'user:update giulia', 'user:add giulia']);
    expect(log[0].detail).to.deep.equal({ password: 'changed' });
  });

  it('is for admins only', async () => {
    const manager = await hub.loginAs('marta', 'manager');
    const clerk = await hub.loginAs('carlo', 'clerk');
    for (const [method, path] of [['GET', '/api/admin/office'], ['PATCH', '/api/admin/office'], ['PUT', '/api/admin/office'], ['GET', '/api/admin/users'], ['POST', '/api/admin/users'], ['PATCH', '/api/admin/users/carlo'], ['GET', '/api/admin/audit']] as const) {
      expect((await hub.request(method, path, method === 'GET' ? undefined : {}, manager)).status, `${method} ${path} as manager`).to.equal(403);
      expect((await hub.request(method, path, method === 'GET' ? undefined : {}, clerk)).status, `${method} ${path} as clerk`).to.equal(403);
      expect((await hub.request(method, path, method === 'GET' ? undefined : {})).status, `${method} ${path} anonymous`).to.equal(401);
    }
  });
});
