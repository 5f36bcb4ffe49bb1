import { expect } from 'chai';
import { PrinterService, PrinterUrlError, type PrinterStatus } from '../../printer/index.ts';
import { VirtualPrinter } from '../../printer/virtual/index.ts';
import { rawServer, sampleTicket, type RawServer } from './fixtures.ts';

const layout = { paperWidthMm: 58, timeZone: 'Europe/Rome' } as const;
const clock = () => Date.parse('2026-11-23T08:41:05Z');

describe('printer: PrinterService', () => {
  let printer: VirtualPrinter | undefined;
  let server: RawServer | undefined;
  afterEach(async () => {
    await printer?.close();
    await server?.close();
    printer = server = undefined;
  });

  it('prints on the kiosk\'s printer and reports the status without the URL options', async () => {
    printer = await VirtualPrinter.start();
    const service = new PrinterService({ printers: { 'kiosk-1': `${printer.url}?timeout=2000` }, layout, clock });
    const statuses: PrinterStatus[] = [];
    service.on('status', (s) => statuses.push(s));
    const result = await service.printTicket('kiosk-1', sampleTicket({ number: 'A007' }));
    expect(result).to.deep.equal({ ok: true, printed: true });
    expect((await printer.waitForTickets(1))[0]?.text).to.include('A007');
    expect(statuses).to.deep.equal([{ kioskId: 'kiosk-1', printer: printer.url, ok: true, at: '2026-11-23T08:41:05.000Z' }]);
    expect(service.lastStatus('kiosk-1')).to.deep.equal(statuses[0]);
    expect(service.printerOf('kiosk-1')).to.equal(printer.url);
  });

  it('sends other kiosks to the default printer, which is "none" unless set', async () => {
    const service = new PrinterService({ layout, clock });
    const statuses: PrinterStatus[] = [];
    service.on('status', (s) => statuses.push(s));
    expect(await service.printTicket('kiosk-9', sampleTicket())).to.deep.equal({ ok: true, printed: false });
    expect(statuses).to.deep.equal([
      { kioskId: 'kiosk-9', printer: 'none', ok: true, message: 'no printer configured: nothing printed', at: '2026-11-23T08:41:05.000Z' },
    ]);
    printer = await VirtualPrinter.start();
    const withDefault = new PrinterService({ printers: { 'kiosk-1': 'none' }, defaultPrinter: printer.url, layout });
    expect(withDefault.printerOf('kiosk-2')).to.equal(printer.url);
    expect(withDefault.printerOf('kiosk-1')).to.equal('none');
  });

  it('reports a fault as a status and a result, never as an exception', async () => {
    printer = await VirtualPrinter.start({ paperStatusByte: 0x72 });
    const service = new PrinterService({ printers: { 'kiosk-1': printer.url }, layout, clock });
    const statuses: PrinterStatus[] = [];
    service.on('status', (s) => statuses.push(s));
    service.on('status', () => {
      throw new Error('a listener that breaks');
    });
    const result = await service.printTicket('kiosk-1', sampleTicket());
    expect(result).to.deep.include({ ok: false, fault: 'paper-out' });
    expect(statuses[0]).to.deep.include({ kioskId: 'kiosk-1', ok: false, fault: 'paper-out' });
    expect(statuses[0]?.message).to.include('out of paper');
    expect(service.statuses()).to.deep.equal(statuses);
  });

  it('reports a ticket that cannot be rendered as an error', async () => {
    const service = new PrinterService({ layout, defaultPrinter: 'file:/dev/null' });
    const result = await service.printTicket('kiosk-1', sampleTicket({ number: 'A001', statusUrl: 'not a url' }));
    expect(result).to.deep.include({ ok: false, fault: 'error' });
    expect(result.ok === false && result.message).to.match(/^ticket A001 could not be rendered: statusUrl is not a valid URL/);
  });

  it('renders nothing for a kiosk without a printer', async () => {
    const service = new PrinterService({ layout });
    const result = await service.printTicket('kiosk-1', sampleTicket({ number: 'A001', statusUrl: 'not a url' }));
    expect(result).to.deep.equal({ ok: true, printed: false });
  });

  it('prints one job at a time per printer, in order, even for two kiosks sharing it', async () => {
    server = await rawServer({ closeDelayMs: 60 });
    const url = `tcp://127.0.0.1:${server.port}?status=off`;
    const service = new PrinterService({ printers: { 'kiosk-1': url, 'kiosk-2': url }, layout });
    const results = await Promise.all([
      service.printTicket('kiosk-1', sampleTicket({ number: 'A001' })),
      service.printTicket('kiosk-2', sampleTicket({ number: 'A002' })),
      service.printTicket('kiosk-1', sampleTicket({ number: 'A003' })),
    ]);
    expect(results.every((r) => r.ok)).to.equal(true);
    expect(server.maxOpen).to.equal(1);
    const numbers = server.received.map((bytes) => /A00\d/.exec(bytes.toString('latin1'))?.[0]);
    expect(numbers).to.deep.equal(['A001', 'A002', 'A003']);
  });

  it('refuses a job at once when the printer\'s queue is full, and keeps printing the others', async () => {
    printer = await VirtualPrinter.start({ stalled: true });
    const service = new PrinterService({ printers: { 'kiosk-1': printer.url }, layout, maxQueuedJobs: 2, transport: { timeoutMs: 200 } });
    const first = service.printTicket('kiosk-1', sampleTicket({ number: 'A001' }));
    const second = service.printTicket('kiosk-1', sampleTicket({ number: 'A002' }));
    const started = Date.now();
    const third = await service.printTicket('kiosk-1', sampleTicket({ number: 'A003' }));
    expect(Date.now() - started).to.be.below(100);
    expect(third).to.deep.include({ ok: false, fault: 'error' });
    expect(third.ok === false && third.message).to.equal(`${printer.url}: 2 jobs already waiting; ticket A003 not printed`);
    expect(await first).to.deep.include({ fault: 'timeout' });
    expect(await second).to.deep.include({ fault: 'timeout' });
    await service.idle();
  });

  it('refuses a bad printer URL or time zone when it is built', () => {
    expect(() => new PrinterService({ printers: { 'kiosk-1': 'tcp://printer:70000' }, layout })).to.throw(PrinterUrlError, /^printers.kiosk-1: Invalid printer URL "tcp:\/\/printer:70000": port: must be 1-65535$/);
    expect(() => new PrinterService({ defaultPrinter: 'usb:lp0', layout })).to.throw(PrinterUrlError, /^defaultPrinter: .*unknown printer type "usb:"/);
    expect(() => new PrinterService({ layout: { paperWidthMm: 80, timeZone: 'Europa/Roma' } })).to.throw(RangeError);
  });
});
