import { EventEmitter } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { paperStatus } from '../escpos/commands.ts';
import { TicketDecoder, type DecodedTicket } from './ticketDecoder.ts';

export interface VirtualPrinterOptions {
  /** 127.0.0.1 unless told otherwise. */
  host?: string;
  /** 0 (any free port) unless told otherwise. */
  port?: number;
  /** The byte answered to DLE EOT 4; 0x12 is "paper fine", 0x72 "paper out" (see `paperStatus`). */
  paperStatusByte?: number;
  /** Accept connections but never read, answer or close them: a printer that hangs. */
  stalled?: boolean;
}

export interface VirtualPrinterEvents {
  ticket: [DecodedTicket];
}

/**
 * A network ticket printer for tests and demos: a TCP server that decodes the ESC/POS it receives into
 * tickets (text lines in Unicode with their double-size mode, QR payloads, cuts) and answers the
 * real-time status request DLE EOT n like an Epson printer. It keeps every ticket it has cut, in order.
 */
export class VirtualPrinter extends EventEmitter<VirtualPrinterEvents> {
  readonly tickets: DecodedTicket[] = [];
  paperStatusByte: number;
  stalled: boolean;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    options: VirtualPrinterOptions,
  ) {
    super();
    this.paperStatusByte = options.paperStatusByte ?? paperStatus.ok;
    this.stalled = options.stalled ?? false;
    server.on('connection', (socket) => this.accept(socket));
  }

  static async start(options: VirtualPrinterOptions = {}): Promise<VirtualPrinter> {
    const server = createServer();
    const printer = new VirtualPrinter(server, options);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    return printer;
  }

  get host(): string {
    return (this.server.address() as AddressInfo).address;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The printer URL to configure, e.g. "tcp://127.0.0.1:40123". */
  get url(): string {
    return `tcp://${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.port}`;
  }

  /** Resolves with the first `count` tickets once they have arrived; rejects after `timeoutMs`. */
  waitForTickets(count: number, timeoutMs = 2000): Promise<DecodedTicket[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.tickets.length < count) return;
        clearTimeout(timer);
        this.off('ticket', check);
        resolve(this.tickets.slice(0, count));
      };
      const timer = setTimeout(() => {
        this.off('ticket', check);
        reject(new Error(`virtual printer: ${this.tickets.length} of ${count} tickets after ${timeoutMs} ms`));
      }, timeoutMs);
      this.on('ticket', check);
      check();
    });
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => {}); // a client that resets is not the printer's problem
    if (this.stalled) {
      socket.pause(); // never read: the client's data sits in the kernel buffers, and nothing answers
      return;
    }
    const decoder = new TicketDecoder();
    socket.on('data', (chunk: Buffer) => {
      const { tickets, statusRequests } = decoder.feed(chunk);
      for (const n of statusRequests) socket.write(Uint8Array.of(n === 4 ? this.paperStatusByte : paperStatus.ok));
      for (const ticket of tickets) this.keep(ticket);
    });
    socket.on('end', () => {
      const rest = decoder.end();
      if (rest) this.keep(rest);
    });
  }

  private keep(ticket: DecodedTicket): void {
    this.tickets.push(ticket);
    this.emit('ticket', ticket);
  }
}
