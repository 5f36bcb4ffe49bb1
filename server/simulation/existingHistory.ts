import { dayOf, dayStart, nextDay } from '../engine/calendar.ts';
import type { Db } from '../store/db.ts';
import { previousDay, SimulationError } from './days.ts';

/**
 * History can only be appended: a simulation may start on the first day the database has nothing on —
 * after its last ticket's day, not before the engine's current day, not before its last logged event.
 * Null for a database without any queue history.
 */
export async function firstFreeDay(db: Db, timeZone: string): Promise<string | null> {
  const tickets = await db.get<{ day: string | null }>('SELECT MAX(day) AS day FROM tickets');
  const meta = await db.get<{ value: string }>("SELECT value FROM engine_meta WHERE key = 'day'");
  const events = await db.get<{ at: number | null }>('SELECT MAX(at) AS at FROM events');
  const candidates: string[] = [];
  if (tickets?.day) candidates.push(nextDay(tickets.day));
  if (meta) candidates.push(JSON.parse(meta.value) as string);
  if (events?.at != null) {
    const day = dayOf(events.at, timeZone);
    // An event exactly at midnight (the rollover that starts a day) leaves that day free.
    candidates.push(events.at > dayStart(day, timeZone) ? nextDay(day) : day);
  }
  return candidates.length === 0 ? null : candidates.reduce((a, b) => (a > b ? a : b));
}

export async function refuseEarlierHistory(db: Db, timeZone: string, from: string): Promise<void> {
  const free = await firstFreeDay(db, timeZone);
  if (free !== null && from < free) {
    const last = previousDay(free);
    throw new SimulationError(
      `The database already holds days up to ${last}; history cannot be written before existing days. ` +
        `Simulate into a new database or after ${last} (--from ${free} or later).`,
    );
  }
}
