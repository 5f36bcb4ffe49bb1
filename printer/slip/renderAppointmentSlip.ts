import { Align, InMemory, Printer, Style } from 'escpos-buffer';
import { feedAndCut, initialise } from '../escpos/commands.ts';
import { rule, toPrintableText, wrapText } from '../ticket/layout.ts';
import { columnsFor, type TicketLayoutOptions } from '../ticket/printableTicket.ts';

/** What goes on the slip a desk prints for a second-level appointment. */
export interface AppointmentSlip {
  officeName: string;
  /** The competent office, e.g. "Ufficio anagrafe (secondo livello)". */
  appointmentOffice: string;
  startsAt: Date;
  code: string;
  /** Printed as a QR code: the appointment as an iCalendar event. */
  calendar: string;
  footer?: string;
  /** Set for the note of a cancelled appointment: printed instead of the check-in instructions and the QR code. */
  cancelled?: { reason: string };
}

/** "martedì 24 novembre 2026" and "10:30" in the office's zone. */
export function slipDateTime(at: Date, timeZone: string): { date: string; time: string } {
  const date = new Intl.DateTimeFormat('it-IT', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(at);
  const time = new Intl.DateTimeFormat('it-IT', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return { date, time };
}

/** QR data must be ASCII for escpos-buffer: accents are dropped (à → a), anything else non-ASCII becomes '?'. */
export function asciiQrData(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x0a\x0d\x20-\x7e]/g, '?');
}

/** Renders the appointment slip into one ESC/POS print job (see renderTicket for the hand-written commands). */
export async function renderAppointmentSlip(slip: AppointmentSlip, options: TicketLayoutOptions): Promise<Buffer> {
  const columns = columnsFor(options.paperWidthMm);
  const { date, time } = slipDateTime(slip.startsAt, options.timeZone);
  const memory = new InMemory();
  const printer = await Printer.CONNECT('TM-T20', memory);
  if ((options.codePage ?? 'cp850') !== 'cp850') await printer.setCodepage(options.codePage!);
  await printer.setAlignment(Align.Center);
  const center = async (lines: string[], style = 0) => {
    for (const line of lines) await printer.writeln(line, style);
  };
  await center(wrapText(slip.officeName, columns), Style.Bold);
  await center([rule(columns)]);
  await center([slip.cancelled ? 'APPUNTAMENTO ANNULLATO' : 'APPUNTAMENTO'], Style.Bold);
  await center(wrapText(slip.appointmentOffice, columns));
  await printer.feed(1);
  await center(wrapText(date, columns));
  await center([`ore ${time}`], Style.DoubleWidth | Style.DoubleHeight);
  await printer.feed(1);
  await center(['Codice']);
  await center([toPrintableText(slip.code)], Style.DoubleWidth | Style.DoubleHeight);
  await printer.feed(1);
  if (slip.cancelled) {
    await center(wrapText('Questo appuntamento è stato annullato: il codice non vale più.', columns));
    if (slip.cancelled.reason.trim() !== '') await center(wrapText(`Motivo: ${slip.cancelled.reason}`, columns));
  } else {
    await center(wrapText('Il giorno dell\'appuntamento scegli "Ho un appuntamento" al totem e digita il codice.', columns));
    await printer.feed(1);
    await printer.qrcode(asciiQrData(slip.calendar), options.paperWidthMm === 58 ? 4 : 5);
    await center(wrapText('Inquadra il codice QR per salvare l\'appuntamento nel calendario del telefono', columns));
  }
  if (slip.footer !== undefined && slip.footer.trim() !== '') {
    await center([rule(columns)]);
    await center(wrapText(slip.footer, columns));
  }
  await printer.setAlignment(Align.Left);
  return Buffer.concat([initialise, memory.buffer(), feedAndCut]);
}
