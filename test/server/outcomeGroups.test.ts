import { expect } from 'chai';
import type { ServiceView } from '../../protocol/views.ts';
import { officeConfigSchema } from '../../protocol/office.ts';
import { testOffice } from '../helpers/office.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

const day = 86_400_000;
/** Monday 3 August 2026, 10:00 in Rome: the last day paper ID cards can be recorded. */
const lastDay = Date.UTC(2026, 7, 3, 8, 0);

const office = () => {
  const base = testOffice();
  const services = base.services.map((s) =>
    s.id === 'idcard' ? { ...s, outcomes: s.outcomes.map((o) => (o.code === 'id-card-paper' ? { ...o, until: '2026-08-03' } : o)) } : s,
  );
  return testOffice({ services });
};

describe('Outcome groups and outcome validity dates', () => {
  let now = lastDay;
  let hub: TestHub;
  let admin: string;
  let clerk: string;

  beforeEach(async () => {
    now = lastDay;
    hub = await startTestHub({ office: office(), clock: () => now });
    await hub.holdAll();
    admin = await hub.loginAs('amministratore', 'admin');
    clerk = await hub.login();
  });
  afterEach(async () => {
    await hub.close();
  });

  const patch = (body: unknown) => hub.request('PATCH', '/api/admin/office', body, admin);
  const groupsNow = async () => (await hub.request('GET', '/api/admin/office', undefined, admin)).body.outcomeGroups;
  const serveIdCard = async (code: string) => {
    expect((await hub.issue({ serviceId: 'idcard' })).status).to.equal(201);
    expect((await hub.request('POST', '/api/desks/desk-1/call-next', {}, clerk)).status).to.equal(200);
    return hub.request('POST', '/api/desks/desk-1/finish', { outcomes: [{ code, count: 1 }] }, clerk);
  };

  it('PATCH outcomeGroups stores groups of known outcomes and applies them at once', async () => {
    expect(await groupsNow()).to.deep.equal([]);
    const groups = [
      { id: 'certificates', name: { it: 'Certificati', en: 'Certificates' }, outcomes: ['certificate'] },
      { id: 'id-cards', name: { it: "Carte d'identità", en: 'Identity cards' }, outcomes: ['id-card-electronic', 'id-card-paper'] },
    ];
    const res = await patch({ outcomeGroups: groups });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(await groupsNow()).to.deep.equal(groups);
  });

  it('refuses an unknown outcome, an outcome in two groups and a repeated id, changing nothing', async () => {
    const name = { it: 'Gruppo', en: 'Group' };
    const refused = async (outcomeGroups: unknown, message: string) => {
      const res = await patch({ outcomeGroups });
      expect(res.status).to.equal(400);
      expect(JSON.stringify(res.body.error)).to.include(message);
    };
    await refused([{ id: 'a', name, outcomes: ['passport'] }], 'unknown outcome \\"passport\\"');
    await refused([{ id: 'a', name, outcomes: ['certificate'] }, { id: 'b', name, outcomes: ['certificate'] }], 'already in group \\"a\\"');
    await refused([{ id: 'a', name, outcomes: ['certificate'] }, { id: 'a', name, outcomes: ['information'] }], 'duplicate outcome group id');
    await refused([{ id: 'a', name, outcomes: [] }], 'outcomes');
    expect(await groupsNow()).to.deep.equal([]);
  });

  it('the demo office groups its certificates and identity cards, and its paper ID card ends on 2026-08-03', async () => {
    const { readFile } = await import('node:fs/promises');
    const demo = officeConfigSchema.parse(JSON.parse(await readFile('config/office.demo.json', 'utf8')));
    expect(demo.outcomeGroups.map((g) => [g.name.it, g.outcomes])).to.deep.equal([
      ['Certificati', ['certificate', 'civil-status-certificate', 'electoral-certificate']],
      ["Carte d'identità", ['id-card-electronic', 'id-card-paper']],
    ]);
    const paper = demo.services.flatMap((s) => s.outcomes).find((o) => o.code === 'id-card-paper');
    expect(paper?.until).to.equal('2026-08-03');
  });

  it('an outcome is offered and recorded up to its until day', async () => {
    const services = (await hub.read('/api/services')).body.services as ServiceView[];
    expect(services.find((s) => s.id === 'idcard')!.outcomes).to.deep.equal(['id-card-electronic', 'id-card-paper']);
    const res = await serveIdCard('id-card-paper');
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
  });

  it('after its until day desks are not offered it and the hub refuses it with outcome-expired; its name stays', async () => {
    // The office's next day, 4 August 2026: a hub opened on it.
    await hub.close();
    now = lastDay + day;
    hub = await startTestHub({ office: office(), clock: () => now });
    await hub.holdAll();
    clerk = await hub.login();
    const services = (await hub.read('/api/services')).body.services as ServiceView[];
    const idcard = services.find((s) => s.id === 'idcard')!;
    expect(idcard.outcomes).to.deep.equal(['id-card-electronic']);
    expect(idcard.outcomeNames.map((o) => o.code)).to.include('id-card-paper');
    const refused = await serveIdCard('id-card-paper');
    expect(refused.status).to.equal(422);
    expect(refused.body.error.code).to.equal('outcome-expired');
    expect(refused.body.error.message).to.include('2026-08-03');
    const done = await hub.request('POST', '/api/desks/desk-1/finish', { outcomes: [{ code: 'id-card-electronic', count: 1 }] }, clerk);
    expect(done.status).to.equal(200);
  });

  it('refuses an until that is not a calendar day', () => {
    const base = testOffice();
    const bad = officeConfigSchema.safeParse({ ...base, services: [{ ...base.services[0], outcomes: [{ code: 'x', name: { it: 'X', en: 'X' }, until: '2026-02-30' }] }, ...base.services.slice(1)] });
    expect(bad.success).to.equal(false);
  });
});
