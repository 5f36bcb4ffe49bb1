import { printOverSerial, type OpenSerialPort } from './serialTransport.ts';
import { FilePrinter } from './fileTransport.ts';
import { parsePrinterUrl, printerLabel, type PrinterTarget } from './printerUrl.ts';
import { faultFromError, type PrintResult } from './printResult.ts';
import { printOverTcp } from './tcpTransport.ts';

/** Sends print jobs to one printer. `print` never throws and never hangs beyond its timeouts. */
export interface PrinterTransport {
  /** The printer's address without options or secrets, e.g. "tcp://192.168.1.50:9100". */
  readonly label: string;
  readonly target: PrinterTarget;
  print(bytes: Uint8Array): Promise<PrintResult>;
}

export interface TransportOptions {
  /** Default limit for each step of a job (connect, write, close); a URL's `?timeout=` wins. 5000 ms. */
  timeoutMs?: number;
  /** How long a tcp printer may take to answer the paper status request. 500 ms. */
  statusTimeoutMs?: number;
  /** Opens serial ports; tests pass serialport's SerialPortMock. */
  openSerialPort?: OpenSerialPort;
}

/** A transport for a printer URL (or an already parsed target). Throws PrinterUrlError for a bad URL. */
export function createTransport(printer: string | PrinterTarget, options: TransportOptions = {}): PrinterTransport {
  const target = typeof printer === 'string' ? parsePrinterUrl(printer) : printer;
  const label = printerLabel(target);
  const timeoutMs = (target.kind === 'none' ? undefined : target.timeoutMs) ?? options.timeoutMs ?? 5000;
  const send = sender(target, label, timeoutMs, options);
  return {
    label,
    target,
    async print(bytes) {
      try {
        return await send(bytes);
      } catch (error) {
        return faultFromError(label, error); // a bug in a transport still must not reach the caller
      }
    },
  };
}

function sender(target: PrinterTarget, label: string, timeoutMs: number, options: TransportOptions): (bytes: Uint8Array) => Promise<PrintResult> {
  switch (target.kind) {
    case 'tcp': {
      const statusTimeoutMs = options.statusTimeoutMs ?? 500;
      return (bytes) => printOverTcp(bytes, { host: target.host, port: target.port, label, timeoutMs, paperStatus: target.paperStatus, statusTimeoutMs });
    }
    case 'serial':
      return (bytes) =>
        printOverSerial(bytes, { path: target.path, baudRate: target.baudRate, label, timeoutMs, ...(options.openSerialPort ? { openPort: options.openSerialPort } : {}) });
    case 'file': {
      const printer = new FilePrinter(target.path, label, timeoutMs);
      return (bytes) => printer.print(bytes);
    }
    case 'none':
      return async () => ({ ok: true, printed: false });
  }
}
