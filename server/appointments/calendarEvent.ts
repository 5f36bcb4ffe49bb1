/**
 * An appointment as an iCalendar VEVENT (RFC 5545), the text of the slip's QR code: scanned with a
 * phone's camera it offers to add the appointment to the calendar. It holds no personal data.
 */
export interface CalendarEventInput {
  code: string;
  startsAt: number;
  minutes: number;
  officeName: string;
  /** The office the citizen goes to (the front office's name). */
  location: string;
  createdAt: number;
}

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** RFC 5545 TEXT: backslash, semicolon, comma and newlines escaped. */
export function escapeText(text: string): string {
  return text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

export function calendarEvent(e: CalendarEventInput): string {
  return [
    'BEGIN:VEVENT',
    `UID:${e.code}@punto-comune`,
    `DTSTAMP:${stamp(e.createdAt)}`,
    `DTSTART:${stamp(e.startsAt)}`,
    `DTEND:${stamp(e.startsAt + e.minutes * 60_000)}`,
    `SUMMARY:${escapeText(`${e.officeName} - codice ${e.code}`)}`,
    `LOCATION:${escapeText(e.location)}`,
    `DESCRIPTION:${escapeText(`Al totem scegli "Ho un appuntamento" e digita il codice ${e.code}.`)}`,
    'END:VEVENT',
  ].join('\r\n');
}
