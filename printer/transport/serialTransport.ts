import { stat } from 'node:fs/promises';
import { failed, faultFromError, printedOk, type PrintResult } from './printResult.ts';

type Callback = (error: Error | null | undefined) => void;

/** The part of serialport's SerialPort (and of its SerialPortMock, for tests) that printing uses. */
export interface SerialPortLike {
  readonly isOpen: boolean;
  open(callback: Callback): void;
  write(data: Buffer, callback: Callback): boolean;
  drain(callback: Callback): void;
  close(callback: Callback): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export type OpenSerialPort = (options: { path: string; baudRate: number }) => SerialPortLike | Promise<SerialPortLike>;

/**
 * The real serial port. `serialport` loads a native addon, so it is imported only when a serial printer
 * is used: a hub without one never loads it, and a broken addon becomes a fault, not a crash at start.
 */
export const openRealSerialPort: OpenSerialPort = async ({ path, baudRate }) => {
  const { SerialPort } = await import('serialport');
  return new SerialPort({ path, baudRate, autoOpen: false });
};

export interface SerialPrintOptions {
  path: string;
  baudRate: number;
  label: string;
  /** Limit for each step: open, write and drain, close. */
  timeoutMs: number;
  openPort?: OpenSerialPort;
}

class StepTimeout extends Error {}

function step(label: string, what: string, timeoutMs: number, run: (done: Callback) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new StepTimeout(`${label}: ${what} did not finish within ${timeoutMs} ms`)), timeoutMs);
    run((error) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    });
  });
}

/** Serial printing: open, write, drain (wait until transmitted), close. Resolves, never rejects. */
export async function printOverSerial(bytes: Uint8Array, o: SerialPrintOptions): Promise<PrintResult> {
  let port: SerialPortLike | undefined;
  let stage: 'open' | 'write' = 'open';
  try {
    port = await (o.openPort ?? openRealSerialPort)({ path: o.path, baudRate: o.baudRate });
    port.on('error', () => {}); // errors arrive through the callbacks; an unhandled 'error' event would crash
    const p = port;
    await step(o.label, 'opening the port', o.timeoutMs, (done) => p.open(done));
    stage = 'write';
    await step(o.label, 'sending the job', o.timeoutMs, (done) => {
      p.write(Buffer.from(bytes), (error) => error && done(error));
      p.drain(done);
    });
    await step(o.label, 'closing the port', o.timeoutMs, (done) => p.close(done));
    return printedOk;
  } catch (error) {
    if (port?.isOpen) port.close(() => {});
    if (error instanceof StepTimeout) return failed('timeout', error.message);
    // serialport's open errors carry no errno code: ask the file system whether the device is there.
    if (stage === 'open' && (await missing(o.path))) return failed('device-missing', `${o.label}: no such device`);
    return faultFromError(o.label, error);
  }
}

async function missing(path: string): Promise<boolean> {
  try {
    await stat(path);
    return false;
  } catch (error) {
    return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
  }
}
