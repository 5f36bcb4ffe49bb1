import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);

/** Calendar periods of office-local days ('YYYY-MM-DD' strings; no instants, so no time zone or DST involved). */

export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = dayjs.utc(from); d.format('YYYY-MM-DD') <= to; d = d.add(1, 'day')) days.push(d.format('YYYY-MM-DD'));
  return days;
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
