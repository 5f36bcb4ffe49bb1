import { expect } from 'chai';
import readXlsxFile from 'read-excel-file/node';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

/** GET /api/reports/service-months: tickets issued per service and month, with row and column totals. */
describe('accesses per service and month', () => {
  let now: number;
  let hub: TestHub;
  let manager: string;

  beforeEach(async () => {
    now = Date.parse('2026-01-30T08:00:00Z');
    hub = await startTestHub({ clock: () => now, sessionHours: 24 * 400 });
    manager = await hub.loginAs('marta', 'manager');
  });
  afterEach(() => hub.close());

  const issueAt = async (iso: string, serviceId: string, count = 1) => {
    now = Date.parse(iso);
    for (let i = 0; i < count; i++) expect((await hub.issue({ serviceId })).status).to.equal(201);
  };
  const get = (path: string, token = manager) => hub.request('GET', path, undefined, token);

  it('counts each service per month from the roll-ups, the same as from the tickets, with every total', async () => {
    await issueAt('2026-01-30T09:00:00Z', 'certs', 3);
    await issueAt('2026-01-30T09:30:00Z', 'info', 1);
    await issueAt('2026-02-02T09:00:00Z', 'certs', 2);
    await issueAt('2026-02-02T10:00:00Z', 'idcard', 4);
    // 23:30 UTC on 31 March is 1 April in Rome: an April access.
    await issueAt('2026-03-31T22:30:00Z', 'info', 1);
    const path = '/api/reports/service-months?from=2026-01-01&to=2026-04-30';
    const live = await get(path);
    expect(live.status, JSON.stringify(live.body)).to.equal(200);
    expect(live.body).to.deep.equal({
      from: '2026-01-01',
      to: '2026-04-30',
      months: ['2026-01', '2026-02', '2026-03', '2026-04'],
      services: [
        { serviceId: 'certs', issued: [3, 2, 0, 0], total: 5 },
        { serviceId: 'idcard', issued: [0, 4, 0, 0], total: 4 },
        { serviceId: 'info', issued: [1, 0, 0, 1], total: 2 },
      ],
      monthTotals: [4, 6, 0, 1],
      total: 11,
    });
    const monthly = (await get('/api/reports/monthly?year=2026')).body;
    expect(monthly.total.issued, 'the same accesses as the monthly report').to.equal(live.body.total);

    await issueAt('2026-04-02T07:30:00Z', 'info'); // rolls the earlier days up
    await hub.hub.ctx.reports.idle();
    const after = (await get('/api/reports/service-months?from=2026-01-01&to=2026-04-01')).body;
    expect(after.services).to.deep.equal(live.body.services);
    const oneService = (await get('/api/reports/service-months?from=2026-01-15&to=2026-02-28&service=idcard')).body;
    expect(oneService.services).to.deep.equal([{ serviceId: 'idcard', issued: [0, 4], total: 4 }]);
  });

  it('exports the table with service names and ids, in Italian or English', async () => {
    await issueAt('2026-01-30T09:00:00Z', 'certs', 2);
    const auth = { headers: { authorization: `Bearer ${manager}` } };
    const csv = await fetch(`${hub.url}/api/reports/service-months?from=2026-01-01&to=2026-02-28&format=csv`, auth);
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).to.deep.equal([
      'Servizio;Codice servizio;gen 2026;feb 2026;Totale',
      'Certificati;certs;2;0;2', "Carta d'identità;idcard;0;0;0", 'Informazioni;info;0;0;0', 'Totale;total;2;0;2',
    ]);
    const xlsx = await fetch(`${hub.url}/api/reports/service-months?from=2026-01-01&to=2026-02-28&format=xlsx&lang=en`, auth);
    const [sheet] = await readXlsxFile(Buffer.from(await xlsx.arrayBuffer()));
    expect(sheet!.sheet).to.equal('Accesses by service');
    expect(sheet!.data[0]).to.deep.equal(['Service', 'Service id', 'Jan 2026', 'Feb 2026', 'Total']);
    expect(sheet!.data[1]).to.deep.equal(['Certificates', 'certs', 2, 0, 2]);
  });

  it('refuses clerks and bad queries', async () => {
    const clerk = await hub.loginAs('carlo', 'clerk');
    expect((await get('/api/reports/service-months?from=2026-01-01&to=2026-02-28', clerk)).status).to.equal(403);
    for (const bad of ['/api/reports/service-months?from=2026-03-01', '/api/reports/service-months?from=2026-01-01&to=2026-02-28&lang=fr', '/api/reports/service-months?from=2026-01-01&to=2026-02-28&by=month']) {
      const res = await get(bad);
      expect(res.status, bad).to.equal(400);
      expect(res.body.error.code).to.equal('validation-failed');
    }
  });
});
