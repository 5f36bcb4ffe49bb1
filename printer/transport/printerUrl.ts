import { z } from 'zod';

/**
 * Printer URLs: which transport a kiosk's tickets go through.
 *   tcp://host:9100[?timeout=5000&status=off]   raw network printing (port 9100 when left out)
 *   serial:/dev/ttyUSB0[?baud=9600&timeout=5000] serial or USB-serial adapter (COM3 on Windows)
 *   file:/dev/usb/lp0[?timeout=5000]              Linux USB printer class device (never created)
 *   none                                          no printer: nothing is printed
 * `timeout` (ms) overrides the transport's default; `status=off` skips the DLE EOT 4 paper check.
 */
export type PrinterTarget =
  | { kind: 'tcp'; host: string; port: number; timeoutMs?: number | undefined; paperStatus: boolean }
  | { kind: 'serial'; path: string; baudRate: number; timeoutMs?: number | undefined }
  | { kind: 'file'; path: string; timeoutMs?: number | undefined }
  | { kind: 'none' };

export class PrinterUrlError extends Error {
  override name = 'PrinterUrlError';
}

const expected = 'expected tcp://host:9100, serial:/dev/ttyUSB0?baud=9600, file:/dev/usb/lp0 or none';
const baudRates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;
const timeout = z.coerce
  .number({ error: 'must be a number of milliseconds' })
  .int('must be whole milliseconds')
  .min(50, 'must be at least 50 ms')
  .max(120_000, 'must be at most 120000 ms')
  .optional();

/** Only the query options a kind takes; anything else is a typo worth reporting. */
const onlyOptions = (kind: string, names: string) => ({
  error: (issue: { code?: string; keys?: readonly string[] }) =>
    issue.code === 'unrecognized_keys' ? `unknown option ${(issue.keys ?? []).map((k) => `"${k}"`).join(', ')} (${kind} takes ${names})` : undefined,
});

const targetSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('tcp'),
    host: z.string().min(1, 'is required'),
    port: z.coerce.number().int().min(1, 'must be 1-65535').max(65535, 'must be 1-65535').default(9100),
    timeout,
    status: z.enum(['on', 'off'], 'must be on or off').default('on'),
  }, onlyOptions('tcp', 'timeout, status')),
  z.strictObject({
    kind: z.literal('serial'),
    path: z.string().min(1, 'a device is required, e.g. serial:/dev/ttyUSB0'),
    baud: z.coerce.number().refine((n) => (baudRates as readonly number[]).includes(n), `must be one of ${baudRates.join(', ')}`).default(9600),
    timeout,
  }, onlyOptions('serial', 'baud, timeout')),
  z.strictObject({
    kind: z.literal('file'),
    path: z.string().regex(/^\//, 'must be absolute, e.g. file:/dev/usb/lp0'),
    timeout,
  }, onlyOptions('file', 'timeout')),
  z.strictObject({ kind: z.literal('none') }),
]);

/** Splits a URL into its kind, address parts and query options, all still strings. */
function splitUrl(raw: string, ctx: z.RefinementCtx): unknown {
  const fail = (message: string) => {
    ctx.addIssue({ code: 'custom', message });
    return {};
  };
  if (raw.toLowerCase() === 'none') return { kind: 'none' };
  if (/^[\w.-]+:\d+$/.test(raw)) return fail(`not a printer URL: did you mean tcp://${raw}?`);
  const scheme = /^([a-z][a-z0-9+.-]*):(.*)$/i.exec(raw);
  if (!scheme) return fail(`not a printer URL (${expected})`);
  const kind = (scheme[1] ?? '').toLowerCase();
  const [address = '', query] = (scheme[2] ?? '').split(/\?(.*)/s, 2);
  const options = Object.fromEntries(new URLSearchParams(query ?? ''));
  const reserved = Object.keys(options).find((k) => ['kind', 'host', 'port', 'path'].includes(k));
  if (reserved !== undefined) return fail(`unknown option "${reserved}"`);
  if (kind === 'tcp') {
    let url: URL;
    try {
      url = new URL(`tcp:${address}`);
    } catch {
      const port = /:(\d+)\/?$/.exec(address)?.[1];
      return fail(port !== undefined && Number(port) > 65535 ? 'port: must be 1-65535' : 'tcp printer URLs look like tcp://host:9100');
    }
    if (!address.startsWith('//') || url.hostname === '') return fail('tcp printer URLs look like tcp://host:9100');
    if (url.username !== '' || url.password !== '') return fail('tcp printer URLs take no user name or password');
    if (url.pathname !== '' && url.pathname !== '/') return fail('tcp printer URLs take no path');
    return { ...options, kind, host: url.hostname.replace(/^\[(.*)\]$/, '$1'), ...(url.port === '' ? {} : { port: url.port }) };
  }
  if (kind === 'serial' || kind === 'file') {
    if (address.startsWith('//') && !address.startsWith('///')) return fail(`${kind}: URLs take a local path, not a host`);
    return { ...options, kind, path: decodeURIComponent(address.replace(/^\/\/(?=\/)/, '')) };
  }
  return fail(`unknown printer type "${kind}:" (${expected})`);
}

/** A printer URL string into a validated target; usable inside a bigger zod config schema. */
export const printerUrlSchema = z
  .string()
  .trim()
  .min(1, `a printer URL is required (${expected})`)
  .transform(splitUrl)
  .pipe(targetSchema)
  .transform((t): PrinterTarget => {
    if (t.kind === 'tcp') return { kind: 'tcp', host: t.host, port: t.port, timeoutMs: t.timeout, paperStatus: t.status === 'on' };
    if (t.kind === 'serial') return { kind: 'serial', path: t.path, baudRate: t.baud, timeoutMs: t.timeout };
    if (t.kind === 'file') return { kind: 'file', path: t.path, timeoutMs: t.timeout };
    return { kind: 'none' };
  });

/** The URL with any user name and password masked, for error messages. */
function masked(raw: string): string {
  return raw.replace(/\/\/[^/@?]*@/, '//***@');
}

/** Parses a printer URL; throws a PrinterUrlError that says what is wrong and what is expected. */
export function parsePrinterUrl(raw: string): PrinterTarget {
  const result = printerUrlSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message));
  throw new PrinterUrlError(`Invalid printer URL ${JSON.stringify(masked(String(raw)))}: ${problems.join('; ')}`);
}

/** How a printer is named in logs and status events: its address, without options or secrets. */
export function printerLabel(target: PrinterTarget): string {
  switch (target.kind) {
    case 'tcp':
      return `tcp://${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
    case 'serial':
      return `serial:${target.path}?baud=${target.baudRate}`;
    case 'file':
      return `file:${target.path}`;
    case 'none':
      return 'none';
  }
}
