import type { OutcomesReport } from '../../protocol/reports.ts';
import { addTo, type Histogram, type StatsRow } from './dayFigures.ts';
import { monthOf, periodsBetween } from './periods.ts';

/** What was delivered: outcome counts and citizens served per service, per month. */
export function outcomesReport(rows: readonly StatsRow[], from: string, to: string): OutcomesReport {
  const months = new Map(periodsBetween(from, to, 'month').map((m) => [m, { outcomes: {} as Histogram, servedByService: {} as Histogram }]));
  const total = { outcomes: {} as Histogram, servedByService: {} as Histogram };
  for (const r of rows) {
    const month = months.get(monthOf(r.day));
    if (!month) continue;
    for (const target of [month, total]) {
      for (const [code, count] of Object.entries(r.outcomes)) addTo(target.outcomes, code, count);
      if (r.served > 0) addTo(target.servedByService, r.serviceId, r.served);
    }
  }
  const codes = Object.entries(total.outcomes)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([code]) => code);
  return { from, to, codes, months: [...months].map(([month, m]) => ({ month, ...m })), total };
}
