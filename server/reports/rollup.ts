import type { OfficeConfig } from '../../protocol/office.ts';
import type { DeskMode } from '../../protocol/views.ts';
import { dayStart, nextDay } from '../engine/calendar.ts';
import { defaultMode } from '../engine/state.ts';
import type { Database, Param } from '../store/db.ts';
import { ticketFromRow, type TicketRow } from '../store/rows.ts';
import { clerkDaySums } from './clerks.ts';
import { dayFigures, type DayFigures } from './dayFigures.ts';
import { monthOf } from './periods.ts';
import { dayHistograms, monthHistograms, statsColumns, statsFromDb, statsParams, sumStats, type StatsDbRow } from './statsRows.ts';

/**
 * Daily roll-ups: once an office day is over its tickets no longer change, so the hub boils each day
 * down to a few rows (`daily_stats`, `daily_arrivals`, `daily_desk_public`) and the reports read those
 * instead of every ticket. Days not rolled up yet (today) are computed on the fly the same way.
 * Each day is also added to its month's rows (`monthly_stats`), in the same transaction, for the reports
 * that merge histograms over long periods.
 */

/** The figures of one office day, straight from its tickets and the event log, counted up to `until`. */
export async function computeDay(db: Database, office: OfficeConfig, day: string, until = Number.POSITIVE_INFINITY): Promise<DayFigures> {
  const from = dayStart(day, office.timeZone);
  const to = dayStart(nextDay(day), office.timeZone);
  const tickets = (await db.all<TicketRow>('SELECT * FROM tickets WHERE day = ? ORDER BY id', [day])).map(ticketFromRow);
  const calls = await db.all<{ ticket_id: number; at: number }>(
    "SELECT ticket_id, MIN(at) AS at FROM events WHERE type = 'ticket:called' AND at >= ? AND at < ? GROUP BY ticket_id",
    [from, to],
  );
  const backDesks = [];
  for (const desk of office.desks.filter((d) => d.kind === 'back')) {
    const before = await db.get<{ data: string }>(
      "SELECT data FROM events WHERE type = 'desk:changed' AND desk_id = ? AND at < ? ORDER BY at DESC, seq DESC LIMIT 1",
      [desk.id, from],
    );
    const changes = await db.all<{ at: number; data: string }>(
      "SELECT at, data FROM events WHERE type = 'desk:changed' AND desk_id = ? AND at >= ? AND at < ? ORDER BY at, seq",
      [desk.id, from, to],
    );
    backDesks.push({
      deskId: desk.id,
      modeAtStart: before ? (JSON.parse(before.data) as { to: DeskMode }).to : defaultMode(desk.kind),
      changes: changes.map((c) => ({ at: c.at, ...(JSON.parse(c.data) as { from: DeskMode; to: DeskMode }) })),
    });
  }
  return dayFigures(office, { day, tickets, firstCalls: new Map(calls.map((c) => [c.ticket_id, c.at])), backDesks, until });
}

/** The newest day already rolled up, or '' when none is. */
export async function lastRolledUpDay(db: Database): Promise<string> {
  return (await db.get<{ day: string | null }>('SELECT MAX(day) AS day FROM rolled_up_days'))?.day ?? '';
}

/**
 * Rolls up every day with tickets after the last one rolled up and strictly before `beforeDay` (the
 * hub's current day). Each day is written in its own short transaction. Returns how many days it wrote.
 */
export async function rollUpClosedDays(db: Database, office: OfficeConfig, beforeDay: string): Promise<number> {
  const last = await lastRolledUpDay(db);
  const days = await db.all<{ day: string }>('SELECT DISTINCT day FROM tickets WHERE day > ? AND day < ? ORDER BY day', [last, beforeDay]);
  for (const { day } of days) await writeDay(db, day, await computeDay(db, office, day));
  return days.length;
}

async function writeDay(db: Database, day: string, figures: DayFigures): Promise<void> {
  const month = monthOf(day);
  await db.transaction(async (tx) => {
    // sqlite3 orders the runs of one prepared statement, not those of different ones: the deletes finish first.
    for (const table of ['daily_stats', 'daily_arrivals', 'daily_desk_public', 'daily_clerk_stats']) await tx.run(`DELETE FROM ${table} WHERE day = ?`, [day]);
    const monthSoFar = (await tx.all<StatsDbRow>(`SELECT ${statsColumns} FROM monthly_stats WHERE month = ?`, [month])).map((r) => statsFromDb(r, day, monthHistograms));
    const writes: Promise<unknown>[] = [];
    const run = (sql: string, params: Param[]) => writes.push(tx.run(sql, params));
    for (const s of figures.stats) run(`INSERT INTO daily_stats (day, ${statsColumns}) VALUES (?, ${placeholders})`, [s.day, ...statsParams(s, dayHistograms)]);
    for (const s of sumStats([...monthSoFar, ...figures.stats], day)) {
      run(`INSERT INTO monthly_stats (month, ${statsColumns}) VALUES (?, ${placeholders}) ${monthConflict}`, [month, ...statsParams(s, monthHistograms)]);
    }
    for (const a of figures.arrivals) run('INSERT INTO daily_arrivals VALUES (?, ?, ?, ?, ?, ?)', [a.day, a.serviceId, a.hour, a.arrivals, a.waits, a.waitMs]);
    for (const d of figures.deskPublic) run('INSERT INTO daily_desk_public VALUES (?, ?, ?)', [d.day, d.deskId, d.publicMs]);
    run(`INSERT INTO daily_clerk_stats ${clerkDaySums}`, [day, day]); // per clerk, from the day's tickets (clerks.ts)
    await Promise.all(writes);
    // Last, so that a report reading on the same connection meanwhile (the simulator's) never takes a half-written day as rolled up.
    await tx.run('INSERT INTO rolled_up_days (day) VALUES (?) ON CONFLICT DO NOTHING', [day]);
  });
}

const placeholders = statsColumns.split(',').map(() => '?').join(', ');
/** A month's row written again replaces the one before (SQL both engines accept, unlike SQLite's INSERT OR REPLACE). */
const monthConflict = `ON CONFLICT (month, service_id, desk_id) DO UPDATE SET ${statsColumns
  .split(', ')
  .filter((c) => c !== 'service_id' && c !== 'desk_id')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ')}`;
