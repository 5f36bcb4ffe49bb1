import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { PrintableTicket } from '../../printer/index.ts';

/** A ticket like the demo office issues, with accents in every text field. */
export function sampleTicket(overrides: Partial<PrintableTicket> = {}): PrintableTicket {
  return {
    officeName: 'Punto Comune - Città di Scandicci',
    number: 'A023',
    serviceName: 'Certificati anagrafici',
    issuedAt: new Date('2026-11-23T08:41:00Z'), // 09:41 in Rome (CET, UTC+1)
    peopleAhead: 3,
    estimatedWaitMinutes: 12,
    statusUrl: 'https://puntocomune.example.it/t/2026-11-23/A023',
    footer: 'Più servizi online: è facile, perché no?',
    ...overrides,
  };
}

/** A loopback port nobody listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Where `needle` occurs in `haystack`, or -1. */
export function indexOfBytes(haystack: Uint8Array, needle: readonly number[]): number {
  return Buffer.from(haystack).indexOf(Buffer.from(needle));
}

/** How often `needle` occurs in `haystack`. */
export function countBytes(haystack: Uint8Array, needle: readonly number[]): number {
  const buf = Buffer.from(haystack);
  let count = 0;
  for (let at = buf.indexOf(Buffer.from(needle)); at !== -1; at = buf.indexOf(Buffer.from(needle), at + 1)) count++;
  return count;
}

export interface RawServer {
  port: number;
  /** Bytes received per connection, in order of connection. */
  received: Buffer[];
  /** Most connections open at the same time. */
  maxOpen: number;
  close(): Promise<void>;
}

/**
 * A bare TCP printer stand-in on 127.0.0.1: records what it gets, never answers a status request and
 * closes `closeDelayMs` after the client half-closes. `onConnect` replaces all that with its own handling.
 */
export async function rawServer(options: { closeDelayMs?: number; onConnect?: (socket: Socket) => void } = {}): Promise<RawServer> {
  const sockets = new Set<Socket>();
  const state = { received: [] as Buffer[], maxOpen: 0 };
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    state.maxOpen = Math.max(state.maxOpen, sockets.size);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    if (options.onConnect) return options.onConnect(socket);
    const chunks: Buffer[] = [];
    const index = state.received.push(Buffer.alloc(0)) - 1;
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      state.received[index] = Buffer.concat(chunks);
    });
    socket.on('end', () => setTimeout(() => socket.end(), options.closeDelayMs ?? 0));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received: state.received,
    get maxOpen() {
      return state.maxOpen;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
