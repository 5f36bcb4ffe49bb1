import { EventEmitter } from 'node:events';
import { JobQueue } from './jobQueue.ts';
import { formatIssuedAt } from './ticket/ticketText.ts';
import type { PrintableTicket, TicketLayoutOptions } from './ticket/printableTicket.ts';
import { renderTicket } from './ticket/renderTicket.ts';
import { createTransport, type PrinterTransport, type TransportOptions } from './transport/createTransport.ts';
import { PrinterUrlError } from './transport/printerUrl.ts';
import { failed, type PrintFault, type PrintResult } from './transport/printResult.ts';

/** What the hub forwards to staff screens as `printer:status` after each job. */
export interface PrinterStatus {
  kioskId: string;
  /** The printer's address without options or secrets ("none" when the kiosk has no printer). */
  printer: string;
  ok: boolean;
  fault?: PrintFault;
  message?: string;
  /** ISO 8601 time of the report. */
  at: string;
}

/** The status report of one print job. */
export function printerStatus(kioskId: string, printer: string, result: PrintResult, at: string): PrinterStatus {
  return result.ok
    ? { kioskId, printer, ok: true, ...(result.printed ? {} : { message: 'no printer configured: nothing printed' }), at }
    : { kioskId, printer, ok: false, fault: result.fault, message: result.message, at };
}

export interface PrinterServiceOptions {
  /** Printer URL per kiosk id; kiosks not listed use `defaultPrinter`. */
  printers?: Readonly<Record<string, string>>;
  /** Printer URL for every other kiosk; "none" when left out. */
  defaultPrinter?: string;
  layout: TicketLayoutOptions;
  transport?: TransportOptions;
  /** Jobs waiting or printing per printer before new ones are refused at once. 10 by default. */
  maxQueuedJobs?: number;
  /** Milliseconds since the epoch, for `at`; tests pass a fake one. */
  clock?: () => number;
}

export interface PrinterServiceEvents {
  status: [PrinterStatus];
}

/**
 * Prints tickets for kiosks. Every printer URL is checked when the service is built (a bad one throws
 * PrinterUrlError, so a wrong config stops the hub at start). Jobs for one printer run one at a time,
 * in order; kiosks that share a printer share its queue. `printTicket` never throws: every job ends in
 * a PrintResult and a `status` event.
 */
export class PrinterService extends EventEmitter<PrinterServiceEvents> {
  private readonly transports = new Map<string, PrinterTransport>();
  private readonly queues = new Map<string, JobQueue>();
  private readonly defaultTransport: PrinterTransport;
  private readonly byKiosk = new Map<string, PrinterTransport>();
  private readonly last = new Map<string, PrinterStatus>();
  private readonly clock: () => number;
  private readonly maxQueuedJobs: number;

  constructor(private readonly options: PrinterServiceOptions) {
    super();
    this.clock = options.clock ?? Date.now;
    this.maxQueuedJobs = options.maxQueuedJobs ?? 10;
    formatIssuedAt(new Date(0), options.layout.timeZone); // throws now for an unknown zone
    this.defaultTransport = this.transportFor(options.defaultPrinter ?? 'none', 'defaultPrinter');
    for (const [kioskId, url] of Object.entries(options.printers ?? {})) this.byKiosk.set(kioskId, this.transportFor(url, `printers.${kioskId}`));
  }

  /**
   * Replaces the per-kiosk printers (an admin changed them): every URL is checked first, so a bad one
   * throws PrinterUrlError and changes nothing. A kiosk whose printer changed forgets its last status.
   */
  setPrinters(printers: Record<string, string>): void {
    const next = new Map(Object.entries(printers).map(([kioskId, url]) => [kioskId, this.transportFor(url, `printers.${kioskId}`)] as const));
    for (const kioskId of new Set([...this.byKiosk.keys(), ...next.keys()])) {
      if ((this.byKiosk.get(kioskId) ?? this.defaultTransport).label !== (next.get(kioskId) ?? this.defaultTransport).label) this.last.delete(kioskId);
    }
    this.byKiosk.clear();
    for (const [kioskId, transport] of next) this.byKiosk.set(kioskId, transport);
  }

  /** The printer a kiosk prints on, without options or secrets. */
  printerOf(kioskId: string): string {
    return this.transportOf(kioskId).label;
  }

  /** Renders and prints a ticket on the kiosk's printer, then reports the outcome as a `status` event. */
  printTicket(kioskId: string, ticket: PrintableTicket): Promise<PrintResult> {
    return this.printDocument(kioskId, `ticket ${ticket.number}`, () => renderTicket(ticket, this.options.layout));
  }

  /** Renders and prints any document (e.g. an appointment slip) on the printer of `printerKey`; never rejects. */
  async printDocument(printerKey: string, what: string, render: () => Promise<Buffer>): Promise<PrintResult> {
    const transport = this.transportOf(printerKey);
    const queue = this.queueOf(transport.label);
    const job = queue.push(async () => {
      try {
        // Nothing to render for a kiosk without a printer: the ticket is shown on screen only.
        return await transport.print(transport.target.kind === 'none' ? new Uint8Array(0) : await render());
      } catch (error) {
        return failed('error', `${what} could not be rendered: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    const result = job ? await job : failed('error', `${transport.label}: ${queue.capacity} jobs already waiting; ${what} not printed`);
    this.report(printerKey, transport, result);
    return result;
  }

  /**
   * Checks a kiosk's printer without printing: an empty job through the same queue and transport (a tcp
   * printer is connected to, asked for its paper status when configured, and left; a device file is opened
   * and nothing written). The outcome is reported like a job's, so the kiosk knows before its first ticket.
   */
  probe(kioskId: string): Promise<PrintResult> {
    return this.printDocument(kioskId, 'a printer check', async () => Buffer.alloc(0));
  }

  /** The last reported status of each kiosk that printed, for a snapshot when a staff screen joins. */
  statuses(): PrinterStatus[] {
    return [...this.last.values()];
  }

  lastStatus(kioskId: string): PrinterStatus | undefined {
    return this.last.get(kioskId);
  }

  /** Resolves when every job queued so far has finished. */
  async idle(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.idle()));
  }

  private report(kioskId: string, transport: PrinterTransport, result: PrintResult): void {
    const status = printerStatus(kioskId, transport.label, result, new Date(this.clock()).toISOString());
    this.last.set(kioskId, status);
    try {
      this.emit('status', status);
    } catch {
      // A failing listener is the listener's problem; printing has already finished.
    }
  }

  private transportOf(kioskId: string): PrinterTransport {
    return this.byKiosk.get(kioskId) ?? this.defaultTransport;
  }

  private transportFor(url: string, setting: string): PrinterTransport {
    let transport: PrinterTransport;
    try {
      transport = createTransport(url, this.options.transport);
    } catch (error) {
      throw error instanceof PrinterUrlError ? new PrinterUrlError(`${setting}: ${error.message}`) : error;
    }
    // Same printer, same transport: a file printer's blocked-write guard must be shared.
    const known = this.transports.get(transport.label);
    if (known) return known;
    this.transports.set(transport.label, transport);
    return transport;
  }

  private queueOf(label: string): JobQueue {
    let queue = this.queues.get(label);
    if (!queue) this.queues.set(label, (queue = new JobQueue(this.maxQueuedJobs)));
    return queue;
  }
}
