import type { OfficeConfig, SpecialDayConfig } from '../../../protocol/office.ts';
import { isDay } from '../dates.ts';
import { badInterval, overlapping, sortedIntervals, type TimeInterval } from './hours.ts';

/** One special day as the admin edits it: its date, its own hours or closed all day, an optional note. */
export interface SpecialDayForm {
  /** The date being edited (null for a new one). */
  originalDate: string | null;
  date: string;
  closed: boolean;
  hours: TimeInterval[];
  noteIt: string;
  noteEn: string;
}

export const specialDayToForm = (d: SpecialDayConfig): SpecialDayForm => ({
  originalDate: d.date,
  date: d.date,
  closed: d.hours.length === 0,
  hours: d.hours.length > 0 ? d.hours.map((i) => ({ ...i })) : [{ open: '08:00', close: '12:00' }],
  noteIt: d.note?.it ?? '',
  noteEn: d.note?.en ?? '',
});

export const newSpecialDayForm = (): SpecialDayForm => ({
  originalDate: null, date: '', closed: false, hours: [{ open: '08:00', close: '12:00' }], noteIt: '', noteEn: '',
});

/** Catalogue keys of what is wrong, checked as the hub will (protocol/office.ts), so a refused save is rare. */
export function specialDayProblems(form: SpecialDayForm, office: Pick<OfficeConfig, 'specialDays' | 'closedDates'>): string[] {
  const problems: string[] = [];
  if (!isDay(form.date)) problems.push('specialDays.invalid.date');
  else if (office.specialDays.some((d) => d.date === form.date && d.date !== form.originalDate)) problems.push('specialDays.invalid.dateTaken');
  else if (office.closedDates.includes(form.date)) problems.push('specialDays.invalid.closedDate');
  if (!form.closed) {
    if (form.hours.length === 0) problems.push('specialDays.invalid.noHours');
    else if (badInterval(form.hours)) problems.push('specialDays.invalid.interval');
    else if (overlapping(form.hours)) problems.push('specialDays.invalid.overlap');
  }
  if (form.noteIt.trim().length > 120 || form.noteEn.trim().length > 120) problems.push('specialDays.invalid.note');
  return problems;
}

/** The day as the config holds it; a note written in one language only is shown in both. */
export function specialDayFromForm(form: SpecialDayForm): SpecialDayConfig {
  const it = form.noteIt.trim() || form.noteEn.trim();
  const en = form.noteEn.trim() || it;
  return { date: form.date, hours: form.closed ? [] : sortedIntervals(form.hours), ...(it ? { note: { it, en } } : {}) };
}

/** The whole `specialDays` section with the form's day replaced or added, by date. */
export function specialDaysWith(days: readonly SpecialDayConfig[], form: SpecialDayForm): SpecialDayConfig[] {
  const others = days.filter((d) => d.date !== form.originalDate);
  return [...others, specialDayFromForm(form)].sort((a, b) => a.date.localeCompare(b.date));
}

/** Today and later, then the past ones (most recent first), for a list that folds the past away. */
export function splitByToday(days: readonly SpecialDayConfig[], today: string): { upcoming: SpecialDayConfig[]; past: SpecialDayConfig[] } {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  return { upcoming: sorted.filter((d) => d.date >= today), past: sorted.filter((d) => d.date < today).reverse() };
}
