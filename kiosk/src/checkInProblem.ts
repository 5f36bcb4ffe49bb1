import type { ClientError } from '../../ui/socket.ts';

/** Why a check-in failed, in the words the kiosk shows (keys of `appointment.errors`). */
export type CheckInProblem =
  | { key: 'unknown' | 'missed' | 'invalid' | 'closed' | 'unreachable' | 'other' | 'unknownPlace' | 'placeExpired' }
  /** The hub's message names the appointment's day ("… is on 2026-11-24 at 10:30, not today"). */
  | { key: 'notToday'; date: string | null; time: string | null };

export function checkInProblem(error: ClientError): CheckInProblem {
  switch (error.code) {
    case 'unknown-appointment': return { key: 'unknown' };
    case 'appointment-missed': return { key: 'missed' };
    case 'unknown-place': return { key: 'unknownPlace' };
    case 'place-expired': return { key: 'placeExpired' };
    case 'validation-failed': return { key: 'invalid' };
    case 'office-closed': return { key: 'closed' };
    case 'unreachable': return { key: 'unreachable' };
    case 'appointment-not-today': {
      const m = /(\d{4}-\d{2}-\d{2})(?:\D+(\d{2}:\d{2}))?/.exec(error.message);
      return { key: 'notToday', date: m?.[1] ?? null, time: m?.[2] ?? null };
    }
    default: return { key: 'other' };
  }
}

/** "martedì 24 novembre" for a "YYYY-MM-DD" day (a calendar date: no time zone to shift it). */
export function formatDay(day: string, locale: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}
