/** What became of one print job. A transport reports faults in this shape and never throws. */

export type PrintFault = 'offline' | 'timeout' | 'device-missing' | 'paper-out' | 'error';

export type PrintResult =
  /** `printed` is false only for the `none` printer: nothing was sent anywhere. */
  | { ok: true; printed: boolean }
  | { ok: false; fault: PrintFault; message: string };

export const printedOk: PrintResult = Object.freeze({ ok: true, printed: true });

export function failed(fault: PrintFault, message: string): PrintResult {
  return { ok: false, fault, message };
}

const faultByErrno: Record<string, PrintFault> = {
  ECONNREFUSED: 'offline',
  ECONNRESET: 'offline',
  ECONNABORTED: 'offline',
  EPIPE: 'offline',
  EHOSTUNREACH: 'offline',
  EHOSTDOWN: 'offline',
  ENETUNREACH: 'offline',
  ENETDOWN: 'offline',
  ENOTFOUND: 'offline',
  EAI_AGAIN: 'offline',
  ETIMEDOUT: 'timeout',
  ENOENT: 'device-missing',
  ENODEV: 'device-missing',
  ENXIO: 'device-missing',
  // The Linux lp driver (usblp) answers a write with ENOSPC when the printer reports "paper empty".
  ENOSPC: 'paper-out',
  // …and with EIO when it reports an error or being off-line.
  EIO: 'offline',
};

const hints: Record<string, string> = {
  ECONNREFUSED: 'refused the connection',
  ENOTFOUND: 'host name not found',
  ENOENT: 'no such device',
  EACCES: 'permission denied (is the user in the "lp" or "dialout" group?)',
  ENOSPC: 'out of paper',
};

/** Turns a Node.js system error into a fault and a message naming the printer. */
export function faultFromError(printer: string, error: unknown): PrintResult {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const detail = hints[code] ?? (error instanceof Error ? error.message : String(error));
  return failed(faultByErrno[code] ?? 'error', `${printer}: ${detail}${code && !detail.includes(code) ? ` (${code})` : ''}`);
}
