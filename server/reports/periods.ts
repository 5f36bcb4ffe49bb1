import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);

/** Calendar periods of office-local days ('YYYY-MM-DD' strings; no instants, so no time zone or DST involved). */

const dayMs = 86_400_000;
const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Every day from `from` to `to`, both included, as dayjs counts them (a day past the month's end rolls over).
 * Counted on UTC milliseconds: a year's list costs well under a millisecond, where dayjs's add and format took
 * 15–35 ms, a good part of a times report.
 */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const parts = isoDay.exec(from);
  if (!parts) {
    for (let d = dayjs.utc(from); d.format('YYYY-MM-DD') <= to; d = d.add(1, 'day')) days.push(d.format('YYYY-MM-DD'));
    return days;
  }
  for (let t = Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])); ; t += dayMs) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (day > to) return days;
    days.push(day);
  }
}

/** The Monday that starts the week of a day. */
export function weekOf(day: string): string {
  const d = dayjs.utc(day);
  return d.subtract((d.day() + 6) % 7, 'day').format('YYYY-MM-DD');
}

export const monthOf = (day: string) => day.slice(0, 7);

export function periodOf(day: string, by: 'day' | 'week' | 'month'): string {
  return by === 'day' ? day : by === 'week' ? weekOf(day) : monthOf(day);
}

/** Every period a range of days touches, in order. */
export function periodsBetween(from: string, to: string, by: 'day' | 'week' | 'month'): string[] {
  return [...new Set(daysBetween(from, to).map((d) => periodOf(d, by)))];
}

/** The last day of a year's month ('YYYY-MM'). */
export function yearRange(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}
