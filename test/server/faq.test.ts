import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';
import { freshPostgresUrl, skipWithoutPostgres, type EngineName } from '../helpers/postgres.ts';

const minute = 60_000;

/**
 * The network's shared answers (issue 22) on each engine: network admins edit them (audited in the default
 * office's log), every office's staff and paired kiosks read and search them, desks count their uses per
 * office and day, and the reports count the uses per month, per office and across the network.
 */
for (const engine of ['sqlite', 'postgres'] as EngineName[]) {
  describe(`the shared FAQ (${engine})`, function () {
    this.timeout(60_000);
    let hub: TestHub;
    let admin: string;
    let clerk: string;
    let dir: string | undefined;
    let now = Date.parse('2026-03-02T09:00:00Z'); // Monday 10:00 in Rome
    const vingone = testOffice({
      name: 'Vingone',
      services: [{ id: 'certs', prefix: 'V', name: { it: 'Certificati', en: 'Certificates' }, outcomes: ['certificate'] }],
      desks: [{ id: 'desk-1', name: 'Sportello 1', kind: 'front', services: ['certs'] }],
    });
    const ok = async (res: Promise<{ status: number; body: any }>, status = 200) => {
      const r = await res;
      expect(r.status, JSON.stringify(r.body)).to.equal(status);
      return r.body;
    };
    const cie = {
      question: { it: "Come rinnovo la carta d'identità?", en: 'How do I renew my identity card?' },
      answer: { it: 'Prenoti un appuntamento e porti una foto recente e la vecchia carta.', en: 'Book an appointment and bring a recent photo and the old card.' },
      services: ['idcard'],
      tags: ['rinnovo', 'foto'],
    };
    const pin = {
      question: { it: 'Ho perso il PIN della CIE: cosa faccio?' },
      answer: { it: 'Il PIN si ristampa allo sportello con la carta e un documento. Non serve una nuova identità.' },
      services: ['idcard'],
      tags: ['pin', 'puk'],
    };
    const residenza = {
      question: { it: 'Quanto tempo serve per il cambio di residenza?' },
      answer: { it: 'La residenza è registrata entro due giorni; la verifica dei vigili entro 45 giorni.' },
      services: [],
      tags: ['residenza'],
    };
    const perche = {
      question: { it: 'Perché serve la marca da bollo sul certificato?' },
      answer: { it: 'Il certificato in bollo costa 16 euro; alcuni usi sono esenti.' },
      services: ['certs'],
      tags: ['bollo', 'pagamento'],
    };

    before(async function () {
      skipWithoutPostgres(this, engine);
      const databaseUrl = engine === 'postgres' ? await freshPostgresUrl() : undefined;
      if (engine === 'sqlite') dir = await mkdtemp(join(tmpdir(), 'punto-comune-faq-'));
      hub = await startTestHub({ clock: () => now, sessionHours: 24 * 60, ...(databaseUrl ? { databaseUrl } : {}), ...(dir ? { dir } : {}) });
      admin = await hub.login();
      clerk = await hub.loginAs('carla', 'clerk');
      await ok(hub.request('POST', '/api/admin/offices', { office: { ...vingone, id: 'vingone' } }, admin), 201);
    });
    after(async () => {
      await hub?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('a network admin adds, edits and removes answers, each change in the default office audit log; a clerk and a manager may not', async () => {
      const created = await ok(hub.request('POST', '/api/network/faq', cie, admin), 201);
      expect(created).to.include({ updatedBy: 'admin' });
      expect(created.id).to.be.a('number');
      expect(created.question).to.deep.equal(cie.question);
      // From another office's address too: a network admin is an admin there.
      const second = await ok(hub.request('POST', '/api/offices/vingone/network/faq', pin, admin), 201);
      expect(second.question).to.deep.equal(pin.question); // no English: none made up
      now += minute;
      const edited = await ok(hub.request('PUT', `/api/network/faq/${second.id}`, { ...pin, tags: ['pin', 'puk', 'cie'] }, admin));
      expect(edited.tags).to.deep.equal(['pin', 'puk', 'cie']);
      expect(edited.updatedAt).to.equal(new Date(now).toISOString());

      const manager = await hub.loginAs('mario', 'manager');
      for (const token of [clerk, manager, await hub.device('kiosk')]) {
        expect((await hub.request('POST', '/api/network/faq', cie, token)).body.error.code).to.equal('forbidden');
        expect((await hub.request('PUT', `/api/network/faq/${created.id}`, cie, token)).body.error.code).to.equal('forbidden');
        expect((await hub.request('DELETE', `/api/network/faq/${created.id}`, undefined, token)).body.error.code).to.equal('forbidden');
      }
      // An admin of one office only is no network admin.
      await hub.hub.network.offices.get('vingone')!.ctx.auth.createUser('vera', 'vera-password', 'admin');
      const vera = (await hub.request('POST', '/api/offices/vingone/auth/login', { username: 'vera', password: 'vera-password' })).body.token;
      expect((await hub.request('POST', '/api/offices/vingone/network/faq', cie, vera)).body.error.code).to.equal('forbidden');
      expect((await hub.request('POST', '/api/network/faq', cie)).body.error.code).to.equal('unauthorized');

      const removed = await ok(hub.request('POST', '/api/network/faq', residenza, admin), 201);
      expect((await hub.request('DELETE', `/api/network/faq/${removed.id}`, undefined, admin)).status).to.equal(204);
      expect((await hub.request('DELETE', `/api/network/faq/${removed.id}`, undefined, admin)).body.error.code).to.equal('not-found');

      const audit = await ok(hub.request('GET', '/api/admin/audit?limit=10', undefined, admin));
      const faqEntries = audit.filter((e: any) => e.action.startsWith('faq:')).map((e: any) => [e.action, e.actor]);
      expect(faqEntries).to.deep.equal([['faq:remove', 'admin'], ['faq:add', 'admin'], ['faq:update', 'admin'], ['faq:add', 'admin'], ['faq:add', 'admin']]);
      const vingoneAudit = await ok(hub.request('GET', '/api/offices/vingone/admin/audit?limit=10', undefined, admin));
      expect(vingoneAudit.filter((e: any) => e.action.startsWith('faq:'))).to.deep.equal([]);
    });

    it('bad input gets a clear error and changes nothing (nor leaves an audit entry)', async () => {
      const before = await ok(hub.request('GET', '/api/network/faq', undefined, admin));
      const auditBefore = (await ok(hub.request('GET', '/api/admin/audit?limit=50', undefined, admin))).length;
      const bad: [unknown, RegExp][] = [
        [{ ...cie, question: { it: '' } }, /question\.it/],
        [{ ...cie, question: { en: 'only English' } }, /question\.it/],
        [{ ...cie, answer: { it: 'x'.repeat(2001) } }, /answer\.it/],
        [{ ...cie, services: ['Not An Id'] }, /services/],
        [{ ...cie, services: ['nowhere'] }, /no office of the network has the service "nowhere"/],
        [{ ...cie, tags: ['a b'] }, /tags/],
        [{ ...cie, tags: ['pin', 'PIN'] }, /listed twice/],
        [{ ...cie, extra: 1 }, /extra|Unrecognized/i],
        ['42', /expected object/i],
      ];
      for (const [body, message] of bad) {
        const r = await hub.request('POST', '/api/network/faq', body, admin);
        expect(r.status, JSON.stringify(body)).to.equal(400);
        expect(r.body.error.message).to.match(message);
      }
      for (const id of ['0', 'abc', '1e3', '-1', '99999999999999999']) {
        expect((await hub.request('PUT', `/api/network/faq/${id}`, cie, admin)).body.error.code, id).to.equal('validation-failed');
      }
      expect((await hub.request('PUT', '/api/network/faq/424242', cie, admin)).body.error.code).to.equal('not-found');
      expect((await hub.request('GET', '/api/network/faq?limit=0', undefined, admin)).body.error.code).to.equal('validation-failed');
      expect((await hub.request('GET', '/api/network/faq?serviceId=BAD', undefined, admin)).body.error.code).to.equal('validation-failed');
      expect(await ok(hub.request('GET', '/api/network/faq', undefined, admin))).to.deep.equal(before);
      expect((await ok(hub.request('GET', '/api/admin/audit?limit=50', undefined, admin))).length).to.equal(auditBefore);
    });

    it('any staff of any office and paired kiosks and displays read them; anonymous callers may not', async () => {
      const all = (await ok(hub.request('GET', '/api/network/faq', undefined, clerk))).answers;
      expect(all.map((a: any) => a.question.it)).to.have.members([cie.question.it, pin.question.it]);
      expect((await ok(hub.read('/api/network/faq'))).answers).to.have.length(2); // a display
      expect((await ok(hub.request('GET', '/api/network/faq', undefined, await hub.device('kiosk')))).answers).to.have.length(2);
      // A clerk of the other office only, and its kiosk, through their own office.
      await hub.hub.network.offices.get('vingone')!.ctx.auth.createUser('vito', 'vito-password', 'clerk');
      const vito = (await hub.request('POST', '/api/offices/vingone/auth/login', { username: 'vito', password: 'vito-password' })).body.token;
      expect((await hub.request('GET', '/api/network/faq', undefined, vito)).body.error.code).to.equal('unauthorized'); // no role in the default office
      expect((await ok(hub.request('GET', '/api/offices/vingone/network/faq', undefined, vito))).answers).to.have.length(2);
      expect((await hub.request('GET', '/api/network/faq')).body.error.code).to.equal('unauthorized');
    });

    it('searches words without case or accents, ranks by matches, and filters by service and tag', async () => {
      await ok(hub.request('POST', '/api/network/faq', residenza, admin), 201);
      await ok(hub.request('POST', '/api/network/faq', perche, admin), 201);
      const search = async (query: string) =>
        (await ok(hub.request('GET', `/api/network/faq?${query}`, undefined, clerk))).answers.map((a: any) => a.question.it as string);

      expect(await search('q=PERCHE')).to.deep.equal([perche.question.it]);
      expect(await search(`q=${encodeURIComponent('identità')}`)).to.deep.equal([cie.question.it, pin.question.it]); // in the question beats in the answer
      expect(await search('q=carta+foto')).to.deep.equal([cie.question.it, pin.question.it]); // both words before one
      expect(await search('q=PIN+smarrito')).to.deep.equal([pin.question.it]);
      expect(await search('q=cert')).to.deep.equal([perche.question.it]); // a word's beginning
      expect(await search('q=la+carta+di')).to.deep.equal(await search('q=carta')); // "la" and "di" are in every answer: left out
      expect(await search('q=zzzz')).to.deep.equal([]);
      // A service's answers and the general ones (no service listed).
      expect(await search('serviceId=certs')).to.have.members([perche.question.it, residenza.question.it]);
      expect(await search('serviceId=idcard&q=carta')).to.deep.equal([cie.question.it, pin.question.it]);
      expect(await search('tag=pagamento')).to.deep.equal([perche.question.it]);
      expect(await search('tag=PIN')).to.deep.equal([pin.question.it]);
      expect(await search('limit=1')).to.have.length(1);
    });

    it('a desk counts a use in its office per day; kiosks may not; the reports count them per month and across the network', async () => {
      const answers = (await ok(hub.request('GET', '/api/network/faq', undefined, clerk))).answers as any[];
      const cieId = answers.find((a) => a.question.it === cie.question.it).id;
      const pinId = answers.find((a) => a.question.it === pin.question.it).id;
      for (let i = 0; i < 3; i++) expect(await ok(hub.request('POST', `/api/faq/${cieId}/used`, undefined, clerk))).to.deep.equal({ answerId: cieId, day: '2026-03-02' });
      await ok(hub.request('POST', `/api/faq/${pinId}/used`, {}, clerk));
      now = Date.parse('2026-04-01T08:00:00Z');
      await ok(hub.request('POST', `/api/faq/${pinId}/used`, undefined, clerk));
      expect((await hub.request('POST', `/api/faq/${pinId}/used`, undefined, await hub.device('kiosk'))).body.error.code).to.equal('forbidden');
      expect((await hub.request('POST', `/api/faq/${pinId}/used`, undefined)).body.error.code).to.equal('unauthorized');
      expect((await hub.request('POST', '/api/faq/424242/used', undefined, clerk)).body.error.code).to.equal('not-found');
      expect((await hub.request('POST', `/api/faq/${pinId}/used`, { ticketId: 3 }, clerk)).body.error.code).to.equal('validation-failed');
      // Vingone's desk counts in Vingone.
      await ok(hub.request('POST', `/api/offices/vingone/faq/${pinId}/used`, undefined, admin));

      const report = await ok(hub.request('GET', '/api/reports/faq?from=2026-03-01&to=2026-04-30', undefined, admin));
      expect(report.months).to.deep.equal(['2026-03', '2026-04']);
      expect(report.answers).to.deep.equal([
        { id: cieId, question: cie.question.it, months: [3, 0], total: 3 },
        { id: pinId, question: pin.question.it, months: [1, 1], total: 2 },
      ]);
      expect(report.total).to.equal(5);
      const march = await ok(hub.request('GET', '/api/reports/faq?from=2026-03-01&to=2026-03-31', undefined, admin));
      expect(march.total).to.equal(4);
      const vingoneReport = await ok(hub.request('GET', '/api/offices/vingone/reports/faq?from=2026-03-01&to=2026-04-30', undefined, admin));
      expect(vingoneReport.answers).to.deep.equal([{ id: pinId, question: pin.question.it, months: [0, 1], total: 1 }]);
      const network = await ok(hub.request('GET', '/api/network/reports/faq?from=2026-03-01&to=2026-04-30', undefined, admin));
      expect(network.total).to.equal(6);
      expect(network.offices).to.deep.equal([{ id: 'main', name: 'Test office', total: 5 }, { id: 'vingone', name: 'Vingone', total: 1 }]);
      expect(network.answers.find((a: any) => a.id === pinId).months).to.deep.equal([1, 2]);
      const csv = await hub.request('GET', '/api/reports/faq?from=2026-03-01&to=2026-04-30&format=csv', undefined, admin);
      expect(csv.status).to.equal(200);
      expect(String(csv.body)).to.contain('mar 2026').and.to.contain(cie.question.it.replaceAll('"', '""'));
      // The reports are the manager's, and the network's the network admin's.
      expect((await hub.request('GET', '/api/reports/faq?from=2026-03-01&to=2026-04-30', undefined, clerk)).body.error.code).to.equal('forbidden');
      expect((await hub.request('GET', '/api/network/reports/faq?from=2026-03-01&to=2026-04-30', undefined, clerk)).body.error.code).to.equal('forbidden');
      expect((await hub.request('GET', '/api/reports/faq?from=2026-05-01&to=2026-04-30', undefined, admin)).body.error.code).to.equal('validation-failed');
      // A deleted answer's uses stay counted, without a question.
      await ok(hub.request('DELETE', `/api/network/faq/${cieId}`, undefined, admin), 204);
      const after = await ok(hub.request('GET', '/api/reports/faq?from=2026-03-01&to=2026-04-30', undefined, admin));
      expect(after.answers[0]).to.deep.equal({ id: cieId, question: null, months: [3, 0], total: 3 });
    });
  });
}
