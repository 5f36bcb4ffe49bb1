import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';
import { freshPostgresUrl, skipWithoutPostgres, type EngineName } from '../helpers/postgres.ts';

/**
 * The network's outcome catalogue (issue 22) on each engine: seeded from the default office, edited by network
 * admins only, applied live to every office; offices extend it and never redefine it (admin edit, creation).
 */
for (const engine of ['sqlite', 'postgres'] as EngineName[]) {
  describe(`the network outcome catalogue (${engine})`, function () {
    this.timeout(60_000);
    let hub: TestHub;
    let admin: string;
    let databaseUrl: string | undefined;
    let dir: string | undefined;
    const office = testOffice({
      outcomeGroups: [{ id: 'certificates', name: { it: 'Certificati', en: 'Certificates' }, outcomes: ['certificate'] }],
    });
    const vingone = testOffice({
      name: 'Vingone',
      services: [
        { id: 'certs', prefix: 'V', name: { it: 'Certificati', en: 'Certificates' }, outcomes: ['certificate', { code: 'vingone-stamp', name: { it: 'Bollo', en: 'Stamp' } }] },
      ],
      desks: [{ id: 'desk-1', name: 'Sportello 1', kind: 'front', services: ['certs'] }],
      outcomeGroups: [],
    });
    const ok = async (res: Promise<{ status: number; body: any }>, status = 200) => {
      const r = await res;
      expect(r.status, JSON.stringify(r.body)).to.equal(status);
      return r.body;
    };
    const refused = async (res: Promise<{ status: number; body: any }>) => {
      const r = await res;
      expect(r.status, JSON.stringify(r.body)).to.equal(400);
      expect(r.body.error.code).to.equal('validation-failed');
      return r.body.error.message as string;
    };
    const start = async () => {
      hub = await startTestHub({ office, ...(databaseUrl ? { databaseUrl } : {}), ...(dir ? { dir } : {}) });
      dir ??= hub.dir;
      admin = await hub.login();
    };
    const outcomeOf = (config: any, service: string, code: string) => config.services.find((s: any) => s.id === service).outcomes.find((o: any) => o.code === code);

    before(async function () {
      skipWithoutPostgres(this, engine);
      if (engine === 'postgres') databaseUrl = await freshPostgresUrl();
      else dir = await mkdtemp(join(tmpdir(), 'punto-comune-catalogue-'));
      await start();
    });
    after(async () => {
      await hub?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it("is seeded at the first start from the default office's outcomes and groups, which run unchanged", async () => {
      const { catalogue } = await ok(hub.request('GET', '/api/network/catalogue', undefined, admin));
      expect(catalogue.groups).to.deep.equal([{ id: 'certificates', name: { it: 'Certificati', en: 'Certificates' } }]);
      // Each code once, in the order the services first list it, named as the office names it.
      const expected = [...new Map(office.services.flatMap((s) => s.outcomes.map((o) => [o.code, o] as const))).values()].map((o) => ({
        code: o.code,
        name: o.name,
        ...(o.code === 'certificate' ? { group: 'certificates' } : {}),
      }));
      expect(catalogue.outcomes).to.deep.equal(expected);
      const running = await ok(hub.request('GET', '/api/admin/office', undefined, admin));
      expect(running.services).to.deep.equal(office.services);
      expect(running.outcomeGroups).to.deep.equal(office.outcomeGroups);
    });

    it('while the default office is alone (a one-office hub), its admin edits outcomes and groups freely and the catalogue follows', async () => {
      const idCards = { id: 'id-cards', name: { it: "Carte d'identità", en: 'Identity cards' }, outcomes: ['id-card-electronic', 'id-card-paper'] };
      const saved = await ok(hub.request('PATCH', '/api/admin/office', { outcomeGroups: [...office.outcomeGroups, idCards] }, admin));
      expect(saved.office.outcomeGroups).to.deep.equal([...office.outcomeGroups, idCards]);
      const { catalogue } = await ok(hub.request('GET', '/api/network/catalogue', undefined, admin));
      expect(catalogue.groups.map((g: any) => g.id)).to.deep.equal(['certificates', 'id-cards']);
      expect(catalogue.outcomes.find((o: any) => o.code === 'id-card-paper').group).to.equal('id-cards');
      const audit = await ok(hub.request('GET', '/api/admin/audit', undefined, admin));
      expect(audit.map((e: any) => e.action).slice(0, 2)).to.have.members(['office:update', 'catalogue:update']);
    });

    it('only a network admin reads or changes it; a bad catalogue is refused and changes nothing', async () => {
      const manager = await hub.loginAs('marta', 'manager');
      const officeAdmin = await hub.loginAs('olga', 'admin');
      const before = await ok(hub.request('GET', '/api/network/catalogue', undefined, admin));
      expect((await hub.request('GET', '/api/network/catalogue')).status).to.equal(401);
      expect((await hub.request('GET', '/api/network/catalogue', undefined, manager)).status).to.equal(403);
      expect((await hub.request('PUT', '/api/network/catalogue', before.catalogue, officeAdmin)).status).to.equal(403);
      expect((await hub.request('GET', '/api/network/reports/archive?from=2026-01&to=2026-01', undefined, manager)).status).to.equal(403);
      const cat = before.catalogue;
      expect(await refused(hub.request('PUT', '/api/network/catalogue', { ...cat, outcomes: [...cat.outcomes, cat.outcomes[0]] }, admin))).to.match(/duplicate outcome code "certificate"/);
      expect(await refused(hub.request('PUT', '/api/network/catalogue', { ...cat, outcomes: [{ code: 'x', name: { it: 'X', en: 'X' }, group: 'nowhere' }] }, admin))).to.match(/unknown group "nowhere"/);
      expect(await refused(hub.request('PUT', '/api/network/catalogue', { ...cat, extra: 1 }, admin))).to.match(/extra/);
      expect((await ok(hub.request('GET', '/api/network/catalogue', undefined, admin))).catalogue).to.deep.equal(cat);
    });

    it('a new office may add codes of its own, but not rename, re-date or regroup a catalogue outcome (creation)', async () => {
      const renamed = { ...vingone, id: 'vingone', services: [{ ...vingone.services[0]!, outcomes: [{ code: 'certificate', name: { it: 'Certificazione', en: 'Certification' } }] }] };
      expect(await refused(hub.request('POST', '/api/admin/offices', { office: renamed }, admin))).to.match(/services\.0\.outcomes\.0: outcome "certificate" is in the network catalogue/);
      const dated = { ...vingone, id: 'vingone', services: [{ ...vingone.services[0]!, outcomes: [{ code: 'certificate', name: { it: 'Certificato', en: 'Certificate' }, until: '2030-01-01' }] }] };
      expect(await refused(hub.request('POST', '/api/admin/offices', { office: dated }, admin))).to.match(/"certificate" is in the network catalogue/);
      const regrouped = { ...vingone, id: 'vingone', outcomeGroups: [{ id: 'mine', name: { it: 'Miei', en: 'Mine' }, outcomes: ['certificate'] }] };
      expect(await refused(hub.request('POST', '/api/admin/offices', { office: regrouped }, admin))).to.match(/outcome "certificate" is in group "certificates" in the network catalogue/);
      expect((await ok(hub.request('GET', '/api/admin/offices', undefined, admin))).offices.map((o: any) => o.id)).to.deep.equal(['main']);

      await ok(hub.request('POST', '/api/admin/offices', { office: { ...vingone, id: 'vingone' } }, admin), 201);
      const created = await ok(hub.request('GET', '/api/offices/vingone/admin/office', undefined, admin));
      expect(created.services[0].outcomes.map((o: any) => o.code)).to.deep.equal(['certificate', 'vingone-stamp']);
      // It records a catalogue outcome, so it has the catalogue's group (with only what it records).
      expect(created.outcomeGroups).to.deep.equal([{ id: 'certificates', name: { it: 'Certificati', en: 'Certificates' }, outcomes: ['certificate'] }]);
      const view = await ok(hub.request('GET', '/api/network/catalogue', undefined, admin));
      expect(view.extensions).to.deep.equal([{ officeId: 'main', codes: [] }, { officeId: 'vingone', codes: ['vingone-stamp'] }]);
    });

    it('an admin edit may extend the catalogue but not redefine it; a bare catalogue code takes its names', async () => {
      const at = '/api/offices/vingone/admin/office';
      const current = await ok(hub.request('GET', at, undefined, admin));
      const withOutcomes = (outcomes: unknown[]) => ({ ...current, services: [{ ...current.services[0], outcomes }] });
      const message = await refused(hub.request('PUT', at, withOutcomes([{ code: 'information', name: { it: 'Info', en: 'Info' } }]), admin));
      expect(message).to.match(/outcome "information" is in the network catalogue as "Informazioni" \/ "Information"/);
      expect(await refused(hub.request('PATCH', at, { outcomeGroups: [{ id: 'certificates', name: { it: 'Certificazioni', en: 'Certifications' }, outcomes: ['certificate'] }] }, admin))).to.match(/group "certificates" is in the network catalogue/);
      expect((await ok(hub.request('GET', at, undefined, admin))).services).to.deep.equal(current.services);

      const saved = await ok(hub.request('PUT', at, withOutcomes(['certificate', 'information', { code: 'vingone-stamp', name: { it: 'Bollo', en: 'Stamp' } }]), admin));
      expect(outcomeOf(saved.office, 'certs', 'information')).to.deep.equal({ code: 'information', name: { it: 'Informazioni', en: 'Information' } });
      // An own group of its own codes is fine.
      const grouped = await ok(hub.request('PATCH', at, { outcomeGroups: [...saved.office.outcomeGroups, { id: 'stamps', name: { it: 'Bolli', en: 'Stamps' }, outcomes: ['vingone-stamp'] }] }, admin));
      expect(grouped.office.outcomeGroups.map((g: any) => g.id)).to.deep.equal(['certificates', 'stamps']);
    });

    it('a change of the catalogue is audited and applies live to every office, in the engine and in the stored config', async () => {
      const { catalogue } = await ok(hub.request('GET', '/api/network/catalogue', undefined, admin));
      const next = {
        groups: [...catalogue.groups, { id: 'info', name: { it: 'Informazioni', en: 'Information' } }],
        outcomes: catalogue.outcomes.map((o: any) =>
          o.code === 'certificate' ? { ...o, name: { it: 'Certificato anagrafico', en: 'Registry certificate' } }
          : o.code === 'information' ? { ...o, group: 'info', until: '2030-12-31' }
          : o,
        ),
      };
      const answer = await ok(hub.request('PUT', '/api/network/catalogue', next, admin));
      expect(answer.catalogue).to.deep.equal(next);
      for (const prefix of ['/api', '/api/offices/vingone']) {
        const config = await ok(hub.request('GET', `${prefix}/admin/office`, undefined, admin));
        expect(outcomeOf(config, 'certs', 'certificate').name, prefix).to.deep.equal({ it: 'Certificato anagrafico', en: 'Registry certificate' });
        expect(outcomeOf(config, 'certs', 'information'), prefix).to.deep.equal({ code: 'information', name: { it: 'Informazioni', en: 'Information' }, until: '2030-12-31' });
        expect(config.outcomeGroups.find((g: any) => g.id === 'info').outcomes, prefix).to.deep.equal(['information']);
      }
      // The engine runs on it (what desks are offered), in both offices.
      for (const o of hub.hub.network.offices.all()) {
        const certs = o.ctx.committer.state.office.services.find((s) => s.id === 'certs')!;
        expect(certs.outcomes.find((x) => x.code === 'certificate')!.name.it, o.id).to.equal('Certificato anagrafico');
      }
      // Vingone's own code and group are untouched.
      const v = await ok(hub.request('GET', '/api/offices/vingone/admin/office', undefined, admin));
      expect(outcomeOf(v, 'certs', 'vingone-stamp')).to.deep.equal({ code: 'vingone-stamp', name: { it: 'Bollo', en: 'Stamp' } });
      expect(v.outcomeGroups.find((g: any) => g.id === 'stamps').outcomes).to.deep.equal(['vingone-stamp']);
      const audit = await ok(hub.request('GET', '/api/admin/audit', undefined, admin));
      const entry = audit.find((e: any) => e.action === 'catalogue:update');
      expect(entry, JSON.stringify(audit.slice(0, 3))).to.include({ target: 'network' });
      expect(JSON.stringify(entry.detail)).to.contain('Certificato anagrafico');
    });

    it('a restart keeps the catalogue and both offices on it', async () => {
      await hub.close();
      await start();
      const { catalogue } = await ok(hub.request('GET', '/api/network/catalogue', undefined, admin));
      expect(catalogue.outcomes.find((o: any) => o.code === 'certificate').name.it).to.equal('Certificato anagrafico');
      const v = await ok(hub.request('GET', '/api/offices/vingone/admin/office', undefined, admin));
      expect(outcomeOf(v, 'certs', 'certificate').name.it).to.equal('Certificato anagrafico');
    });
  });
}
