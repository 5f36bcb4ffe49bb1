import { writeFile } from 'node:fs/promises';
import type { DecodedLine, DecodedTicket } from './ticketDecoder.ts';

/** Lays one line out on `columns` characters; a character printed n times as wide takes n. */
function layoutLine(line: DecodedLine, columns: number): string {
  if (line.kind === 'qr') return center(`[QR ${line.data}]`, columns);
  const text = line.width > 1 ? [...line.text].join(' '.repeat(line.width - 1)) : line.text;
  if (line.align === 'center') return center(text, columns);
  if (line.align === 'right') return text.padStart(columns);
  return text;
}

function center(text: string, columns: number): string {
  const left = Math.max(0, Math.floor((columns - text.length) / 2));
  return (' '.repeat(left) + text).trimEnd();
}

/**
 * A plain-text picture of a ticket, framed at the paper's width (32 columns for 58 mm, 48 for 80 mm),
 * with enlarged text spread over as many columns a character as it is wide and QR codes shown as their payload.
 */
export function ticketPreview(ticket: DecodedTicket, columns = 48): string {
  const frame = `+${'-'.repeat(columns)}+`;
  const body = ticket.lines.map((line) => `|${layoutLine(line, columns).padEnd(columns)}|`);
  const end = ticket.cut ? `${'- '.repeat(Math.ceil(columns / 2) + 1).slice(0, columns + 2)}` : '(no cut)';
  return [frame, ...body, frame, end].join('\n') + '\n';
}

/** Writes the plain-text preview of a ticket to a file (UTF-8). */
export async function saveTicketPreview(ticket: DecodedTicket, path: string, columns = 48): Promise<void> {
  await writeFile(path, ticketPreview(ticket, columns), 'utf8');
}
