import { PrinterService, printerStatus, renderAppointmentSlip, type AppointmentSlip, type PrintResult } from '../../printer/index.ts';
import type { TicketLanguage } from '../../protocol/commands.ts';
import type { OfficeConfig } from '../../protocol/office.ts';
import type { DeskPrintResult, PrinterStatusView, PrintState, TicketView } from '../../protocol/views.ts';
import type { Logger } from '../logger.ts';

export interface TicketPrintingOptions {
  /** The live office config; a change of its printer URLs applies from the next job (see `sync`). */
  office: () => OfficeConfig;
  /** The printer of kiosks without their own (`PRINTER`); "none" when left out. */
  defaultPrinter?: string | undefined;
  log: Logger;
  clock: () => number;
  /** Short timeouts in tests. */
  timeoutMs?: number;
}

/** What the ticket itself does not say but its paper does. */
export interface TicketPrintOptions {
  /** The language the citizen chose at the kiosk; Italian when left out. */
  language?: TicketLanguage;
  /** An appointment's start (ms): printed in place of the queue estimate. */
  appointmentAt?: number;
}

/**
 * Prints issued tickets on their kiosk's printer, after the ticket is committed and without holding up
 * the kiosk's answer. Each job ends in a `printer:status` report carrying the ticket's id.
 */
export class TicketPrinting {
  readonly service: PrinterService;
  /** The desks' receipt printers (office config `desks[].printer`); a desk without one has none. */
  readonly deskService: PrinterService;
  private readonly listeners = new Set<(status: PrinterStatusView) => void>();
  /** When each kiosk's printer was last checked without a ticket (see `checkKiosk`). */
  private readonly checkedAt = new Map<string, number>();

  constructor(private readonly options: TicketPrintingOptions) {
    const office = options.office();
    const common = {
      layout: { paperWidthMm: office.ticketPrint.paperWidthMm, timeZone: office.timeZone },
      clock: options.clock,
      ...(options.timeoutMs ? { transport: { timeoutMs: options.timeoutMs, statusTimeoutMs: options.timeoutMs } } : {}),
    };
    const { kiosks, desks } = printerMaps(office);
    this.service = new PrinterService({ printers: kiosks, defaultPrinter: options.defaultPrinter ?? 'none', ...common });
    this.deskService = new PrinterService({ printers: desks, defaultPrinter: 'none', ...common });
    this.applied = office;
  }

  /** The office config whose printers the services use now. */
  private applied: OfficeConfig;

  /**
   * Follows an admin's change of `kiosks[].printer` / `desks[].printer` without a restart: when the live
   * config is a new one, its printer maps replace the services' (the hub validated them when it saved).
   */
  private sync(): void {
    const office = this.options.office();
    if (office === this.applied) return;
    this.applied = office;
    const { kiosks, desks } = printerMaps(office);
    try {
      this.service.setPrinters(kiosks);
      this.deskService.setPrinters(desks);
    } catch (error) {
      this.options.log.error({ err: error }, 'the office config names a printer that cannot be used; the previous printers stay');
    }
  }

  /** Prints an appointment slip on the desk's printer and waits for the outcome. */
  async printAppointmentSlip(deskId: string, slip: AppointmentSlip): Promise<DeskPrintResult> {
    this.sync();
    const printer = this.deskService.printerOf(deskId);
    if (printer === 'none') return { ok: false, printer, message: 'This desk has no printer: show the QR code instead.' };
    // Never the code in a message that may reach the log: the code is what checks the citizen in.
    const result = await this.deskService.printDocument(deskId, 'an appointment slip', () =>
      renderAppointmentSlip(slip, { paperWidthMm: this.options.office().ticketPrint.paperWidthMm, timeZone: this.options.office().timeZone }),
    );
    if (!result.ok) this.options.log.warn({ deskId, printer, fault: result.fault }, `appointment slip not printed: ${result.message}`);
    return result.ok ? { ok: true, printer } : { ok: false, printer, fault: result.fault, message: result.message };
  }

  /** A kiosk's printer as last reported (a ticket's job or a check), or undefined when nothing is known yet. */
  kioskPrinter(kioskId: string): PrinterStatusView | undefined {
    this.sync();
    return this.service.lastStatus(kioskId);
  }

  /**
   * Checks a kiosk's printer when nothing is known about it or it was last seen down (at most once every
   * `checkEveryMs` per kiosk): the start screen can then say "Stampante ferma" before the first tap. The
   * outcome goes to the status listeners as a `printer:status` without a ticket.
   */
  checkKiosk(kioskId: string, checkEveryMs = 30_000): void {
    this.sync();
    const known = this.service.lastStatus(kioskId);
    if (known?.ok === true) return;
    const now = this.options.clock();
    const last = this.checkedAt.get(kioskId);
    if (last !== undefined && now - last < checkEveryMs && now >= last) return;
    this.checkedAt.set(kioskId, now);
    void this.service.probe(kioskId).then((result) => {
      const view = printerStatus(kioskId, this.service.printerOf(kioskId), result, new Date(this.options.clock()).toISOString());
      if (!result.ok) this.options.log.warn({ kioskId, printer: view.printer, fault: result.fault }, `kiosk ${kioskId}'s printer does not answer: ${result.message}`);
      for (const listener of this.listeners) listener(view);
    });
  }

  onStatus(listener: (status: PrinterStatusView) => void): void {
    this.listeners.add(listener);
  }

  /** Starts printing a just-issued ticket; the answer says what the kiosk should tell the citizen. */
  print(kioskId: string, ticket: TicketView, statusUrl: string, options: TicketPrintOptions = {}): PrintState {
    this.sync();
    const { log } = this.options;
    const office = this.options.office();
    const printer = this.service.printerOf(kioskId);
    const service = office.services.find((s) => s.id === ticket.serviceId);
    const language = options.language ?? 'it';
    const job = this.service.printTicket(kioskId, {
      officeName: office.name,
      number: ticket.number,
      serviceName: service?.name[language] ?? ticket.serviceId,
      language,
      priority: ticket.priority,
      ...(options.appointmentAt !== undefined ? { appointmentAt: new Date(options.appointmentAt) } : {}),
      issuedAt: new Date(ticket.issuedAt),
      peopleAhead: ticket.position,
      estimatedWaitMinutes: ticket.estimatedWaitMinutes,
      statusUrl,
      ...(office.ticketPrint.footer ? { footer: office.ticketPrint.footer } : {}),
    });
    if (printer === 'none') {
      // Not the status link: its key lets whoever reads the log follow the citizen's ticket.
      log.info({ kioskId, ticket: ticket.number }, `kiosk ${kioskId} has no printer: ticket ${ticket.number} is shown on screen only (set PRINTER or the kiosk's printer to print it)`);
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

/** The kiosks' and desks' own printers in an office config, by kiosk and desk id. */
function printerMaps(office: OfficeConfig): { kiosks: Record<string, string>; desks: Record<string, string> } {
  return {
    kiosks: Object.fromEntries(office.kiosks.flatMap((k) => (k.printer ? [[k.id, k.printer]] : []))),
    desks: Object.fromEntries(office.desks.flatMap((d) => (d.printer ? [[d.id, d.printer]] : []))),
  };
}
