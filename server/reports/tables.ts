import type { PeriodReport } from '../../protocol/periodReport.ts';
import { countIn, type AccessFigures, type AccessesReport, type HeatmapReport, type MonthlyReport, type OutcomesReport, type TimesReport, type TimesRow } from '../../protocol/reports.ts';

/** Reports as plain tables (one per CSV file, one per XLSX sheet). Column names are the JSON field names. */
export interface Table {
  id: string;
  columns: string[];
  rows: (string | number)[][];
}

// `cancelled` last: it came later (issue 18), and a spreadsheet built on the first columns keeps working.
const accessColumns = ['issued', 'served', 'noShows', 'avgWaitMinutes', 'avgServiceMinutes', 'cancelled'] as const;
const accessCells = (f: AccessFigures) => accessColumns.map((c) => f[c]);

export function monthlyTables(r: MonthlyReport): Table[] {
  return [{ id: 'months', columns: ['month', ...accessColumns], rows: [...r.months.map((m) => [m.month, ...accessCells(m)]), ['total', ...accessCells(r.total)]] }];
}

export function accessesTables(r: AccessesReport): Table[] {
  return [{ id: 'periods', columns: [r.by, ...accessColumns], rows: [...r.rows.map((p) => [p.period, ...accessCells(p)]), ['total', ...accessCells(r.total)]] }];
}

export function outcomesTables(r: OutcomesReport): Table[] {
  const services = Object.keys(r.total.servedByService).sort();
  return [
    { id: 'outcomes', columns: ['month', ...r.codes], rows: [...r.months, { month: 'total', ...r.total }].map((m) => [m.month, ...r.codes.map((c) => countIn(m.outcomes, c))]) },
    { id: 'services', columns: ['month', ...services], rows: [...r.months, { month: 'total', ...r.total }].map((m) => [m.month, ...services.map((s) => countIn(m.servedByService, s))]) },
  ];
}

const timesCells = (group: string, t: TimesRow) => [
  group, t.key, t.served, t.noShows, t.noShowRate, t.transfers,
  t.wait.mean, t.wait.median, t.wait.p90, t.service.mean, t.service.median, t.service.p90,
];

export function timesTables(r: TimesReport): Table[] {
  return [
    {
      id: 'times',
      columns: ['group', 'key', 'served', 'noShows', 'noShowRate', 'transfers', 'waitMean', 'waitMedian', 'waitP90', 'serviceMean', 'serviceMedian', 'serviceP90'],
      rows: [timesCells('all', r.overall), ...r.byService.map((t) => timesCells('service', t)), ...r.byDesk.map((t) => timesCells('desk', t))],
    },
    {
      id: 'firstContact',
      columns: ['serviceId', 'firstLevel', 'secondLevel', 'rate', 'target'],
      rows: [{ serviceId: 'all', ...r.firstContact }, ...r.firstContact.byService].map((f) => [f.serviceId, f.firstLevel, f.secondLevel, f.rate, r.firstContact.target]),
    },
    { id: 'backDesks', columns: ['deskId', 'publicMinutes'], rows: r.backDesks.map((d) => [d.deskId, d.publicMinutes]) },
  ];
}

export function heatmapTables(r: HeatmapReport): Table[] {
  return [{ id: 'heatmap', columns: ['weekday', 'hour', 'arrivals', 'arrivalsPerDay', 'avgWaitMinutes'], rows: r.cells.map((c) => [c.weekday, c.hour, c.arrivals, c.arrivalsPerDay, c.avgWaitMinutes]) }];
}

/** The period report as two tables: accesses by month with year subtotals, and deliverables by group. */
export function periodTables(r: PeriodReport, lang: 'it' | 'en'): Table[] {
  const yearTotal = (year: number) => (lang === 'it' ? `Totale ${year}` : `${year} total`);
  const yearRows = (year: number) => r.years.filter((y) => y.year === year).map((y) => [yearTotal(y.year), y.from, y.to, '', y.issued, y.served]);
  const monthRows: (string | number)[][] = [];
  r.months.forEach((m, i) => {
    monthRows.push([m.month, m.from, m.to, m.partial ? 'yes' : 'no', m.issued, m.served]);
    const year = Number(m.month.slice(0, 4));
    if (r.months[i + 1]?.month.slice(0, 4) !== m.month.slice(0, 4)) monthRows.push(...yearRows(year));
  });
  const deliverables: (string | number)[][] = [];
  for (const g of r.groups) {
    deliverables.push([g.id, g.name[lang], '', '', g.count]);
    for (const o of g.outcomes) deliverables.push([g.id, g.name[lang], o.code, o.name[lang], o.count]);
  }
  for (const o of r.ungrouped) deliverables.push(['', '', o.code, o.name[lang], o.count]);
  deliverables.push(['total', '', '', '', r.total.outcomes]);
  return [
    { id: 'months', columns: ['month', 'from', 'to', 'partial', 'issued', 'served'], rows: [...monthRows, ['total', r.from, r.to, '', r.total.issued, r.total.served]] },
    { id: 'deliverables', columns: ['group', 'groupName', 'code', 'name', 'count'], rows: deliverables },
  ];
}
