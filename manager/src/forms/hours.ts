import { weekdays, type OfficeConfig, type Weekday } from '../../../protocol/office.ts';
import { isDay } from '../dates.ts';

/** Opening hours per weekday (every weekday present, a closed day with no intervals) and the closed dates. */
export interface HoursForm {
  days: Record<Weekday, { open: string; close: string }[]>;
  closedDates: string[];
}

export function hoursToForm(office: Pick<OfficeConfig, 'openingHours' | 'closedDates'>): HoursForm {
  const days = Object.fromEntries(weekdays.map((d) => [d, (office.openingHours[d] ?? []).map((i) => ({ ...i }))])) as HoursForm['days'];
  return { days, closedDates: [...office.closedDates].sort() };
}

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Catalogue keys with params for what is wrong (an interval that ends before it starts, a bad date). */
export function hoursProblems(form: HoursForm): { key: string; day?: Weekday }[] {
  const problems: { key: string; day?: Weekday }[] = [];
  for (const day of weekdays) {
    if (form.days[day].some((i) => !hhmm.test(i.open) || !hhmm.test(i.close) || i.open >= i.close)) problems.push({ key: 'hours.invalid.interval', day });
  }
  if (form.closedDates.some((d) => !isDay(d))) problems.push({ key: 'hours.invalid.date' });
  return problems;
}

/** The interval an "add" button appends: 08:00–13:00 on a closed day, else up to four hours after the last one (none after midnight). */
export function nextInterval(intervals: readonly { open: string; close: string }[]): { open: string; close: string } | null {
  const last = intervals.at(-1);
  if (!last) return { open: '08:00', close: '13:00' };
  const [h, m] = last.close.split(':').map(Number) as [number, number];
  if (h >= 24 || !hhmm.test(last.close)) return null;
  const close = Math.min(h + 4, 24);
  return { open: last.close, close: `${String(close).padStart(2, '0')}:${close === 24 ? '00' : String(m).padStart(2, '0')}` };
}

/** The PATCH body: days without intervals left out (closed), intervals in order, dates sorted and unique. */
export function hoursPatch(form: HoursForm): Pick<OfficeConfig, 'openingHours' | 'closedDates'> {
  const openingHours: OfficeConfig['openingHours'] = {};
  for (const day of weekdays) {
    const intervals = [...form.days[day]].sort((a, b) => a.open.localeCompare(b.open));
    if (intervals.length > 0) openingHours[day] = intervals.map((i) => ({ open: i.open, close: i.close }));
  }
  return { openingHours, closedDates: [...new Set(form.closedDates)].sort() };
}
