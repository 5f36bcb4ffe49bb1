import { Socket } from 'node:net';
import { isPaperOut, paperStatusRequest } from '../escpos/commands.ts';
import { failed, faultFromError, printedOk, type PrintResult } from './printResult.ts';

export interface TcpPrintOptions {
  host: string;
  port: number;
  /** Name of the printer in messages. */
  label: string;
  /** Limit for connecting, and again for writing the job and the printer closing the connection. */
  timeoutMs: number;
  /** Ask DLE EOT 4 after the job and report `paper-out` when the printer says so. */
  paperStatus: boolean;
  /** How long to wait for the status byte; no answer counts as fine (many printers never answer). */
  statusTimeoutMs: number;
}

/**
 * Raw network printing (port 9100, "JetDirect"): connect, write the job, optionally ask for the paper
 * status, half-close and wait for the printer to close its side. That last wait is what tells a printer
 * that took the job from one that accepted the connection and stalled: a stalled one never closes, and
 * the job ends as `timeout`. Resolves, never rejects, within about 2 × timeoutMs.
 */
export function printOverTcp(bytes: Uint8Array, o: TcpPrintOptions): Promise<PrintResult> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let phase: 'connecting' | 'writing' | 'status' | 'closing' = 'connecting';
    let timer: NodeJS.Timeout | undefined;
    let statusTimer: NodeJS.Timeout | undefined;
    let done = false;

    const finish = (result: PrintResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(statusTimer);
      socket.destroy();
      resolve(result);
    };
    const limit = (what: string) => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(failed('timeout', `${o.label}: ${what} within ${o.timeoutMs} ms`)), o.timeoutMs);
    };
    const closeNicely = () => {
      clearTimeout(statusTimer);
      phase = 'closing';
      socket.end();
    };

    socket.on('error', (error) => finish(faultFromError(o.label, error)));
    socket.on('close', () => {
      if (phase === 'closing' || phase === 'status') finish(printedOk);
      else finish(failed('offline', `${o.label}: the printer closed the connection before the job was sent`));
    });
    // Always read, so the printer's closing (end of stream) is noticed even when no status is asked.
    socket.on('data', (chunk: Buffer) => {
      if (phase !== 'status' || chunk.length === 0) return;
      const status = chunk[chunk.length - 1] ?? 0;
      if (isPaperOut(status)) finish(failed('paper-out', `${o.label}: out of paper (status 0x${status.toString(16).padStart(2, '0')})`));
      else closeNicely();
    });

    limit('no connection');
    socket.connect({ host: o.host, port: o.port }, () => {
      phase = 'writing';
      limit('the printer did not take the job');
      socket.write(bytes, (error) => {
        if (error || done) return; // the 'error' event reports it
        if (!o.paperStatus) return closeNicely();
        phase = 'status';
        socket.write(paperStatusRequest);
        statusTimer = setTimeout(closeNicely, o.statusTimeoutMs);
      });
    });
  });
}
