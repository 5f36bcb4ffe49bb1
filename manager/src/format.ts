/** Numbers, minutes, percentages and months in the page's language (pure: no Vue, no clock). */

/** The Intl locale of a UI language. */
export const intlLocale = (locale: string): string => (locale === 'en' ? 'en-GB' : 'it-IT');

/** A count with the language's thousands separator ("3.366" in Italian). */
export function formatCount(n: number, locale: string): string {
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 0 }).format(n);
}

/** Minutes to one decimal ("4,5" in Italian); whole numbers without the decimal. */
export function formatMinutes(n: number, locale: string): string {
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 1 }).format(Math.round(n * 10) / 10);
}

/** A 0–1 rate as a percentage ("82 %" in Italian, "82%" in English). */
export function formatPercent(rate: number, locale: string, fractionDigits = 0): string {
  return new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: fractionDigits }).format(rate);
}

/** Whole minutes as hours and minutes (125 → { h: 2, m: 5 }). */
export function hoursAndMinutes(minutes: number): { h: number; m: number } {
  const total = Math.max(0, Math.round(minutes));
  return { h: Math.floor(total / 60), m: total % 60 };
}

/** "YYYY-MM" as the month's name ("gennaio", or "gen" short), in the given language. */
export function monthName(month: string, locale: string, width: 'long' | 'short' = 'long'): string {
  const [y, m] = month.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, 15));
  return new Intl.DateTimeFormat(intlLocale(locale), { month: width, timeZone: 'UTC' }).format(date);
}

/** "YYYY-MM" as month and year ("gennaio 2026"). */
export function monthAndYear(month: string, locale: string): string {
  const [y, m] = month.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, 15));
  return new Intl.DateTimeFormat(intlLocale(locale), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** "YYYY-MM-DD" as a short date ("3 mar 2026"). */
export function shortDate(day: string, locale: string, withWeekday = false): string {
  const date = new Date(`${day}T12:00:00Z`);
  return new Intl.DateTimeFormat(intlLocale(locale), {
    ...(withWeekday ? { weekday: 'short' as const } : {}),
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** An instant as date and time on the PC's clock ("24/11/2026, 09:15"). */
export function dateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

/** An instant as the time of day ("09:15"). */
export function timeOfDay(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}
