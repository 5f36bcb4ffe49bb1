import { PrinterService, printerStatus, type PrintResult } from '../../printer/index.ts';
import type { OfficeConfig } from '../../protocol/office.ts';
import type { PrinterStatusView, PrintState, TicketView } from '../../protocol/views.ts';
import type { Logger } from '../logger.ts';

export interface TicketPrintingOptions {
  office: OfficeConfig;
  /** The printer of kiosks without their own (`PRINTER`); "none" when left out. */
  defaultPrinter?: string | undefined;
  log: Logger;
  clock: () => number;
  /** Short timeouts in tests. */
  timeoutMs?: number;
}

/**
 * Prints issued tickets on their kiosk's printer, after the ticket is committed and without holding up
 * the kiosk's answer. Each job ends in a `printer:status` report carrying the ticket's id.
 */
export class TicketPrinting {
  readonly service: PrinterService;
  private readonly listeners = new Set<(status: PrinterStatusView) => void>();

  constructor(private readonly options: TicketPrintingOptions) {
    const printers = Object.fromEntries(options.office.kiosks.flatMap((k) => (k.printer ? [[k.id, k.printer]] : [])));
    this.service = new PrinterService({
      printers,
      defaultPrinter: options.defaultPrinter ?? 'none',
      layout: { paperWidthMm: options.office.ticketPrint.paperWidthMm, timeZone: options.office.timeZone },
      clock: options.clock,
      ...(options.timeoutMs ? { transport: { timeoutMs: options.timeoutMs, statusTimeoutMs: options.timeoutMs } } : {}),
    });
  }

  onStatus(listener: (status: PrinterStatusView) => void): void {
    this.listeners.add(listener);
  }

  /** Starts printing a just-issued ticket; the answer says what the kiosk should tell the citizen. */
  print(kioskId: string, ticket: TicketView, statusUrl: string): PrintState {
    const { office, log } = this.options;
    const printer = this.service.printerOf(kioskId);
    const service = office.services.find((s) => s.id === ticket.serviceId);
    const job = this.service.printTicket(kioskId, {
      officeName: office.name,
      number: ticket.number,
      serviceName: service?.name.it ?? ticket.serviceId,
      issuedAt: new Date(ticket.issuedAt),
      peopleAhead: ticket.position,
      estimatedWaitMinutes: ticket.estimatedWaitMinutes,
      statusUrl,
      ...(office.ticketPrint.footer ? { footer: office.ticketPrint.footer } : {}),
    });
    if (printer === 'none') {
      log.info({ kioskId, ticket: ticket.number, statusUrl }, `kiosk ${kioskId} has no printer: ticket ${ticket.number} is shown on screen only (set PRINTER or the kiosk's printer to print it)`);
    }
    void job.then((result) => this.report(kioskId, printer, ticket, result));
    return printer === 'none' ? 'no-printer' : 'printing';
  }

  private report(kioskId: string, printer: string, ticket: TicketView, result: PrintResult): void {
    const at = new Date(this.options.clock()).toISOString();
    const view: PrinterStatusView = { ...printerStatus(kioskId, printer, result, at), ticketId: ticket.id, number: ticket.number };
    if (!result.ok) this.options.log.warn({ kioskId, printer, fault: result.fault }, `ticket ${ticket.number} not printed: ${result.message}`);
    for (const listener of this.listeners) listener(view);
  }
}
