import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import { dayOf, nextDay } from '../engine/calendar.ts';

dayjs.extend(utc);

/** Calendar days ('YYYY-MM-DD') and months ('YYYY-MM') of a simulated range. Pure. */

export class SimulationError extends Error {
  override readonly name = 'SimulationError';
}

/** A real calendar day written 'YYYY-MM-DD' (2018-02-30 is not one). */
export function isCalendarDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && dayjs.utc(text).format('YYYY-MM-DD') === text;
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = nextDay(d)) days.push(d);
  return days;
}

export function previousDay(day: string): string {
  return dayjs.utc(day).subtract(1, 'day').format('YYYY-MM-DD');
}

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** The calendar months the range touches, in order: one monthly figure is expected for each. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = dayjs.utc(monthOf(from) + '-01'); m.format('YYYY-MM') <= monthOf(to); m = m.add(1, 'month')) {
    months.push(m.format('YYYY-MM'));
  }
  return months;
}

/** Checks a range and its monthly figures; throws a SimulationError that says what is wrong. */
export function checkRange(from: string, to: string, monthly: readonly number[]): string[] {
  for (const [name, day] of [['from', from], ['to', to]] as const) {
    if (!isCalendarDay(day)) throw new SimulationError(`--${name} must be a calendar day written YYYY-MM-DD, not "${day}".`);
  }
  if (from > to) throw new SimulationError(`--from ${from} is after --to ${to}.`);
  const months = monthsBetween(from, to);
  if (monthly.length !== months.length) {
    throw new SimulationError(
      `--monthly needs exactly one figure per month from ${months[0]} to ${months.at(-1)} (${months.length}), got ${monthly.length}.`,
    );
  }
  monthly.forEach((n, i) => {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new SimulationError(`--monthly figures are whole numbers of tickets, ≥ 0; the one for ${months[i]} is "${n}".`);
    }
  });
  return months;
}

/**
 * Only days that are over may be simulated. A simulated today would hold tickets for hours that have not
 * happened yet, its numbers would collide with the ones a live hub gives out, and the day would be closed at
 * midnight ahead of time; stopping at the present moment instead would leave made-up citizens waiting in the
 * live queue. So a range that reaches today (office-local) or the future is refused, before anything is written.
 */
export function refuseUnfinishedDays(to: string, now: number, timeZone: string): void {
  const today = dayOf(now, timeZone);
  if (to < today) return;
  throw new SimulationError(
    `--to ${to} is ${to === today ? 'today' : 'in the future'} in the office's time zone (${timeZone}): the simulator writes only days ` +
      `that are over, so that a hub opened on this database today finds today untouched. End the range on ${previousDay(today)} or earlier.`,
  );
}
