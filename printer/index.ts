/**
 * printer/ — ticket printing for the kiosks: a ticket becomes ESC/POS bytes, and the bytes go to the
 * kiosk's printer through a transport chosen by a URL. Printing never throws and never loses a ticket:
 * a fault is reported (and the kiosk shows the number on screen instead).
 *
 * Public API
 *
 *   class PrinterService extends EventEmitter<{ status: [PrinterStatus] }>
 *     constructor(options: PrinterServiceOptions)   // { printers?: { [kioskId]: url }, defaultPrinter?: url,
 *                                                   //   layout: TicketLayoutOptions, transport?: TransportOptions,
 *                                                   //   maxQueuedJobs?: number, clock?: () => number }
 *                                                   // throws PrinterUrlError / RangeError for a bad config
 *     printTicket(kioskId: string, ticket: PrintableTicket): Promise<PrintResult>   // never rejects
 *     printDocument(key: string, what: string, render: () => Promise<Buffer>): Promise<PrintResult>   // any job
 *     printerOf(kioskId: string): string            // the printer's URL without options or secrets
 *     statuses(): PrinterStatus[]                   // last status of each kiosk (for snapshots)
 *     lastStatus(kioskId: string): PrinterStatus | undefined
 *     idle(): Promise<void>
 *   printerStatus(kioskId, printer, result, at): PrinterStatus   // the report of one job
 *     'status' event: PrinterStatus = { kioskId, printer, ok, fault?, message?, at }  → `printer:status`
 *
 *   renderTicket(ticket: PrintableTicket, options: TicketLayoutOptions): Promise<Buffer>
 *     PrintableTicket = { officeName, number, serviceName, issuedAt: Date, peopleAhead: number | null,
 *                         estimatedWaitMinutes: number | null, statusUrl, footer? }
 *     TicketLayoutOptions = { paperWidthMm: 58 | 80; timeZone: string; codePage?: 'cp850' | 'cp858' }
 *
 *   renderAppointmentSlip(slip: AppointmentSlip, options: TicketLayoutOptions): Promise<Buffer>
 *     AppointmentSlip = { officeName, appointmentOffice, startsAt: Date, code, calendar (QR text), footer? }
 *
 *   createTransport(url: string | PrinterTarget, options?: TransportOptions): PrinterTransport
 *     PrinterTransport = { label: string; target: PrinterTarget; print(bytes: Uint8Array): Promise<PrintResult> }
 *     TransportOptions = { timeoutMs?: number (5000); statusTimeoutMs?: number (500); openSerialPort? }
 *     PrintResult = { ok: true; printed: boolean }
 *                 | { ok: false; fault: 'offline' | 'timeout' | 'device-missing' | 'paper-out' | 'error'; message }
 *
 *   parsePrinterUrl(url: string): PrinterTarget      // throws PrinterUrlError with a clear message
 *   printerUrlSchema                                  // the same as a zod schema, to embed in a config schema
 *   printerLabel(target: PrinterTarget): string
 *     URLs: tcp://host[:9100][?timeout=ms&status=off] | serial:/dev/ttyUSB0[?baud=9600&timeout=ms]
 *           | file:/dev/usb/lp0[?timeout=ms] | none
 *
 * For tests and demos (not needed by the hub): `printer/virtual/index.ts` exports VirtualPrinter (a TCP
 * server on 127.0.0.1 that decodes ESC/POS into tickets), TicketDecoder and ticketPreview;
 * `node --import tsx printer/virtual/cli.ts --port 9100` runs one and prints each ticket as text.
 */
export { PrinterService, printerStatus, type PrinterServiceEvents, type PrinterServiceOptions, type PrinterStatus } from './printerService.ts';
export { renderTicket } from './ticket/renderTicket.ts';
export { renderAppointmentSlip, slipDateTime, type AppointmentSlip } from './slip/renderAppointmentSlip.ts';
export { columnsFor, type PaperWidthMm, type PrintableTicket, type TicketLayoutOptions } from './ticket/printableTicket.ts';
export type { CodePageName } from './escpos/commands.ts';
export { createTransport, type PrinterTransport, type TransportOptions } from './transport/createTransport.ts';
export type { OpenSerialPort, SerialPortLike } from './transport/serialTransport.ts';
export { parsePrinterUrl, printerLabel, printerUrlSchema, PrinterUrlError, type PrinterTarget } from './transport/printerUrl.ts';
export type { PrintFault, PrintResult } from './transport/printResult.ts';
