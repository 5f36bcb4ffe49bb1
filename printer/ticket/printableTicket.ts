import type { CodePageName } from '../escpos/commands.ts';
import type { TicketLanguage } from './ticketText.ts';

/** What goes on a paper ticket. The hub builds it from the issued ticket and the office config. */
export interface PrintableTicket {
  officeName: string;
  /** The ticket number as shown to the public, e.g. "A023". */
  number: string;
  serviceName: string;
  issuedAt: Date;
  /** Null when unknown: the line is left out. */
  peopleAhead: number | null;
  /** Null when no estimate can be made (no desk open for the service): the line is left out. */
  estimatedWaitMinutes: number | null;
  /** Where a phone can follow the ticket; printed as a QR code. */
  statusUrl: string;
  /** One line at the bottom (wrapped if long), e.g. the office hours or a privacy note. */
  footer?: string;
  /** The language the citizen chose at the kiosk; Italian when left out. Names (office, service) come translated. */
  language?: TicketLanguage;
  /** A priority ticket: marked in large letters under the number. */
  priority?: boolean;
  /** An appointment's time: printed ("Appuntamento ore 11:00") instead of people ahead and the estimate. */
  appointmentAt?: Date | null;
}

export type PaperWidthMm = 58 | 80;

export interface TicketLayoutOptions {
  paperWidthMm: PaperWidthMm;
  /** IANA zone for the printed date and time, e.g. "Europe/Rome". */
  timeZone: string;
  /** Code page the text is encoded in; cp850 unless the printer is known to have cp858. */
  codePage?: CodePageName;
}

/** Characters per line in the printer's standard font (Font A, 12 × 24 dots). */
export function columnsFor(paperWidthMm: PaperWidthMm): number {
  return paperWidthMm === 58 ? 32 : 48;
}
