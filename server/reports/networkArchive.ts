import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import type { ArchiveCount, NetworkArchive, OutcomeCatalogue } from '../../protocol/catalogue.ts';
import type { OutcomeName } from '../../protocol/outcomes.ts';
import type { StatsRow } from './dayFigures.ts';
import type { ExportLang, ExportNames } from './exportLabels.ts';
import { monthOf, periodsBetween } from './periods.ts';
import type { Table } from './tables.ts';

dayjs.extend(utc);

/**
 * The network's anonymous archive (issue 22, Celano's "archivio anonimo"): what the offices recorded, counted
 * per month × office × service × outcome and added up by the catalogue's groups. It reads only the offices'
 * roll-up rows (`Reports.monthRows`: month rows, and day rows at a month's edge or not rolled up yet), which
 * hold counts, never a ticket or a name. Pure.
 */

/** The office days a range of months covers: its first month's first day to its last month's last day. */
export function monthsRange(from: string, to: string): { from: string; to: string } {
  return { from: `${from}-01`, to: dayjs.utc(`${to}-01`).endOf('month').format('YYYY-MM-DD') };
}

export interface ArchiveOffice {
  id: string;
  name: string;
  services: readonly { id: string; name: OutcomeName }[];
  rows: readonly StatsRow[];
}

export function networkArchive(offices: readonly ArchiveOffice[], catalogue: OutcomeCatalogue, range: { from: string; to: string; service?: string | undefined }): NetworkArchive {
  const months = periodsBetween(`${range.from}-01`, monthsRange(range.from, range.to).to, 'month');
  const inRange = new Set(months);
  const groupAt = new Map(catalogue.groups.map((g, i) => [g.id, i]));
  const groupOfCode = new Map(catalogue.outcomes.map((o) => [o.code, o.group === undefined ? undefined : groupAt.get(o.group)]));
  // Summed in a Map keyed by month, office, service and code ("\0" never appears in an id).
  const sums = new Map<string, ArchiveCount>();
  for (const office of offices) {
    for (const r of office.rows) {
      const month = monthOf(r.day);
      if (!inRange.has(month) || (range.service !== undefined && r.serviceId !== range.service)) continue;
      for (const code of Object.keys(r.outcomes)) {
        const key = [month, office.id, r.serviceId, code].join('\u0000');
        const sum = sums.get(key) ?? { month, officeId: office.id, serviceId: r.serviceId, code, count: 0 };
        sum.count += r.outcomes[code]!;
        sums.set(key, sum);
      }
    }
  }
  const officeOrder = new Map(offices.map((o, i) => [o.id, i]));
  const counts = [...sums.values()]
    .filter((c) => c.count > 0)
    .sort((a, b) => a.month.localeCompare(b.month) || officeOrder.get(a.officeId)! - officeOrder.get(b.officeId)! || a.serviceId.localeCompare(b.serviceId) || a.code.localeCompare(b.code));

  const line = () => ({ groups: catalogue.groups.map(() => 0), ungrouped: 0, total: 0 });
  const byMonth = new Map(months.map((m) => [m, line()]));
  const total = line();
  for (const c of counts) {
    const at = groupOfCode.get(c.code);
    for (const target of [byMonth.get(c.month)!, total]) {
      if (at === undefined) target.ungrouped += c.count;
      else target.groups[at]! += c.count;
      target.total += c.count;
    }
  }
  const services = new Map<string, OutcomeName>();
  for (const o of offices) for (const s of o.services) if (!services.has(s.id)) services.set(s.id, { ...s.name });
  return {
    from: range.from,
    to: range.to,
    service: range.service ?? null,
    months,
    offices: offices.map((o) => ({ id: o.id, name: o.name })),
    services: [...services].map(([id, name]) => ({ id, name })),
    groups: catalogue.groups.map((g) => ({ id: g.id, name: { ...g.name } })),
    counts,
    byGroup: months.map((month) => ({ month, ...byMonth.get(month)! })),
    total,
  };
}

/** The archive as files: every count (`counts`), and the months by outcome group (`groups`), in `lang`. */
export function networkArchiveTables(r: NetworkArchive, catalogue: OutcomeCatalogue, lang: ExportLang): Table[] {
  const officeName = new Map(r.offices.map((o) => [o.id, o.name]));
  const outcomeName = new Map(catalogue.outcomes.map((o) => [o.code, o.name[lang]]));
  return [
    {
      id: 'counts',
      columns: ['month', 'officeId', 'officeName', 'serviceId', 'code', 'outcomeName', 'count'],
      rows: r.counts.map((c) => [c.month, c.officeId, officeName.get(c.officeId) ?? c.officeId, c.serviceId, c.code, outcomeName.get(c.code) ?? c.code, c.count]),
    },
    {
      id: 'groups',
      columns: ['month', ...r.groups.map((g) => g.name[lang]), 'ungrouped', 'total'],
      rows: [...r.byGroup, { month: 'total', ...r.total }].map((m) => [m.month, ...m.groups, m.ungrouped, m.total]),
    },
  ];
}

/** The names a network file shows beside ids: the services of every office (desks belong to no network table). */
export function networkExportNames(r: NetworkArchive, lang: ExportLang): ExportNames {
  return { lang, services: new Map(r.services.map((s) => [s.id, s.name[lang]])), desks: new Map(), outcomes: new Map() };
}
