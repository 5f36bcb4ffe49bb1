import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import { weekdays, type OfficeConfig } from '../../protocol/office.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Calendar arithmetic in the office's time zone. Pure: every instant is passed in as epoch milliseconds. */

export interface Interval {
  from: number;
  to: number;
}

/** The office-local calendar day ('YYYY-MM-DD') of an instant. */
export function dayOf(now: number, timeZone: string): string {
  return dayjs(now).tz(timeZone).format('YYYY-MM-DD');
}

/** The office-local wall-clock time ('HH:mm') of an instant. */
export function timeOf(now: number, timeZone: string): string {
  return dayjs(now).tz(timeZone).format('HH:mm');
}

/** The instant a local wall-clock time happens on a day ('24:00' is the next midnight). */
export function localInstant(day: string, hhmm: string, timeZone: string): number {
  if (hhmm === '24:00') return dayStart(nextDay(day), timeZone);
  return dayjs.tz(`${day} ${hhmm}`, 'YYYY-MM-DD HH:mm', timeZone).valueOf();
}

export function dayStart(day: string, timeZone: string): number {
  return dayjs.tz(`${day} 00:00`, 'YYYY-MM-DD HH:mm', timeZone).valueOf();
}

export function nextDay(day: string): string {
  return dayjs.utc(day).add(1, 'day').format('YYYY-MM-DD');
}

export function weekdayOf(day: string): (typeof weekdays)[number] {
  // dayjs: 0 = Sunday … 6 = Saturday.
  return weekdays[(dayjs.utc(day).day() + 6) % 7]!;
}

export interface LocalInterval {
  open: string;
  close: string;
}

/**
 * The day's opening hours as wall-clock intervals: none on a closed date, a special day's own hours
 * (none when it is closed all day), else its weekday's.
 */
export function hoursOfDay(office: Pick<OfficeConfig, 'closedDates' | 'specialDays' | 'openingHours'>, day: string): readonly LocalInterval[] {
  if (office.closedDates.includes(day)) return [];
  const special = office.specialDays.find((d) => d.date === day);
  if (special) return special.hours;
  return office.openingHours[weekdayOf(day)] ?? [];
}

/** The day's opening intervals as instants; none on closed dates and days without hours. */
export function openingIntervals(office: OfficeConfig, day: string): Interval[] {
  return hoursOfDay(office, day).map((h) => ({
    from: localInstant(day, h.open, office.timeZone),
    to: localInstant(day, h.close, office.timeZone),
  }));
}

export function isWithin(intervals: readonly Interval[], now: number): boolean {
  return intervals.some((i) => now >= i.from && now < i.to);
}
