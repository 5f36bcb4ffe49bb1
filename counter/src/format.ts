/**
 * The desk app's one formatting helper: times and dates in the office's time zone (not the PC's), numbers
 * with the screen language's decimal mark ("0,1 min" in Italian) and durations as "8 h 03".
 */

export type ScreenLocale = 'it' | 'en';

const intlLocale = (locale: string) => (locale === 'en' ? 'en-GB' : 'it-IT');

export interface Format {
  /** "09:05" in the office's time zone. */
  time(iso: string): string;
  /** "mar 24 nov" in the office's time zone. */
  date(iso: string): string;
  /** The office-local "YYYY-MM-DD" of an instant. */
  dayOf(iso: string): string;
  /** A "YYYY-MM-DD" calendar day as a long date ("martedì 24 novembre"). */
  day(ymd: string): string;
  /** A number with at most `digits` decimals, in the screen's language ("0,1"). */
  number(n: number, digits?: number): string;
  /** Minutes: "0,1 min", "42 min"; an hour or more as a duration ("8 h 03"). */
  minutes(n: number): string;
}

export function createFormat(locale: string, timeZone?: string): Format {
  const tag = intlLocale(locale);
  const zone = timeZone ? { timeZone } : {};
  const timeFormat = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...zone });
  const dateFormat = new Intl.DateTimeFormat(tag, { weekday: 'short', day: 'numeric', month: 'short', ...zone });
  const dayOfFormat = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...zone });
  const dayFormat = new Intl.DateTimeFormat(tag, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
  const numberFormats = new Map<number, Intl.NumberFormat>();
  const number = (n: number, digits = 1) => {
    let f = numberFormats.get(digits);
    if (!f) numberFormats.set(digits, (f = new Intl.NumberFormat(tag, { maximumFractionDigits: digits })));
    return f.format(n);
  };
  return {
    time: (iso) => timeFormat.format(new Date(iso)),
    date: (iso) => dateFormat.format(new Date(iso)),
    dayOf: (iso) => dayOfFormat.format(new Date(iso)),
    day: (ymd) => dayFormat.format(new Date(`${ymd}T12:00:00Z`)),
    number,
    minutes(n) {
      if (n < 60) return `${number(n)} min`;
      const whole = Math.round(n);
      return `${Math.floor(whole / 60)} h ${String(whole % 60).padStart(2, '0')}`;
    },
  };
}
