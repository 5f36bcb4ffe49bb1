import type { ServiceMonthsReport } from '../../protocol/reports.ts';
import type { StatsRow } from './dayFigures.ts';
import { monthOf, periodsBetween } from './periods.ts';
import type { Table } from './tables.ts';

/**
 * Accesses (tickets issued) per service and month, the way offices publish them, from the roll-ups: a ticket
 * counts in the month it was issued, under the service it ended with (as every report's service filter).
 * `services` lists the office's services first, in its order, then any other service the period holds.
 */
export function serviceMonthsReport(rows: readonly StatsRow[], from: string, to: string, officeServices: readonly string[]): ServiceMonthsReport {
  const months = periodsBetween(from, to, 'month');
  const column = new Map(months.map((m, i) => [m, i]));
  const counts = new Map<string, number[]>(officeServices.map((s) => [s, months.map(() => 0)]));
  for (const r of rows) {
    const i = column.get(monthOf(r.day));
    if (i === undefined || r.issued === 0) continue;
    let line = counts.get(r.serviceId);
    if (!line) counts.set(r.serviceId, (line = months.map(() => 0)));
    line[i]! += r.issued;
  }
  const services = [...counts].map(([serviceId, issued]) => ({ serviceId, issued, total: issued.reduce((a, b) => a + b, 0) }));
  const monthTotals = months.map((_, i) => services.reduce((n, s) => n + s.issued[i]!, 0));
  return { from, to, months, services, monthTotals, total: monthTotals.reduce((a, b) => a + b, 0) };
}

export function serviceMonthsTables(r: ServiceMonthsReport): Table[] {
  return [
    {
      id: 'issuedByService',
      columns: ['serviceId', ...r.months, 'total'],
      rows: [...r.services.map((s) => [s.serviceId, ...s.issued, s.total]), ['total', ...r.monthTotals, r.total]],
    },
  ];
}
