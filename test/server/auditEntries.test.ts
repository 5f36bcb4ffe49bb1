import { expect } from 'chai';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { ask, record, until } from '../helpers/wire.ts';

/** What the audit log says about a change: field by field for the config, the device's kind for device actions. */
describe('audit log entries', () => {
  let hub: TestHub;
  let admin: string;

  beforeEach(async () => {
    hub = await startTestHub();
    admin = await hub.login();
  });
  afterEach(() => hub.close());

  type Entry = { id: number; actor: string; action: string; target: string; detail: any };
  const audit = async (): Promise<Entry[]> => (await hub.request('GET', '/api/admin/audit', undefined, admin)).body;
  const office = async () => (await hub.request('GET', '/api/admin/office', undefined, admin)).body;

  it('records a config change as the fields that changed, desks matched by id, with before and after', async () => {
    const { desks, thresholds } = await office();
    const changed = desks.map((d: { id: string }) => (d.id === 'desk-3' ? { ...d, services: ['certs', 'idcard', 'info'] } : d));
    const added = { id: 'desk-5', name: 'Sportello 5', kind: 'front', services: ['info'] };
    const res = await hub.request('PATCH', '/api/admin/office', { desks: [...changed.reverse(), added], thresholds: { ...thresholds, busyWhenWaitingAtLeast: 20 } }, admin);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);

    const [entry] = await audit();
    expect(entry).to.deep.include({ actor: 'admin', action: 'office:update', target: 'desks, thresholds' });
    expect(entry!.detail).to.deep.equal({
      changes: [
        { path: ['desks', { id: 'desk-5', label: 'Sportello 5' }], kind: 'added', after: added },
        { path: ['desks', { id: 'desk-3', label: 'Sportello 3' }, 'services'], kind: 'changed', before: ['certs', 'info'], after: ['certs', 'idcard', 'info'] },
        { path: ['thresholds', 'busyWhenWaitingAtLeast'], kind: 'changed', before: 6, after: 20 },
      ],
    });
  });

  it('names the kind of device in every device action (add, pair, unpair, remove)', async () => {
    const shown = (await hub.request('POST', '/api/pairings', { kind: 'display' })).body as { code: string };
    const added = await hub.request('POST', '/api/admin/devices', { name: 'Sala A', kind: 'display', profile: 'all', code: shown.code }, admin);
    expect(added.status, JSON.stringify(added.body)).to.equal(201);
    const id = added.body.device.id as number;
    expect((await hub.request('POST', `/api/admin/devices/${id}/unpair`, undefined, admin)).status).to.equal(200);
    expect((await hub.request('DELETE', `/api/admin/devices/${id}`, undefined, admin)).status).to.equal(204);
    expect((await audit()).map(({ action, target, detail }) => ({ action, target, detail }))).to.deep.equal([
      { action: 'device:remove', target: 'Sala A', detail: { kind: 'display', profile: 'all' } },
      { action: 'device:unpair', target: 'Sala A', detail: { kind: 'display', profile: 'all' } },
      { action: 'device:pair', target: 'Sala A', detail: { kind: 'display', profile: 'all' } },
      { action: 'device:add', target: 'Sala A', detail: { kind: 'display', profile: 'all' } },
    ]);
  });

  it('reads an office change recorded before differences were kept (whole sections) as a difference too', async () => {
    await hub.hub.ctx.audit.record(hub.hub.ctx.clock(), 'admin', 'office:update', 'name', { before: { name: 'Vecchio' }, after: { name: 'Nuovo' } });
    expect((await audit())[0]!.detail).to.deep.equal({ changes: [{ path: ['name'], kind: 'changed', before: 'Vecchio', after: 'Nuovo' }] });
  });

  it('shows the office ticker on a display of the whole office, live, and not on a display with its own profile', async () => {
    const display = await hub.socket(await hub.device('display', 'all'));
    const heard = record(display);
    expect((await ask(display, 'session:join', [{ role: 'display', id: 'all' }])).ok).to.equal(true);
    expect((await hub.read('/api/displays')).body.ticker).to.deep.equal([]);
    const ticker = [{ it: 'Oggi chiuso alle 12', en: 'Closing at noon today' }, 'Portare la tessera sanitaria'];
    const saved = await hub.request('PATCH', '/api/admin/office', { ticker }, admin);
    expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
    await until(() => heard.some((e) => e.name === 'office:changed'), 'office:changed');
    const expected = [{ it: 'Oggi chiuso alle 12', en: 'Closing at noon today' }, { it: 'Portare la tessera sanitaria', en: 'Portare la tessera sanitaria' }];
    expect((await hub.read('/api/displays')).body).to.deep.include({ configured: false, ticker: expected });
    expect((await hub.read('/api/displays/lobby')).body.ticker, 'an unlisted id shows the whole office').to.deep.equal(expected);

    await hub.request('PATCH', '/api/admin/office', { displays: [{ id: 'room-a', name: 'Sala A', ticker: ['Solo sala A'] }] }, admin);
    expect((await hub.read('/api/displays/room-a')).body.ticker).to.deep.equal([{ it: 'Solo sala A', en: 'Solo sala A' }]);

    const tooLong = await hub.request('PATCH', '/api/admin/office', { ticker: ['x'.repeat(201)] }, admin);
    expect(tooLong.status).to.equal(400);
    expect((await hub.read('/api/displays')).body.ticker, 'a refused change changes nothing').to.deep.equal(expected);
    const entry = (await audit()).find((e) => e.target === 'ticker');
    expect(entry!.detail.changes).to.deep.equal([{ path: ['ticker'], kind: 'changed', before: [], after: expected }]);
  });
});
