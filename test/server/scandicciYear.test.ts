import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import readXlsxFile from 'read-excel-file/node';
import type { OfficeConfig } from '../../protocol/office.ts';
import type { PeriodReport } from '../../protocol/periodReport.ts';
import { loadOfficeConfig } from '../../server/config/office.ts';
import { simulate } from '../../server/simulation/simulate.ts';
import type { SimulationSummary } from '../../server/simulation/summary.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

/**
 * Scandicci's first year of Punto Comune, 16 October 2017 – 15 October 2018, as its press release published it
 * (/work/shared/seeds/002_…): simulated once with `--monthly` and `--outcomes`, then read back through the period report.
 */
const demoPath = fileURLToPath(new URL('../../config/office.demo.json', import.meta.url));
// The release gives 6,370 accesses for 16 Oct – 31 Dec 2017; split here by open days (Oct: 12 weekdays and 2 Saturdays).
const scandicci2017 = [1380, 2560, 2430];
const scandicci2018 = [3366, 4694, 3962, 4038, 3648, 4523, 4383, 3166, 4169, 2096];
// 16,108 registry, civil-status and electoral certificates (split between them here); 3,931 + 3,465 ID cards.
const targets = [
  { code: 'certificate', total: 13_500 },
  { code: 'civil-status-certificate', total: 1_508 },
  { code: 'electoral-certificate', total: 1_100 },
  { code: 'id-card-electronic', total: 3_931 },
  { code: 'id-card-paper', total: 3_465 },
];

describe('Scandicci’s first year, simulated and reported as published (16 Oct 2017 – 15 Oct 2018)', function () {
  this.timeout(300_000);
  let dir: string;
  let office: OfficeConfig;
  let summary: SimulationSummary;
  let hub: TestHub;
  let manager: string;
  let report: PeriodReport;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pc-scandicci-year-'));
    office = await loadOfficeConfig(demoPath);
    summary = await simulate({
      dbPath: join(dir, 'hub.db'), office, from: '2017-10-16', to: '2018-10-15', monthly: [...scandicci2017, ...scandicci2018], outcomes: targets, seed: 1,
    });
    hub = await startTestHub({ dir, office, clock: () => Date.parse('2018-10-16T07:00:00Z') });
    manager = await hub.loginAs('direttrice', 'manager');
    const answer = await hub.request('GET', '/api/reports/period?from=2017-10-16&to=2018-10-15', undefined, manager);
    expect(answer.status).to.equal(200);
    report = answer.body;
  });
  after(async () => {
    await hub?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('the simulator issued every month’s figure across the year boundary', () => {
    expect(summary.months.map((m) => m.month)).to.deep.equal([
      '2017-10', '2017-11', '2017-12', '2018-01', '2018-02', '2018-03', '2018-04', '2018-05', '2018-06', '2018-07', '2018-08', '2018-09', '2018-10',
    ]);
    expect(summary.months.map((m) => m.issued)).to.deep.equal([...scandicci2017, ...scandicci2018]);
  });

  it('44,415 accesses: 6,370 in 2017 and 38,045 in 2018, month by month, the edge months marked partial', () => {
    expect(report.total.issued).to.equal(44_415);
    expect(report.years).to.deep.equal([
      { year: 2017, from: '2017-10-16', to: '2017-12-31', issued: 6_370, served: report.years[0]!.served },
      { year: 2018, from: '2018-01-01', to: '2018-10-15', issued: 38_045, served: report.years[1]!.served },
    ]);
    expect(report.months.map((m) => m.issued)).to.deep.equal([...scandicci2017, ...scandicci2018]);
    expect(report.months.filter((m) => m.partial).map((m) => [m.month, m.from, m.to])).to.deep.equal([
      ['2017-10', '2017-10-16', '2017-10-31'],
      ['2018-10', '2018-10-01', '2018-10-15'],
    ]);
    expect(report.total.served).to.equal(summary.served);
  });

  it('16,108 certificates and 7,396 identity cards (3,931 electronic, 3,465 paper), by outcome group', () => {
    const group = (id: string) => report.groups.find((g) => g.id === id)!;
    expect(group('certificates').count).to.equal(16_108);
    expect(group('certificates').name.it).to.equal('Certificati');
    expect(group('certificates').outcomes.map((o) => [o.code, o.count])).to.deep.equal([
      ['certificate', 13_500], ['civil-status-certificate', 1_508], ['electoral-certificate', 1_100],
    ]);
    expect(group('id-cards').count).to.equal(7_396);
    expect(group('id-cards').outcomes.map((o) => [o.code, o.name.it, o.count])).to.deep.equal([
      ['id-card-electronic', 'Carta d’identità elettronica', 3_931],
      ['id-card-paper', 'Carta d’identità cartacea', 3_465],
    ]);
    const ungrouped = report.ungrouped.map((o) => o.code);
    expect(ungrouped).to.include.members(['information', 'second-level', 'self-declaration']);
    expect(ungrouped).to.not.include.members(targets.map((t) => t.code));
    const all = [...report.groups.flatMap((g) => g.outcomes), ...report.ungrouped].reduce((n, o) => n + o.count, 0);
    expect(report.total.outcomes).to.equal(all);
  });

  it('a range inside the year reads partial months from the daily rows: the months add up to the whole', async () => {
    const parts = await Promise.all(
      [['2017-10-16', '2018-03-10'], ['2018-03-11', '2018-10-15']].map(async ([from, to]) =>
        (await hub.request('GET', `/api/reports/period?from=${from}&to=${to}`, undefined, manager)).body as PeriodReport),
    );
    expect(parts[0]!.total.issued + parts[1]!.total.issued).to.equal(44_415);
    expect(parts[0]!.months.at(-1)).to.include({ month: '2018-03', partial: true, from: '2018-03-01', to: '2018-03-10' });
    expect(parts[0]!.months.at(-1)!.issued + parts[1]!.months[0]!.issued).to.equal(3_962);
    const certificates = (r: PeriodReport) => r.groups.find((g) => g.id === 'certificates')!.count;
    expect(certificates(parts[0]!) + certificates(parts[1]!)).to.equal(16_108);
  });

  it('CSV (months with year subtotals, deliverables by group) and XLSX carry the same figures', async () => {
    const get = (query: string) => fetch(`${hub.url}/api/reports/period?from=2017-10-16&to=2018-10-15&${query}`, { headers: { authorization: `Bearer ${manager}` } });
    const months = (await (await get('format=csv&lang=en')).text()).trim().split('\r\n').map((l) => l.split(','));
    expect(months[0]).to.deep.equal(['Month', 'From', 'To', 'Partial month', 'Tickets issued', 'Served']);
    const row = (first: string) => months.find((l) => l[0] === first)!;
    expect(row('2017 total')[4]).to.equal('6370');
    expect(row('2018 total')[4]).to.equal('38045');
    expect(row('Total')[4]).to.equal('44415');
    expect(row('2017-10')[3]).to.equal('yes');
    const deliverables = (await (await get('format=csv&table=deliverables&lang=en')).text()).trim().split('\r\n').map((l) => l.split(','));
    expect(deliverables.find((l) => l[0] === 'certificates' && l[2] === '')!.slice(1)).to.deep.equal(['Certificates', '', '', '16108']);
    expect(deliverables.find((l) => l[2] === 'id-card-paper')!.slice(3)).to.deep.equal(['Paper ID card', '3465']);
    const sheets = await readXlsxFile(Buffer.from(await (await get('format=xlsx')).arrayBuffer()));
    expect(sheets.map((s) => s.sheet)).to.deep.equal(['Accessi per mese', 'Prestazioni per gruppo']);
    expect(sheets[0]!.data.find((r) => r[0] === 'Totale 2017')![4]).to.equal(6_370);
    expect(sheets[0]!.data.find((r) => r[0] === 'Totale')![4]).to.equal(44_415);
  });

  it('refuses a bad range with a clear error', async () => {
    const refused = async (query: string) => {
      const answer = await hub.request('GET', `/api/reports/period?${query}`, undefined, manager);
      expect(answer.status, query).to.equal(400);
      return JSON.stringify(answer.body.error);
    };
    expect(await refused('from=2018-10-15&to=2017-10-16')).to.include('from must not be after to');
    expect(await refused('from=2015-01-01&to=2018-10-15')).to.include('three years');
    expect(await refused('from=2018-02-30&to=2018-03-01')).to.include('not a calendar day');
    expect(await refused('from=2018-01-01')).to.include('to');
    expect(await refused('from=2018-01-01&to=2018-01-31&service=x')).to.include('service');
    const clerk = await hub.loginAs('impiegata', 'clerk');
    expect((await hub.request('GET', '/api/reports/period?from=2018-01-01&to=2018-01-31', undefined, clerk)).status).to.equal(403);
  });
});
