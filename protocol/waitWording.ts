import type { TicketLanguage } from './commands.ts';

/**
 * One wording for a wait everywhere a citizen reads one: the kiosk, the paper ticket and the phone page.
 * Pure, both languages. Below `shortWaitMinutes` a wait is "short": never "circa 0 min" or "about 1 minute"
 * (an estimate is not that precise), always "meno di 5 minuti" / "less than 5 minutes".
 */

/** Below this many minutes a wait is "short". */
export const shortWaitMinutes = 5;

export type WaitWording = { kind: 'unknown' } | { kind: 'short' } | { kind: 'about'; minutes: number };

export function waitWording(minutes: number | null | undefined): WaitWording {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes) || minutes < 0) return { kind: 'unknown' };
  if (minutes < shortWaitMinutes) return { kind: 'short' };
  return { kind: 'about', minutes: Math.round(minutes) };
}

const words = {
  it: {
    short: `meno di ${shortWaitMinutes} minuti`,
    about: (duration: string) => `circa ${duration}`,
    minutes: (m: number) => `${m} ${m === 1 ? 'minuto' : 'minuti'}`,
    hours: (h: number) => (h === 1 ? '1 ora' : `${h} ore`),
    and: 'e',
  },
  en: {
    short: `less than ${shortWaitMinutes} minutes`,
    about: (duration: string) => `about ${duration}`,
    minutes: (m: number) => `${m} ${m === 1 ? 'minute' : 'minutes'}`,
    hours: (h: number) => (h === 1 ? '1 hour' : `${h} hours`),
    and: 'and',
  },
} as const;

/**
 * A wait in words: "meno di 5 minuti", "circa 12 minuti", "circa 1 ora e 15 minuti" (English on request;
 * any other language is Italian); null when there is no estimate.
 */
export function waitPhrase(minutes: number | null | undefined, language: TicketLanguage | string = 'it'): string | null {
  const wording = waitWording(minutes);
  const w = language === 'en' ? words.en : words.it;
  if (wording.kind === 'unknown') return null;
  if (wording.kind === 'short') return w.short;
  const m = wording.minutes;
  if (m < 60) return w.about(w.minutes(m));
  const rest = m % 60;
  return w.about(`${w.hours(Math.floor(m / 60))}${rest === 0 ? '' : ` ${w.and} ${w.minutes(rest)}`}`);
}
