import { Align, InMemory, Printer, Style } from 'escpos-buffer';
import { characterSize, feedAndCut, initialise } from '../escpos/commands.ts';
import { rule, wrapText } from './layout.ts';
import { columnsFor, type PrintableTicket, type TicketLayoutOptions } from './printableTicket.ts';
import { appointmentText, formatIssuedAt, peopleAheadText, priorityText, qrCaptionText, waitText } from './ticketText.ts';

/**
 * The number's character size (GS !): Font A's 24-dot character × 6 is 144 dots, 18 mm at 8 dots/mm, in
 * the 15–25 mm of commercial queue tickets (2 × 2 was 6 mm). Each character is then 72 dots wide: 8 fit
 * on 80 mm paper (576 dots), 5 on 58 mm (384); a longer number wraps.
 */
export const numberSize = { width: 6, height: 6 } as const;

/** QR module size in dots: about 22 mm wide on 58 mm paper and 29 mm on 80 mm for a typical status URL. */
const qrModuleDots = { 58: 6, 80: 8 } as const;

/**
 * The status URL as QR data. escpos-buffer writes QR data as ASCII and counts characters, not bytes, so
 * the data must be ASCII: `URL.href` is (non-ASCII paths are percent-encoded, host names punycoded).
 */
export function qrPayload(statusUrl: string): string {
  let url: URL;
  try {
    url = new URL(statusUrl);
  } catch {
    throw new Error(`statusUrl is not a valid URL: ${JSON.stringify(statusUrl)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`statusUrl must be http(s): ${url.protocol}`);
  if (!/^[\x21-\x7e]+$/.test(url.href)) throw new Error('statusUrl did not normalise to ASCII');
  return url.href;
}

/**
 * Renders a ticket into the ESC/POS bytes of one print job, ending with a cut.
 *
 * The text, styles, alignment, code page selection and encoding, and the native Epson QR command
 * (GS ( k: model 2, module size, store, print) come from escpos-buffer's Epson profile ('TM-T20').
 * Four things are written by hand because the library does not do them as a ticket printer needs:
 * - ESC @ first: the library never initialises the printer, so a previous job's modes would leak in;
 *   it must precede the library's ESC t, which ESC @ would otherwise reset.
 * - GS V 66 0 last: the library's Epson cutter() sends ESC m, an obsolete command that does not feed
 *   the paper up to the blade, so the last lines would stay inside the printer.
 * - GS ! around the number: the library's ESC ! stops at double size, far too small across a waiting room.
 * - No setColumns(): it would pick the library's "Font 1" for 32 columns and send ESC M 1 (Font B, tiny);
 *   both widths print in Font A, and the columns only drive our own wrapping.
 * Two library choices are kept: the QR code uses error correction level L (enough for a short URL on
 * fresh thermal paper), and for cp858 the library's default ESC t 2 is followed by ESC t 19 (harmless).
 * Throws for an unknown time zone or a status URL that is not http(s).
 */
export async function renderTicket(ticket: PrintableTicket, options: TicketLayoutOptions): Promise<Buffer> {
  const columns = columnsFor(options.paperWidthMm);
  const codePage = options.codePage ?? 'cp850';
  const language = ticket.language ?? 'it';
  const issuedAt = formatIssuedAt(ticket.issuedAt, options.timeZone);
  const appointment = ticket.appointmentAt ? appointmentText(ticket.appointmentAt, options.timeZone, language) : null;
  const qrData = qrPayload(ticket.statusUrl);
  // cp850 has no euro sign; cp858 has it where cp850 has the dotless i.
  const wrap = (text: string, width = columns) => wrapText(codePage === 'cp850' ? text.replaceAll('€', 'EUR') : text, width);

  const memory = new InMemory();
  const printer = await Printer.CONNECT('TM-T20', memory); // writes ESC t 2 (cp850)
  if (codePage !== 'cp850') await printer.setCodepage(codePage); // writes the ESC t n of the chosen page
  // Everything on the ticket is centred: one ESC a 1 here instead of one pair per line.
  await printer.setAlignment(Align.Center);
  const center = async (lines: string[], style = 0) => {
    for (const line of lines) await printer.writeln(line, style);
  };

  await center(wrap(ticket.officeName), Style.Bold);
  await center([rule(columns)]);
  await printer.feed(1);
  await memory.write(Buffer.from(characterSize(numberSize.width, numberSize.height)));
  await center(wrap(ticket.number, Math.floor(columns / numberSize.width)));
  await memory.write(Buffer.from(characterSize(1, 1)));
  if (ticket.priority === true) await center(wrap(priorityText(language), columns / 2), Style.Bold | Style.DoubleWidth | Style.DoubleHeight);
  await printer.feed(1);
  await center(wrap(ticket.serviceName), Style.Bold);
  await center([issuedAt]);
  // An appointment is called at its time: a queue estimate would contradict it.
  const people = appointment === null ? peopleAheadText(ticket.peopleAhead, language) : null;
  const wait = appointment === null ? waitText(ticket.estimatedWaitMinutes, language) : null;
  if (appointment !== null || people !== null || wait !== null) await printer.feed(1);
  if (appointment !== null) await center(wrap(appointment), Style.Bold | Style.DoubleHeight);
  if (people !== null) await center(wrap(people));
  if (wait !== null) await center(wrap(wait));
  await printer.feed(1);

  await printer.qrcode(qrData, qrModuleDots[options.paperWidthMm]);
  await center(wrap(qrCaptionText(language)));
  if (ticket.footer !== undefined && ticket.footer.trim() !== '') {
    await center([rule(columns)]);
    await center(wrap(ticket.footer));
  }
  await printer.setAlignment(Align.Left);
  return Buffer.concat([initialise, memory.buffer(), feedAndCut]);
}
