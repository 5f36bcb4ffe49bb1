/**
 * The few ESC/POS byte sequences we write by hand, and the code pages we print in. Everything else on
 * a ticket comes from `escpos-buffer` (see `ticket/renderTicket.ts` for why these few do not).
 */

export const ESC = 0x1b;
export const GS = 0x1d;
export const DLE = 0x10;
export const EOT = 0x04;

/** ESC @: initialise the printer (clears modes, code page, alignment left by a previous job). */
export const initialise = Uint8Array.of(ESC, 0x40);

/** GS V 66 0: feed the paper up to the cutter, then cut (partial cut: every auto-cutter supports it). */
export const feedAndCut = Uint8Array.of(GS, 0x56, 0x42, 0x00);

/**
 * GS ! n: character size, 1 to 8 times the font's width and height (n = (width - 1) << 4 | (height - 1)).
 * GS ! 0 is the normal size. escpos-buffer only offers ESC !, whose largest size is 2 × 2.
 */
export function characterSize(width: number, height: number): Uint8Array {
  if (![width, height].every((m) => Number.isInteger(m) && m >= 1 && m <= 8)) throw new RangeError(`character size ${width} × ${height}: each must be 1 to 8`);
  return Uint8Array.of(GS, 0x21, ((width - 1) << 4) | (height - 1));
}

/** DLE EOT 4: real-time request for the paper roll sensor status; the printer answers one byte. */
export const paperStatusRequest = Uint8Array.of(DLE, EOT, 0x04);

/** Bits of the DLE EOT 4 answer: 0x60 = roll paper end, 0x0c = near end; 0x12 are always set. */
export const paperStatus = { fixedMask: 0x93, fixedBits: 0x12, nearEnd: 0x0c, paperEnd: 0x60, ok: 0x12 } as const;

/** Whether a DLE EOT 4 answer says the roll is out; a byte without the fixed bits is not a status answer. */
export function isPaperOut(statusByte: number): boolean {
  const looksLikeStatus = (statusByte & paperStatus.fixedMask) === paperStatus.fixedBits;
  return looksLikeStatus && (statusByte & paperStatus.paperEnd) !== 0;
}

/**
 * Code pages for Italian text: both hold à è é ì ò ù (and the capitals). cp858 is cp850 with the euro
 * sign in place of the dotless i. The numbers are Epson's ESC t n table (TM-T20, TM-T88 and most clones):
 * 2 is supported nearly everywhere, 19 by Epson's own printers, so cp850 is the default.
 */
export const codePages = {
  cp850: { escT: 2 },
  cp858: { escT: 19 },
} as const;

export type CodePageName = keyof typeof codePages;
