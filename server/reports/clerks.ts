import { secondLevelOutcome } from '../../protocol/appointmentTerms.ts';
import type { ClerkFigures, ClerksReport, ReportFilter } from '../../protocol/reports.ts';
import { nextDay } from '../engine/calendar.ts';
import type { Database, Param } from '../store/db.ts';
import { lastRolledUpDay } from './rollup.ts';
import { minutes } from './spread.ts';
import type { Table } from './tables.ts';
import { firstContact } from './times.ts';

/**
 * Per-clerk figures (managers only: usernames are personal data): for each clerk who held the desk when a
 * ticket was last called (`tickets.called_by`), the tickets served, the average service time (last call to
 * the end, as the other reports count it) and first-contact resolution (served tickets not sent on to a
 * second-level appointment, as the Times report counts them).
 *
 * Closed days are read from their roll-up (`daily_clerk_stats`, migration 0013, written with the day's other
 * roll-ups); days not rolled up yet (today) from the tickets with the same sums. Reading a year of raw tickets
 * took 150–230 ms for 48,000 tickets; the roll-up keeps it to a few milliseconds.
 */

type Filter = Pick<ReportFilter, 'from' | 'to' | 'service' | 'desk'>;
interface Sums {
  username: string;
  served: number;
  serviceMs: number;
  secondLevel: number;
}

/**
 * A ticket's outcomes are stored as `[{"code":…,"count":…}]` and codes are ids (no quotes), so the text
 * `"code":"second-level"` in them means exactly that outcome, without parsing the JSON of every row.
 */
const secondLevelText = JSON.stringify({ code: secondLevelOutcome }).slice(1, -1);

/** The sums per day, clerk, service and desk of the tickets served on the days `BETWEEN ? AND ?`: the roll-up's rows. */
export const clerkDaySums = `SELECT day, called_by, service_id, COALESCE(desk_id, ''), COUNT(*), SUM(CASE WHEN finished_at > COALESCE(called_at, finished_at) THEN finished_at - called_at ELSE 0 END),
    SUM(CASE WHEN outcomes LIKE '%${secondLevelText}%' THEN 1 ELSE 0 END)
  FROM tickets WHERE day BETWEEN ? AND ? AND status = 'done' AND called_by IS NOT NULL
  GROUP BY day, called_by, service_id, COALESCE(desk_id, '')`;

function filtered(filter: Filter, sql: string[], params: Param[]) {
  if (filter.service !== undefined) (sql.push('service_id = ?'), params.push(filter.service));
  if (filter.desk !== undefined) (sql.push('desk_id = ?'), params.push(filter.desk));
  return sql.join(' AND ');
}

export async function clerksReport(db: Database, filter: Filter, target: number): Promise<ClerksReport> {
  const rolledUntil = await lastRolledUpDay(db);
  const rows: Sums[] = [];
  if (rolledUntil !== '' && filter.from <= rolledUntil) {
    const params: Param[] = [filter.from, filter.to < rolledUntil ? filter.to : rolledUntil];
    const where = filtered(filter, ['day BETWEEN ? AND ?'], params);
    rows.push(...(await db.all<Sums>(
      `SELECT username, SUM(served) AS served, SUM(service_ms) AS "serviceMs", SUM(second_level) AS "secondLevel"
       FROM daily_clerk_stats WHERE ${where} GROUP BY username`,
      params,
    )));
  }
  const firstLive = rolledUntil === '' || filter.from > rolledUntil ? filter.from : nextDay(rolledUntil);
  if (firstLive <= filter.to) {
    const params: Param[] = [firstLive, filter.to];
    const where = filtered(filter, ['day BETWEEN ? AND ?', "status = 'done'", 'called_by IS NOT NULL'], params);
    rows.push(...(await db.all<Sums>(
      `SELECT called_by AS username, COUNT(*) AS served, SUM(CASE WHEN finished_at > COALESCE(called_at, finished_at) THEN finished_at - called_at ELSE 0 END) AS "serviceMs",
         SUM(CASE WHEN outcomes LIKE '%${secondLevelText}%' THEN 1 ELSE 0 END) AS "secondLevel"
       FROM tickets WHERE ${where} GROUP BY called_by`,
      params,
    )));
  }
  const byClerk = new Map<string, Sums>();
  for (const r of rows) {
    const sum = byClerk.get(r.username);
    if (!sum) byClerk.set(r.username, { ...r });
    else (sum.served += r.served, sum.serviceMs += r.serviceMs, sum.secondLevel += r.secondLevel);
  }
  const figures = (s: Omit<Sums, 'username'>): Omit<ClerkFigures, 'username'> => ({
    served: s.served,
    avgServiceMinutes: minutes(s.serviceMs, s.served),
    ...firstContact(s.served, s.secondLevel),
  });
  const clerks = [...byClerk.values()].sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
  const total = clerks.reduce((t, c) => ({ served: t.served + c.served, serviceMs: t.serviceMs + c.serviceMs, secondLevel: t.secondLevel + c.secondLevel }), { served: 0, serviceMs: 0, secondLevel: 0 });
  return { from: filter.from, to: filter.to, clerks: clerks.map((c) => ({ username: c.username, ...figures(c) })), total: figures(total), target };
}

const clerkColumns = ['served', 'avgServiceMinutes', 'firstLevel', 'secondLevel', 'rate'] as const;

export function clerksTables(r: ClerksReport): Table[] {
  const cells = (f: Omit<ClerkFigures, 'username'>) => clerkColumns.map((c) => f[c]);
  return [{ id: 'clerks', columns: ['username', ...clerkColumns], rows: [...r.clerks.map((c) => [c.username, ...cells(c)]), ['total', ...cells(r.total)]] }];
}
