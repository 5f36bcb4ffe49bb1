import { waitPhrase } from '../../protocol/waitWording.ts';

/** The sentences printed on a ticket, in Italian and English (the languages the kiosk offers). */

export type TicketLanguage = 'it' | 'en';

/** "23/11/2026 09:41" in the given zone. Throws a RangeError for an unknown zone. */
export function formatIssuedAt(at: Date, timeZone: string): string {
  const part = partsOf(at, timeZone);
  return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
}

/** "11:00" in the given zone, 24-hour form in both languages. Throws a RangeError for an unknown zone. */
export function formatTimeOfDay(at: Date, timeZone: string): string {
  const part = partsOf(at, timeZone);
  return `${part('hour')}:${part('minute')}`;
}

/** The date and time fields of an instant in a zone, each as printed ('' when missing). */
function partsOf(at: Date, timeZone: string): (type: Intl.DateTimeFormatPartTypes) => string {
  const parts = new Map(issuedAtFormat(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  return (type) => parts.get(type) ?? '';
}

/** Building a formatter costs far more than using one: one per zone, kept. */
const formats = new Map<string, Intl.DateTimeFormat>();

function issuedAtFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('it-IT', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  return format;
}

function isCount(n: number | null): n is number {
  return n !== null && Number.isFinite(n) && n >= 0;
}

const messages = {
  it: {
    nobodyAhead: 'Nessuna persona in attesa prima di te',
    peopleAhead: (n: number) => `Persone in attesa prima di te: ${n}`,
    wait: (wait: string) => `Attesa stimata: ${wait}`,
    qrCaption: 'Inquadra il codice QR per seguire il tuo turno dal telefono',
    priority: 'PRIORITÀ',
    appointment: (time: string) => `Appuntamento ore ${time}`,
  },
  en: {
    nobodyAhead: 'Nobody is waiting ahead of you',
    peopleAhead: (n: number) => `People waiting ahead of you: ${n}`,
    wait: (wait: string) => `Estimated wait: ${wait}`,
    qrCaption: 'Scan the QR code to follow your turn on your phone',
    priority: 'PRIORITY',
    appointment: (time: string) => `Appointment at ${time}`,
  },
} as const;

/** "Persone in attesa prima di te: 3", or null when unknown. */
export function peopleAheadText(peopleAhead: number | null, language: TicketLanguage = 'it'): string | null {
  if (!isCount(peopleAhead)) return null;
  const n = Math.round(peopleAhead);
  return n === 0 ? messages[language].nobodyAhead : messages[language].peopleAhead(n);
}

/** "Attesa stimata: circa 12 minuti" ("meno di 5 minuti" under 5, as on the kiosk and the phone), or null when no estimate can be made. */
export function waitText(minutes: number | null, language: TicketLanguage = 'it'): string | null {
  const wait = waitPhrase(minutes, language);
  return wait === null ? null : messages[language].wait(wait);
}

/** The line under the QR code. */
export function qrCaptionText(language: TicketLanguage = 'it'): string {
  return messages[language].qrCaption;
}

export const qrCaption = qrCaptionText('it');

/** The mark of a priority ticket: "PRIORITÀ". */
export function priorityText(language: TicketLanguage = 'it'): string {
  return messages[language].priority;
}

/** "Appuntamento ore 11:00", the time in the office's zone. Throws a RangeError for an unknown zone. */
export function appointmentText(at: Date, timeZone: string, language: TicketLanguage = 'it'): string {
  return messages[language].appointment(formatTimeOfDay(at, timeZone));
}
