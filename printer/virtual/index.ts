/** The virtual printer, for tests and demos: see `virtualPrinter.ts`, and `cli.ts` to run one by hand. */
export { VirtualPrinter, type VirtualPrinterEvents, type VirtualPrinterOptions } from './virtualPrinter.ts';
export { TicketDecoder, type Alignment, type DecodedLine, type DecodedTextLine, type DecodedTicket } from './ticketDecoder.ts';
export { saveTicketPreview, ticketPreview } from './preview.ts';
export { decodeText } from './codePages.ts';
