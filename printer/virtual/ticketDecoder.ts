import { codePageName, decodeText } from './codePages.ts';
import { parseNext, type EscPosToken } from './escposParser.ts';

export type Alignment = 'left' | 'center' | 'right';

/** One printed line, or a QR code, in the order they come out of the printer. */
export type DecodedLine =
  | DecodedTextLine
  | { kind: 'qr'; data: string };

/**
 * A line of text. `width` and `height` are the largest character size multipliers in effect while its
 * characters were printed (1 to 8, from GS ! or ESC !): a Font A character is 12 × 24 dots times them.
 * `doubleSize` says the line is enlarged both ways (width and height at least 2).
 */
export interface DecodedTextLine {
  kind: 'text';
  text: string;
  doubleSize: boolean;
  width: number;
  height: number;
  align: Alignment;
}

/** What one print job (everything up to a cut) would have put on paper. */
export interface DecodedTicket {
  lines: DecodedLine[];
  /** The text lines alone, for easy assertions. */
  text: string[];
  /** Payloads of the QR codes printed (stored with GS ( k fn 80, then printed with fn 81). */
  qrCodes: string[];
  /** The code page selected when the paper was cut, e.g. "cp850". */
  codePage: string;
  /** False when the connection ended before a cut. */
  cut: boolean;
  /** Commands the decoder did not know, in hex, e.g. "1b 78". */
  unknownCommands: string[];
  bytes: Buffer;
}

const alignments: Alignment[] = ['left', 'center', 'right'];

/**
 * A virtual printer's head: fed raw bytes (in chunks of any size), it keeps the printer's modes (code
 * page, character size, alignment) and hands back each ticket when the job cuts the paper.
 */
export class TicketDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private consumed: Buffer[] = [];
  private escT = 0;
  /** Character size multipliers: GS ! sets both; ESC ! bits 5 and 4 set them to 1 or 2 (the last command wins). */
  private charWidth = 1;
  private charHeight = 1;
  private align: Alignment = 'left';
  private line: Omit<DecodedTextLine, 'kind'> | null = null;
  private lines: DecodedLine[] = [];
  private storedQr = '';
  private unknown: string[] = [];

  /**
   * Decodes the bytes. Returns the tickets completed by them and the real-time status requests
   * (DLE EOT n) met, which a printer answers at once.
   */
  feed(chunk: Uint8Array): { tickets: DecodedTicket[]; statusRequests: number[] } {
    const tickets: DecodedTicket[] = [];
    const statusRequests: number[] = [];
    const buf = Buffer.concat([this.pending, chunk]);
    let at = 0;
    for (let parsed = parseNext(buf, at); parsed !== null; parsed = parseNext(buf, at)) {
      this.consumed.push(buf.subarray(at, at + parsed.length));
      at += parsed.length;
      const { token } = parsed;
      if (token.kind === 'status-request') statusRequests.push(token.n);
      else if (token.kind === 'cut') tickets.push(this.finishTicket(true));
      else this.apply(token);
    }
    this.pending = Buffer.from(buf.subarray(at));
    return { tickets, statusRequests };
  }

  /** The ticket in progress when the connection ends, if anything was printed without a cut. */
  end(): DecodedTicket | null {
    this.endLine();
    return this.lines.length > 0 ? this.finishTicket(false) : null;
  }

  private apply(token: EscPosToken): void {
    switch (token.kind) {
      case 'text': {
        this.line ??= { text: '', doubleSize: false, width: 1, height: 1, align: this.align };
        this.line.text += decodeText(token.bytes, this.escT);
        this.line.width = Math.max(this.line.width, this.charWidth);
        this.line.height = Math.max(this.line.height, this.charHeight);
        this.line.doubleSize = this.line.width > 1 && this.line.height > 1;
        return;
      }
      case 'newline':
        return this.endLine(true);
      case 'feed':
        for (let i = 0; i < token.lines; i++) this.endLine(true);
        return;
      case 'initialise':
        this.escT = 0;
        this.charWidth = 1;
        this.charHeight = 1;
        this.align = 'left';
        return;
      case 'code-page':
        this.escT = token.n;
        return;
      case 'print-mode':
        this.charWidth = token.n & 0x20 ? 2 : 1;
        this.charHeight = token.n & 0x10 ? 2 : 1;
        return;
      case 'char-size':
        this.charWidth = ((token.n >> 4) & 0x07) + 1;
        this.charHeight = (token.n & 0x07) + 1;
        return;
      case 'align':
        this.align = alignments[token.n] ?? 'left';
        return;
      case 'qr':
        if (token.fn === 80) this.storedQr = Buffer.from(token.data).toString('latin1');
        if (token.fn === 81) {
          this.endLine();
          this.lines.push({ kind: 'qr', data: this.storedQr });
        }
        return;
      case 'unknown':
        this.unknown.push(Buffer.from(token.bytes).toString('hex').replace(/(..)(?=.)/g, '$1 '));
        return;
      default:
        return;
    }
  }

  /** Ends the current line; with `blank`, an empty line is kept too (a line feed on nothing). */
  private endLine(blank = false): void {
    if (this.line) this.lines.push({ kind: 'text', ...this.line });
    else if (blank) this.lines.push({ kind: 'text', text: '', doubleSize: false, width: 1, height: 1, align: this.align });
    this.line = null;
  }

  private finishTicket(cut: boolean): DecodedTicket {
    this.endLine();
    const lines = this.lines;
    const ticket: DecodedTicket = {
      lines,
      text: lines.flatMap((l) => (l.kind === 'text' ? [l.text] : [])),
      qrCodes: lines.flatMap((l) => (l.kind === 'qr' ? [l.data] : [])),
      codePage: codePageName(this.escT),
      cut,
      unknownCommands: this.unknown,
      bytes: Buffer.concat(this.consumed),
    };
    this.lines = [];
    this.unknown = [];
    this.consumed = [];
    return ticket;
  }
}
