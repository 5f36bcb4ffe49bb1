import { weekdays, type OfficeConfig, type Weekday } from '../../../protocol/office.ts';
import { isDay } from '../dates.ts';

export interface TimeInterval {
  open: string;
  close: string;
}
type WeekHours = OfficeConfig['openingHours'];
/** Intervals per weekday, every weekday present (a closed day with none). */
export type WeekForm = Record<Weekday, TimeInterval[]>;

/** Opening hours per weekday and the closed dates. */
export interface HoursForm {
  days: WeekForm;
  closedDates: string[];
}

export function weekToForm(hours: WeekHours): WeekForm {
  return Object.fromEntries(weekdays.map((d) => [d, (hours[d] ?? []).map((i) => ({ ...i }))])) as WeekForm;
}

export function hoursToForm(office: Pick<OfficeConfig, 'openingHours' | 'closedDates'>): HoursForm {
  return { days: weekToForm(office.openingHours), closedDates: [...office.closedDates].sort() };
}

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Whether one of the intervals is not "HH:MM"–"HH:MM" with the opening first. */
export const badInterval = (intervals: readonly TimeInterval[]) => intervals.some((i) => !hhmm.test(i.open) || !hhmm.test(i.close) || i.open >= i.close);

/** Whether two intervals (each well formed) overlap. */
export function overlapping(intervals: readonly TimeInterval[]): boolean {
  const sorted = [...intervals].sort((a, b) => a.open.localeCompare(b.open));
  return sorted.some((i, n) => n > 0 && i.open < sorted[n - 1]!.close);
}

/** The weekdays whose intervals are wrong. */
export const badWeekdays = (days: WeekForm): Weekday[] => weekdays.filter((d) => badInterval(days[d]));

/** Intervals in order, as the config holds them. */
export const sortedIntervals = (intervals: readonly TimeInterval[]): TimeInterval[] =>
  [...intervals].sort((a, b) => a.open.localeCompare(b.open)).map((i) => ({ open: i.open, close: i.close }));

/** The config's week: days without intervals left out (closed), intervals in order. */
export function weekFromForm(days: WeekForm): WeekHours {
  const hours: WeekHours = {};
  for (const day of weekdays) if (days[day].length > 0) hours[day] = sortedIntervals(days[day]);
  return hours;
}

/** Catalogue keys with params for what is wrong (an interval that ends before it starts, a bad date). */
export function hoursProblems(form: HoursForm, specialDates: readonly string[] = []): { key: string; day?: Weekday; date?: string }[] {
  const problems: { key: string; day?: Weekday; date?: string }[] = [];
  for (const day of badWeekdays(form.days)) problems.push({ key: 'hours.invalid.interval', day });
  if (form.closedDates.some((d) => !isDay(d))) problems.push({ key: 'hours.invalid.date' });
  for (const date of form.closedDates.filter((d) => specialDates.includes(d))) problems.push({ key: 'hours.invalid.special', date });
  return problems;
}

/** The interval an "add" button appends: 08:00–13:00 on a closed day, else up to four hours after the last one (none after midnight). */
export function nextInterval(intervals: readonly TimeInterval[]): TimeInterval | null {
  const last = intervals.at(-1);
  if (!last) return { open: '08:00', close: '13:00' };
  const [h, m] = last.close.split(':').map(Number) as [number, number];
  if (h >= 24 || !hhmm.test(last.close)) return null;
  const close = Math.min(h + 4, 24);
  return { open: last.close, close: `${String(close).padStart(2, '0')}:${close === 24 ? '00' : String(m).padStart(2, '0')}` };
}

/** The PATCH body: days without intervals left out (closed), intervals in order, dates sorted and unique. */
export function hoursPatch(form: HoursForm): Pick<OfficeConfig, 'openingHours' | 'closedDates'> {
  return { openingHours: weekFromForm(form.days), closedDates: [...new Set(form.closedDates)].sort() };
}
