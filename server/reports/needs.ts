import { callNeeds, type CallNeed } from '../../protocol/needs.ts';
import type { NeedsReport, ReportFilter } from '../../protocol/reports.ts';
import type { Database, Param } from '../store/db.ts';
import { monthOf, periodsBetween } from './periods.ts';
import type { Table } from './tables.ts';

/**
 * Calls that fit each person, counted: per month, how many tickets asked for each need. Read from the tickets
 * themselves (few ask, and a partial index holds just those), so it needs no roll-up of its own.
 */
export async function needsReport(db: Database, filter: Pick<ReportFilter, 'from' | 'to' | 'service' | 'desk'>): Promise<NeedsReport> {
  const where = ["day BETWEEN ? AND ?", "needs <> '[]'"];
  const params: Param[] = [filter.from, filter.to];
  if (filter.service !== undefined) (where.push('service_id = ?'), params.push(filter.service));
  if (filter.desk !== undefined) (where.push('desk_id = ?'), params.push(filter.desk));
  const rows = await db.all<{ day: string; needs: string }>(`SELECT day, needs FROM tickets WHERE ${where.join(' AND ')} ORDER BY id`, params);

  const empty = () => ({ tickets: 0, counts: Object.fromEntries(callNeeds.map((n) => [n, 0])) as Record<CallNeed, number> });
  const months = new Map(periodsBetween(filter.from, filter.to, 'month').map((m) => [m, empty()]));
  const total = empty();
  for (const row of rows) {
    const month = months.get(monthOf(row.day));
    const stored: unknown = JSON.parse(row.needs);
    const needs = Array.isArray(stored) ? callNeeds.filter((n) => stored.includes(n)) : [];
    if (!month || needs.length === 0) continue;
    for (const target of [month, total]) {
      target.tickets++;
      for (const n of needs) target.counts[n]++;
    }
  }
  return { from: filter.from, to: filter.to, needs: [...callNeeds], months: [...months].map(([month, m]) => ({ month, ...m })), total };
}

export function needsTables(r: NeedsReport): Table[] {
  const row = (label: string, m: NeedsReport['total']) => [label, m.tickets, ...r.needs.map((n) => m.counts[n])];
  return [{ id: 'needs', columns: ['month', 'tickets', ...r.needs], rows: [...r.months.map((m) => row(m.month, m)), row('total', r.total)] }];
}
