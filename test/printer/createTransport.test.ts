import { expect } from 'chai';
import { createTransport, parsePrinterUrl, PrinterUrlError } from '../../printer/index.ts';

describe('printer: createTransport()', () => {
  it('"none" prints nothing and says so', async () => {
    const transport = createTransport('none');
    expect(transport.label).to.equal('none');
    expect(await transport.print(Uint8Array.of(0x1b, 0x40))).to.deep.equal({ ok: true, printed: false });
  });

  it('picks the transport from the URL and names it by its address', () => {
    expect(createTransport('tcp://10.1.2.3?timeout=900').target).to.deep.include({ kind: 'tcp', host: '10.1.2.3', port: 9100, timeoutMs: 900 });
    expect(createTransport('serial:/dev/ttyUSB0?baud=38400').label).to.equal('serial:/dev/ttyUSB0?baud=38400');
    expect(createTransport(parsePrinterUrl('file:///dev/usb/lp0')).label).to.equal('file:/dev/usb/lp0');
  });

  it('throws PrinterUrlError for a bad URL when it is created, not when it prints', () => {
    expect(() => createTransport('tcp://')).to.throw(PrinterUrlError, /Invalid printer URL "tcp:\/\/"/);
    expect(() => createTransport('lpt1:')).to.throw(PrinterUrlError, /unknown printer type "lpt1:"/);
  });
});
