import { expect } from 'chai';
import readXlsxFile from 'read-excel-file/node';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

const minute = 60_000;

/**
 * The reports on known data, driven through the real hub on a fake clock: tickets issued, called and
 * finished at chosen instants, days rolled over, then each report checked figure by figure.
 */
describe('manager reports', () => {
  let now: number;
  let hub: TestHub;
  let manager: string;

  beforeEach(async () => {
    now = Date.parse('2026-03-02T08:00:00Z');
    // Sessions outlive the year these tests travel through on the fake clock.
    hub = await startTestHub({ clock: () => now, sessionHours: 24 * 800 });
    await hub.holdAll(); // a desk calls only while a clerk holds it
    manager = await hub.loginAs('marta', 'manager');
  });
  afterEach(() => hub.close());

  const at = (iso: string) => (now = Date.parse(iso));
  const act = async (token: string, deskId: string, action: string, body: Record<string, unknown> = {}) => {
    const res = await hub.request('POST', `/api/desks/${deskId}/${action}`, body, token);
    expect(res.status, `${deskId} ${action}: ${JSON.stringify(res.body)}`).to.equal(200);
    return res.body;
  };
  const issue = async (serviceId = 'certs') => {
    const res = await hub.issue({ serviceId });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.ticket;
  };
  const get = async (path: string, token = manager) => {
    const res = await hub.request('GET', path, undefined, token);
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).to.equal(200);
    return res.body;
  };
  /** One citizen: arrives, waits `waitMin`, is served for `serviceMin` with `outcomes`. */
  const visit = async (clerk: string, arriveIso: string, waitMin: number, serviceMin: number, outcomes = [{ code: 'certificate', count: 1 }], deskId = 'desk-1') => {
    at(arriveIso);
    await issue();
    now += waitMin * minute;
    await act(clerk, deskId, 'call-next');
    now += serviceMin * minute;
    await act(clerk, deskId, 'finish', { outcomes });
  };

  it('monthly: issued, served, no-shows and mean times per office month, zeros elsewhere, with the year\'s total', async () => {
    const clerk = await hub.loginAs('carlo', 'clerk');
    // March: waits 2, 4, 6, 8, 10 and services 1, 3, 5, 7, 9 minutes; one no-show.
    for (let i = 0; i < 5; i++) await visit(clerk, `2026-03-0${i + 2}T09:00:00Z`, 2 + 2 * i, 1 + 2 * i);
    at('2026-03-09T09:00:00Z');
    await issue();
    now += 3 * minute;
    await act(clerk, 'desk-1', 'call-next');
    await act(clerk, 'desk-1', 'no-show');
    // April: one ticket left waiting at closing: issued, expired at the rollover, never served.
    at('2026-04-10T10:00:00Z');
    await issue();
    at('2026-04-11T10:00:00Z');
    await issue('info');

    const report = await get('/api/reports/monthly?year=2026');
    expect(report.year).to.equal(2026);
    expect(report.months.map((m: { month: string }) => m.month)).to.deep.equal(
      ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `2026-${m}`),
    );
    expect(report.months[2]).to.deep.equal({ month: '2026-03', issued: 6, served: 5, noShows: 1, cancelled: 0, avgWaitMinutes: 5.5, avgServiceMinutes: 5 });
    expect(report.months[3]).to.deep.include({ month: '2026-04', issued: 2, served: 0, noShows: 0, avgWaitMinutes: 0 });
    expect(report.months[0]).to.deep.equal({ month: '2026-01', issued: 0, served: 0, noShows: 0, cancelled: 0, avgWaitMinutes: 0, avgServiceMinutes: 0 });
    expect(report.total).to.deep.equal({ issued: 8, served: 5, noShows: 1, cancelled: 0, avgWaitMinutes: 5.5, avgServiceMinutes: 5 });

    const times = await get('/api/reports/times?from=2026-03-01&to=2026-03-31');
    expect(times.overall.wait).to.deep.equal({ mean: 5.5, median: 4, p90: 10 }); // waits 2 3 4 6 8 10
    expect(times.overall.service).to.deep.equal({ mean: 5, median: 5, p90: 9 });
    expect(times.overall.noShowRate).to.equal(Math.round((1 / 6) * 1000) / 1000);
    expect(times.byDesk.map((r: { key: string }) => r.key)).to.deep.equal(['desk-1']);
  });

  it('counts tickets the citizen left ("Non mi serve più") and tickets staff cancelled as cancelled, before and after the roll-up, in CSV and XLSX', async () => {
    const clerk = await hub.loginAs('carlo', 'clerk');
    at('2026-03-02T09:00:00Z');
    const left = (await hub.issue({ serviceId: 'certs' })).body;
    const byStaff = await issue('info');
    const parked = await issue('certs');
    await issue('certs'); // still waiting at the end of the day: expired, not cancelled
    const key = new URL(left.statusUrl).searchParams.get('k');
    const leave = await hub.request('POST', `/api/tickets/${left.ticket.id}/leave?key=${key}`);
    expect(leave.status, JSON.stringify(leave.body)).to.equal(200);
    expect((await hub.request('POST', `/api/tickets/${byStaff.id}/cancel`, {}, clerk)).status).to.equal(200);
    await act(clerk, 'desk-1', 'call', { ticketId: parked.id });
    await act(clerk, 'desk-1', 'park');
    expect((await hub.request('POST', `/api/tickets/${parked.id}/cancel`, {}, clerk)).status).to.equal(200);

    const paths = ['/api/reports/monthly?year=2026', '/api/reports/accesses?from=2026-03-02&to=2026-03-02&by=day', '/api/reports/monthly?year=2026&service=info'];
    const live = await Promise.all(paths.map((p) => get(p)));
    expect(live[0].months[2]).to.deep.include({ month: '2026-03', issued: 4, served: 0, noShows: 0, cancelled: 3 });
    expect(live[0].total.cancelled).to.equal(3);
    expect(live[1].rows).to.have.length(1);
    expect(live[1].rows[0]).to.deep.include({ period: '2026-03-02', issued: 4, cancelled: 3 });
    expect(live[2].total).to.deep.include({ issued: 1, cancelled: 1 });

    at('2026-03-03T07:00:00Z');
    await act(clerk, 'back-1', 'mode', { mode: 'front' }); // the new day's first command rolls the 2nd over
    await hub.hub.ctx.reports.idle();
    const after = await Promise.all(paths.map((p) => get(p)));
    paths.forEach((p, i) => expect(after[i], `${p}: roll-ups give what the tickets gave`).to.deep.equal(live[i]));

    const csv = await fetch(`${hub.url}/api/reports/accesses?from=2026-03-02&to=2026-03-03&by=day&format=csv&lang=en`, { headers: { authorization: `Bearer ${manager}` } });
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).to.equal('Day,Tickets issued,Served,No-shows,Average wait (min),Average service (min),Cancelled');
    expect(lines[1]).to.match(/^2026-03-02,4,0,0,[\d.]+,0,3$/);
    expect(lines.at(-1)).to.match(/^Total,4,0,0,[\d.]+,0,3$/);
    const xlsx = await fetch(`${hub.url}/api/reports/monthly?year=2026&format=xlsx`, { headers: { authorization: `Bearer ${manager}` } });
    const sheet = (await readXlsxFile(Buffer.from(await xlsx.arrayBuffer())))[0]!.data;
    expect(sheet[0]!.at(-1)).to.equal('Annullati');
    expect(sheet[3]!.at(-1)).to.equal(3);
  });

  it('counts a ticket in the office month and year it was issued in, across DST and New Year in Europe/Rome', async () => {
    // 23:30 on 31 March in Rome is 21:30 UTC (summer time); 00:30 on 1 April is still 31 March in UTC.
    for (const iso of ['2026-03-31T21:30:00Z', '2026-03-31T22:30:00Z', '2026-10-31T22:30:00Z', '2026-10-31T23:30:00Z', '2026-12-31T22:30:00Z', '2026-12-31T23:30:00Z']) {
      at(iso);
      await issue();
    }
    at('2027-01-02T12:00:00Z');
    await hub.read('/api/queue'); // no command needed: the roll-up reads the tickets as they are
    const y2026 = await get('/api/reports/monthly?year=2026');
    const issued = Object.fromEntries(y2026.months.map((m: { month: string; issued: number }) => [m.month, m.issued]));
    expect(issued).to.include({ '2026-03': 1, '2026-04': 1, '2026-10': 1, '2026-11': 1, '2026-12': 1 });
    expect(y2026.total.issued).to.equal(5);
    expect((await get('/api/reports/monthly?year=2027')).months[0].issued, 'half past midnight on New Year is 2027 in Rome').to.equal(1);

    const days = await get('/api/reports/accesses?from=2026-03-30&to=2026-04-05&by=day');
    expect(days.rows.map((r: { period: string; issued: number }) => `${r.period}:${r.issued}`)).to.deep.equal([
      '2026-03-30:0', '2026-03-31:1', '2026-04-01:1', '2026-04-02:0', '2026-04-03:0', '2026-04-04:0', '2026-04-05:0',
    ]);
    const weeks = await get('/api/reports/accesses?from=2026-03-30&to=2026-04-12&by=week');
    expect(weeks.rows.map((r: { period: string; issued: number }) => `${r.period}:${r.issued}`)).to.deep.equal(['2026-03-30:2', '2026-04-06:0']);
  });

  it('gives the same figures before and after a day is rolled up, and filters by service and desk', async () => {
    const clerk = await hub.loginAs('carlo', 'clerk');
    await visit(clerk, '2026-03-02T09:00:00Z', 4, 6, [{ code: 'certificate', count: 2 }, { code: 'information', count: 1 }]);
    await visit(clerk, '2026-03-02T09:30:00Z', 1, 2, [{ code: 'second-level', count: 1 }], 'desk-2');
    at('2026-03-02T10:00:00Z');
    await issue('idcard');
    now += minute;
    await act(clerk, 'desk-1', 'call-next');
    await act(clerk, 'desk-1', 'transfer', { serviceId: 'certs' });
    await act(clerk, 'desk-2', 'call-next');
    now += 3 * minute;
    await act(clerk, 'desk-2', 'finish', { outcomes: [{ code: 'certificate', count: 1 }] });

    const paths = [
      '/api/reports/times?from=2026-03-02&to=2026-03-02',
      '/api/reports/outcomes?from=2026-03-01&to=2026-03-31',
      '/api/reports/heatmap?from=2026-03-02&to=2026-03-02',
      '/api/reports/monthly?year=2026&desk=desk-2',
      '/api/reports/monthly?year=2026&service=idcard',
    ];
    const live = await Promise.all(paths.map((p) => get(p)));
    at('2026-03-03T07:00:00Z');
    await issue('info'); // the first command of the new day rolls the 2nd over; its roll-up follows
    await hub.hub.ctx.reports.idle();
    const rolled = await hub.hub.ctx.queueStore.findTicket(1); // the 2nd's tickets are still in the database
    expect(rolled?.status).to.equal('done');
    const after = await Promise.all(paths.map((p) => get(p)));
    paths.forEach((p, i) => expect(after[i], `${p}: roll-ups give what the tickets gave`).to.deep.equal(live[i]));

    const [times, outcomes, heatmap, byDesk2, byIdcard] = live;
    expect(times.firstContact).to.deep.equal({
      firstLevel: 2, secondLevel: 1, rate: 0.667, target: 0.8,
      byService: [{ serviceId: 'certs', firstLevel: 2, secondLevel: 1, rate: 0.667 }],
    });
    expect(times.byDesk.find((r: { key: string }) => r.key === 'desk-1').transfers).to.equal(1);
    expect(times.byService.map((r: { key: string; served: number }) => `${r.key}:${r.served}`)).to.deep.equal(['certs:3', 'idcard:0']);
    expect(outcomes.codes).to.deep.equal(['certificate', 'information', 'second-level']);
    expect(outcomes.months[0].outcomes).to.deep.equal({ certificate: 3, information: 1, 'second-level': 1 });
    expect(outcomes.total.servedByService).to.deep.equal({ certs: 3 });
    // 09:00 and 09:30 UTC are 10:00 and 10:30 in Rome (winter time), on a Monday.
    const mon10 = heatmap.cells.find((c: { weekday: string; hour: number }) => c.weekday === 'mon' && c.hour === 10);
    expect(mon10).to.deep.equal({ weekday: 'mon', hour: 10, arrivals: 2, arrivalsPerDay: 2, avgWaitMinutes: 2.5 });
    expect(heatmap.cells).to.have.length(7 * 24);
    expect(byDesk2.total).to.deep.include({ issued: 2, served: 2 });
    expect(byIdcard.total.issued, 'the transferred ticket counts under the service it ended with').to.equal(0);
  });

  it('exports a report as CSV and as an XLSX workbook with the same figures', async () => {
    const clerk = await hub.loginAs('carlo', 'clerk');
    await visit(clerk, '2026-03-02T09:00:00Z', 4, 6);
    const csv = await fetch(`${hub.url}/api/reports/monthly?year=2026&format=csv`, { headers: { authorization: `Bearer ${manager}` } });
    expect(csv.status).to.equal(200);
    expect(csv.headers.get('content-type')).to.match(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).to.match(/^attachment; filename="?accessi-2026\.csv"?$/);
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    // Italian by default, as Excel set up for Italy opens it: semicolons (and a decimal comma).
    expect(lines[0]).to.equal('Mese;Biglietti emessi;Serviti;Assenti;Attesa media (min);Servizio medio (min);Annullati');
    expect(lines[3]).to.equal('2026-03;1;1;0;4;6;0');
    expect(lines[13]).to.equal('Totale;1;1;0;4;6;0');

    const xlsx = await fetch(`${hub.url}/api/reports/times?from=2026-03-01&to=2026-03-31&format=xlsx`, { headers: { authorization: `Bearer ${manager}` } });
    expect(xlsx.status).to.equal(200);
    const sheets = await readXlsxFile(Buffer.from(await xlsx.arrayBuffer()));
    expect(sheets.map((s) => s.sheet)).to.deep.equal(['Tempi', 'Primo contatto', 'Sportelli di back office']);
    const times = sheets[0]!.data;
    expect(times[0]!.slice(0, 6)).to.deep.equal(['Gruppo', 'Nome', 'Codice', 'Serviti', 'Assenti', 'Tasso assenti']);
    expect(times[1]!.slice(0, 10)).to.deep.equal(['Tutti', 'Tutti', 'all', 1, 0, 0, 0, 4, 4, 4]);
    expect(times[2]!.slice(0, 4), 'a service named, its id beside').to.deep.equal(['Servizio', 'Certificati', 'certs', 1]);

    const first = sheets[1]!.data;
    expect(first[0]).to.deep.equal(['Servizio', 'Codice servizio', 'Chiuse al primo livello', 'Inviate al secondo livello', 'Risoluzione al primo contatto', 'Obiettivo']);
    expect(first[1]).to.deep.equal(['Tutti', 'all', 1, 0, 1, 0.8]);

    const backDesks = await fetch(`${hub.url}/api/reports/times?from=2026-03-01&to=2026-03-31&format=csv&table=backDesks`, { headers: { authorization: `Bearer ${manager}` } });
    const bytes = Buffer.from(await backDesks.arrayBuffer());
    expect(bytes.subarray(0, 3).toString('hex'), 'a UTF-8 byte order mark, for spreadsheet programs').to.equal('efbbbf');
    expect(bytes.subarray(3).toString('utf8').trim()).to.equal('Sportello;Codice sportello;Minuti al pubblico');
  });

  it('lets managers and admins read reports, refuses clerks and anonymous callers, and refuses bad queries', async () => {
    const clerk = await hub.loginAs('carlo', 'clerk');
    expect((await hub.request('GET', '/api/reports/monthly?year=2026')).status).to.equal(401);
    expect((await hub.request('GET', '/api/reports/monthly?year=2026', undefined, clerk)).status).to.equal(403);
    expect((await hub.request('GET', '/api/reports/live', undefined, clerk)).status).to.equal(403);
    expect((await hub.request('GET', '/api/reports/monthly?year=2026', undefined, await hub.login())).status).to.equal(200);
    for (const bad of [
      '/api/reports/monthly', '/api/reports/monthly?year=abc', '/api/reports/monthly?year=2026&year=2027',
      '/api/reports/monthly?year=2026&format=pdf', '/api/reports/monthly?year=2026&extra=1',
      '/api/reports/times?from=2026-03-05&to=2026-03-01', '/api/reports/times?from=2026-02-30x&to=2026-03-01',
      '/api/reports/accesses?from=2026-01-01&to=2026-01-31&by=hour', '/api/reports/heatmap?from=2026-01-01&to=2026-01-31&service=../x',
      '/api/reports/times?from=2026-01-01&to=2026-01-31&format=csv&table=nope', '/api/reports/live?x=1',
    ]) {
      const res = await hub.request('GET', bad, undefined, manager);
      expect(res.status, bad).to.equal(400);
      expect(res.body.error.code, bad).to.equal('validation-failed');
    }
  });

  it('shows the room live: waiting per service, the longest wait, desks and their modes', async () => {
    const clerk = await hub.loginAs('carlo', 'clerk');
    await issue();
    now += 5 * minute;
    await issue('idcard');
    await act(clerk, 'back-1', 'mode', { mode: 'front' });
    now += 2 * minute;
    const board = await get('/api/reports/live');
    expect(board).to.deep.include({ roomBusy: false, waiting: 2, longestWaitMinutes: 7 });
    expect(board.services.find((s: { serviceId: string }) => s.serviceId === 'idcard')).to.deep.equal({ serviceId: 'idcard', waiting: 1, longestWaitMinutes: 2, open: true });
    expect(board.desks.find((d: { deskId: string }) => d.deskId === 'back-1')).to.deep.include({ kind: 'back', mode: 'front', currentNumber: null });
  });
});
