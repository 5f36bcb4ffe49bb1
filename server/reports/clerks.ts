import { secondLevelOutcome } from '../../protocol/appointmentTerms.ts';
import type { ClerkFigures, ClerksReport, ReportFilter } from '../../protocol/reports.ts';
import type { Database, Param } from '../store/db.ts';
import { minutes } from './spread.ts';
import type { Table } from './tables.ts';
import { firstContact } from './times.ts';

/**
 * Per-clerk figures (managers only: usernames are personal data): for each clerk who held the desk when a
 * ticket was last called (`tickets.called_by`), the tickets served, the average service time (last call to
 * the end, as the other reports count it) and first-contact resolution (served tickets not sent on to a
 * second-level appointment, as the Times report counts them).
 *
 * Read from the tickets with one grouped query through the `tickets_by_day` index, so there is no roll-up of
 * its own. A ticket's outcomes are stored as `[{"code":…,"count":…}]`, and codes are ids (no quotes), so the
 * text `"code":"second-level"` in them means exactly that outcome, without parsing the JSON of every row.
 */
export async function clerksReport(db: Database, filter: Pick<ReportFilter, 'from' | 'to' | 'service' | 'desk'>, target: number): Promise<ClerksReport> {
  const where = ["day BETWEEN ? AND ?", "status = 'done'", 'called_by IS NOT NULL'];
  const params: Param[] = [filter.from, filter.to];
  if (filter.service !== undefined) (where.push('service_id = ?'), params.push(filter.service));
  if (filter.desk !== undefined) (where.push('desk_id = ?'), params.push(filter.desk));
  const rows = await db.all<{ username: string; served: number; serviceMs: number; secondLevel: number }>(
    `SELECT called_by AS username, COUNT(*) AS served, SUM(MAX(0, finished_at - COALESCE(called_at, finished_at))) AS serviceMs,
       SUM(instr(outcomes, ?) > 0) AS secondLevel
     FROM tickets WHERE ${where.join(' AND ')} GROUP BY called_by ORDER BY called_by`,
    [JSON.stringify({ code: secondLevelOutcome }).slice(1, -1), ...params],
  );
  const figures = (served: number, serviceMs: number, secondLevel: number): Omit<ClerkFigures, 'username'> => ({
    served,
    avgServiceMinutes: minutes(serviceMs, served),
    ...firstContact(served, secondLevel),
  });
  const sum = (k: 'served' | 'serviceMs' | 'secondLevel') => rows.reduce((n, r) => n + r[k], 0);
  return {
    from: filter.from,
    to: filter.to,
    clerks: rows.map((r) => ({ username: r.username, ...figures(r.served, r.serviceMs, r.secondLevel) })),
    total: figures(sum('served'), sum('serviceMs'), sum('secondLevel')),
    target,
  };
}

const clerkColumns = ['served', 'avgServiceMinutes', 'firstLevel', 'secondLevel', 'rate'] as const;

export function clerksTables(r: ClerksReport): Table[] {
  const cells = (f: Omit<ClerkFigures, 'username'>) => clerkColumns.map((c) => f[c]);
  return [{ id: 'clerks', columns: ['username', ...clerkColumns], rows: [...r.clerks.map((c) => [c.username, ...cells(c)]), ['total', ...cells(r.total)]] }];
}
