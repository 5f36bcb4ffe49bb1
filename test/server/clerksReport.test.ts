import { expect } from 'chai';
import readXlsxFile from 'read-excel-file/node';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { zipEntry } from '../helpers/zipEntry.ts';

const minute = 60_000;

/** GET /api/reports/clerks: per clerk who held the desk when the ticket was called, for managers only. */
describe('per-clerk report', () => {
  let now: number;
  let hub: TestHub;
  let manager: string;

  beforeEach(async () => {
    now = Date.parse('2026-03-02T08:00:00Z');
    hub = await startTestHub({ clock: () => now, sessionHours: 24 * 40 });
    await hub.holdAll(); // desk-1 held by clerk-desk-1, desk-2 by clerk-desk-2, …
    manager = await hub.loginAs('marta', 'manager');
  });
  afterEach(() => hub.close());

  const act = async (deskId: string, action: string, body: Record<string, unknown> = {}) => {
    const res = await hub.request('POST', `/api/desks/${deskId}/${action}`, body, await hub.hold(deskId));
    expect(res.status, `${deskId} ${action}: ${JSON.stringify(res.body)}`).to.equal(200);
  };
  const visit = async (iso: string, deskId: string, serviceMin: number, code = 'certificate', serviceId = 'certs') => {
    now = Date.parse(iso);
    expect((await hub.issue({ serviceId })).status).to.equal(201);
    now += minute;
    await act(deskId, 'call-next');
    now += serviceMin * minute;
    await act(deskId, 'finish', { outcomes: [{ code, count: 1 }] });
  };
  const get = async (path: string, token = manager) => hub.request('GET', path, undefined, token);

  it('counts served tickets, mean service time and first-contact rate per clerk, the same before and after the roll-up', async () => {
    await visit('2026-03-02T09:00:00Z', 'desk-1', 4);
    await visit('2026-03-02T09:10:00Z', 'desk-1', 6, 'second-level');
    await visit('2026-03-02T09:20:00Z', 'desk-1', 8);
    await visit('2026-03-02T09:30:00Z', 'desk-2', 3, 'information', 'info');
    // A no-show is not served.
    now = Date.parse('2026-03-02T10:00:00Z');
    await hub.issue({ serviceId: 'certs' });
    await act('desk-2', 'call-next');
    await act('desk-2', 'no-show');

    const path = '/api/reports/clerks?from=2026-03-01&to=2026-03-31';
    const live = await get(path);
    expect(live.status, JSON.stringify(live.body)).to.equal(200);
    expect(live.body).to.deep.equal({
      from: '2026-03-01',
      to: '2026-03-31',
      clerks: [
        { username: 'clerk-desk-1', served: 3, avgServiceMinutes: 6, firstLevel: 2, secondLevel: 1, rate: 0.667 },
        { username: 'clerk-desk-2', served: 1, avgServiceMinutes: 3, firstLevel: 1, secondLevel: 0, rate: 1 },
      ],
      total: { served: 4, avgServiceMinutes: 5.3, firstLevel: 3, secondLevel: 1, rate: 0.75 },
      target: 0.8,
    });
    const byService = await get('/api/reports/clerks?from=2026-03-01&to=2026-03-31&service=info');
    expect(byService.body.clerks.map((c: { username: string }) => c.username)).to.deep.equal(['clerk-desk-2']);
    const byDesk = await get('/api/reports/clerks?from=2026-03-01&to=2026-03-31&desk=desk-1');
    expect(byDesk.body.total.served).to.equal(3);

    now = Date.parse('2026-03-03T07:30:00Z');
    await hub.issue({ serviceId: 'info' }); // the new day rolls the 2nd over
    await hub.hub.ctx.reports.idle();
    expect((await get(path)).body.clerks).to.deep.equal(live.body.clerks);
    const rolled = await hub.hub.ctx.database.all<{ username: string; served: number }>('SELECT username, served FROM daily_clerk_stats ORDER BY username, service_id');
    expect(rolled, 'the 2nd rolled up per clerk').to.deep.equal([{ username: 'clerk-desk-1', served: 3 }, { username: 'clerk-desk-2', served: 1 }]);
    // A rolled-up day and today together.
    await visit('2026-03-03T08:00:00Z', 'desk-1', 2, 'information', 'info');
    const both = (await get(path)).body;
    expect(both.clerks[0]).to.deep.equal({ username: 'clerk-desk-1', served: 4, avgServiceMinutes: 5, firstLevel: 3, secondLevel: 1, rate: 0.75 });
    expect(both.total.served).to.equal(5);
    expect((await get('/api/reports/clerks?from=2026-04-01&to=2026-04-30')).body.clerks).to.deep.equal([]);
  });

  it('refuses clerks (403) and anonymous callers (401), and bad queries (400) without answering figures', async () => {
    await visit('2026-03-02T09:00:00Z', 'desk-1', 4);
    const clerk = await hub.hold('desk-1');
    expect((await get('/api/reports/clerks?from=2026-03-01&to=2026-03-31', clerk)).status).to.equal(403);
    expect((await hub.request('GET', '/api/reports/clerks?from=2026-03-01&to=2026-03-31')).status).to.equal(401);
    expect((await get('/api/reports/clerks?from=2026-03-01&to=2026-03-31', await hub.login())).status, 'an admin reads it').to.equal(200);
    for (const bad of [
      '/api/reports/clerks', '/api/reports/clerks?from=2026-03-05&to=2026-03-01', '/api/reports/clerks?from=2026-03-01&to=2026-03-31&clerk=x',
      '/api/reports/clerks?from=2026-03-01&to=2026-03-31&desk=../x', '/api/reports/clerks?from=2026-03-01&to=2026-03-31&format=pdf',
    ]) {
      const res = await get(bad);
      expect(res.status, bad).to.equal(400);
      expect(res.body.error.code, bad).to.equal('validation-failed');
      expect(res.body).not.to.have.property('clerks');
    }
  });

  it('exports the clerks as CSV and XLSX', async () => {
    await visit('2026-03-02T09:00:00Z', 'desk-1', 4);
    const auth = { headers: { authorization: `Bearer ${manager}` } };
    const csv = await fetch(`${hub.url}/api/reports/clerks?from=2026-03-01&to=2026-03-31&format=csv&lang=en`, auth);
    expect(csv.status).to.equal(200);
    expect(csv.headers.get('content-disposition')).to.match(/operatori-2026-03-01_2026-03-31\.csv/);
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).to.have.length(3);
    expect(lines[1]).to.match(/^clerk-desk-1,1,4,1,0,/);
    const xlsx = await fetch(`${hub.url}/api/reports/clerks?from=2026-03-01&to=2026-03-31&format=xlsx`, auth);
    const workbook = Buffer.from(await xlsx.arrayBuffer());
    const sheet = (await readXlsxFile(workbook))[0]!.data;
    expect(sheet[0]).to.deep.equal(['Operatore', 'Serviti', 'Servizio medio (min)', 'Chiuse al primo livello', 'Inviate al secondo livello', 'Risoluzione al primo contatto']);
    expect(sheet[1]).to.deep.equal(['clerk-desk-1', 1, 4, 1, 0, 1]);
    // The rate is the number 1 shown as a percentage: a number format 0.0% applied to the rate cells.
    const styles = zipEntry(workbook, 'xl/styles.xml')!;
    const percentFormat = /<numFmt numFmtId="(\d+)" formatCode="0\.0%"\/>/.exec(styles);
    expect(percentFormat, 'a 0.0% number format').to.not.equal(null);
    const styleIndexes = [...styles.split('<cellXfs')[1]!.matchAll(/<xf\b[^>]*>/g)].map((m) => /numFmtId="(\d+)"/.exec(m[0])?.[1]);
    const percentStyle = styleIndexes.indexOf(percentFormat![1]!);
    const rateCell = /<c r="F2" s="(\d+)"/.exec(zipEntry(workbook, 'xl/worksheets/sheet1.xml')!);
    expect(Number(rateCell?.[1]), 'F2 (the rate) in the percentage style').to.equal(percentStyle);
  });
});
