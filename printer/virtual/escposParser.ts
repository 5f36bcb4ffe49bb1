/**
 * Splits a stream of ESC/POS bytes into commands. Only what a ticket uses is understood; other known
 * commands are skipped by their length, and an unknown ESC, GS, FS or DLE command is skipped as two
 * bytes and reported, so one odd command cannot swallow the rest of a ticket.
 */
export type EscPosToken =
  | { kind: 'text'; bytes: Uint8Array }
  | { kind: 'newline' }
  | { kind: 'feed'; lines: number }
  | { kind: 'initialise' }
  | { kind: 'code-page'; n: number }
  | { kind: 'print-mode'; n: number }
  | { kind: 'char-size'; n: number }
  | { kind: 'align'; n: number }
  | { kind: 'qr'; fn: number; data: Uint8Array }
  | { kind: 'cut' }
  | { kind: 'status-request'; n: number }
  | { kind: 'ignored'; bytes: Uint8Array }
  | { kind: 'unknown'; bytes: Uint8Array };

/** A token and how many bytes it took, or null when the bytes at `at` are an incomplete command. */
export type Parsed = { token: EscPosToken; length: number } | null;

const ESC = 0x1b, GS = 0x1d, FS = 0x1c, DLE = 0x10, LF = 0x0a;

/** ESC commands that take a fixed number of parameter bytes. */
const escParams: Record<number, number> = {
  0x40: 0, 0x32: 0, 0x34: 0, 0x35: 0, 0x0f: 0, 0x3c: 0, // @ 2 4 5 SI <
  0x21: 1, 0x74: 1, 0x61: 1, 0x45: 1, 0x2d: 1, 0x4d: 1, 0x47: 1, 0x64: 1, 0x4a: 1, 0x33: 1, // ! t a E - M G d J 3
  0x52: 1, 0x7b: 1, 0x56: 1, 0x20: 1, 0x55: 1, 0x63: 2, 0x70: 3, 0x24: 2, 0x5c: 2, // R { V SP U c p $ \
  0x6d: 0, 0x69: 0, // m i: the old partial and full cuts
};

/** GS commands that take a fixed number of parameter bytes. */
const gsParams: Record<number, number> = {
  0x21: 1, 0x42: 1, 0x68: 1, 0x77: 1, 0x48: 1, 0x66: 1, 0x61: 1, 0x72: 1, 0x49: 1, 0x62: 1, // ! B h w H f a r I b
  0x4c: 2, 0x57: 2, 0x50: 2, // L W P
};

const u16 = (buf: Uint8Array, at: number) => (buf[at] ?? 0) + (buf[at + 1] ?? 0) * 256;

export function parseNext(buf: Uint8Array, at: number): Parsed {
  const b = buf[at];
  if (b === undefined) return null;
  const need = (length: number, token: EscPosToken): Parsed => (at + length <= buf.length ? { token, length } : null);
  const slice = (length: number) => buf.subarray(at, at + length);
  if (b >= 0x20) {
    let end = at;
    while (end < buf.length && (buf[end] ?? 0) >= 0x20) end++;
    return { token: { kind: 'text', bytes: buf.subarray(at, end) }, length: end - at };
  }
  if (b === LF) return { token: { kind: 'newline' }, length: 1 };
  const op = buf[at + 1];
  if (b === ESC || b === GS || b === FS || b === DLE) {
    if (op === undefined) return null;
  } else {
    return { token: { kind: 'ignored', bytes: slice(1) }, length: 1 }; // CR, HT, BEL, SO, DC4…
  }
  const p = buf[at + 2] ?? 0;
  if (b === ESC) {
    if (op === 0x2a) {
      // ESC * m nL nH: a bit image of nL+256nH columns, one byte each (m 0, 1) or three (m 32, 33).
      if (at + 5 > buf.length) return null;
      return need(5 + u16(buf, at + 3) * (p < 2 ? 1 : 3), { kind: 'ignored', bytes: slice(5) });
    }
    const params = escParams[op];
    if (params === undefined) return { token: { kind: 'unknown', bytes: slice(2) }, length: 2 };
    const length = 2 + params;
    if (op === 0x40) return need(length, { kind: 'initialise' });
    if (op === 0x74) return need(length, { kind: 'code-page', n: p });
    if (op === 0x21) return need(length, { kind: 'print-mode', n: p });
    if (op === 0x61) return need(length, { kind: 'align', n: p % 48 });
    if (op === 0x64) return need(length, { kind: 'feed', lines: p });
    if (op === 0x6d || op === 0x69) return need(length, { kind: 'cut' });
    return need(length, { kind: 'ignored', bytes: slice(length) });
  }
  if (b === GS) {
    if (op === 0x56) {
      // GS V m, plus n for the "feed and cut" functions B, C and D (m = 65, 66, 97, 98, 103, 104).
      if (at + 2 >= buf.length) return null;
      return need([65, 66, 97, 98, 103, 104].includes(p) ? 4 : 3, { kind: 'cut' });
    }
    if (op === 0x28) {
      // GS ( x pL pH followed by pL + 256 pH bytes; for QR (x = 'k', cn = 49): fn, then data.
      const length = 5 + u16(buf, at + 3);
      if (at + 5 > buf.length) return null;
      const body = buf.subarray(at + 5, at + length);
      if (p === 0x6b && body[0] === 49) {
        const fn = body[1] ?? 0;
        // Store (fn 80) carries m = '0' before the data.
        return need(length, { kind: 'qr', fn, data: fn === 80 ? body.subarray(3) : body.subarray(2) });
      }
      return need(length, { kind: 'ignored', bytes: slice(length) });
    }
    if (op === 0x76 && p === 0x30) {
      // GS v 0 m xL xH yL yH: a raster image of xL+256xH bytes × yL+256yH rows.
      if (at + 8 > buf.length) return null;
      return need(8 + u16(buf, at + 4) * u16(buf, at + 6), { kind: 'ignored', bytes: slice(8) });
    }
    const params = gsParams[op];
    if (params === undefined) return { token: { kind: 'unknown', bytes: slice(2) }, length: 2 };
    if (op === 0x21) return need(3, { kind: 'char-size', n: p });
    return need(2 + params, { kind: 'ignored', bytes: slice(2 + params) });
  }
  if (b === DLE && (op === 0x04 || op === 0x05)) {
    return need(3, op === 0x04 ? { kind: 'status-request', n: p } : { kind: 'ignored', bytes: slice(3) });
  }
  if (b === FS && (op === 0x2e || op === 0x26)) return { token: { kind: 'ignored', bytes: slice(2) }, length: 2 };
  return { token: { kind: 'unknown', bytes: slice(2) }, length: 2 };
}
