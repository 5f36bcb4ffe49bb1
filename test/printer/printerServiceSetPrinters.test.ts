import { expect } from 'chai';
import { PrinterService, PrinterUrlError } from '../../printer/index.ts';

const layout = { paperWidthMm: 58, timeZone: 'Europe/Rome' } as const;

describe('PrinterService.setPrinters: an admin changes the kiosks’ printers', () => {
  it('replaces the per-kiosk printers; a kiosk left out falls back to the default', () => {
    const service = new PrinterService({ printers: { a: 'tcp://10.0.0.1:9100', b: 'tcp://10.0.0.2:9100' }, defaultPrinter: 'none', layout });
    service.setPrinters({ a: 'tcp://10.0.0.3:9100', c: 'serial:/dev/ttyUSB0' });
    expect(service.printerOf('a')).to.equal('tcp://10.0.0.3:9100');
    expect(service.printerOf('b')).to.equal('none');
    expect(service.printerOf('c')).to.match(/^serial:\/dev\/ttyUSB0/);
  });

  it('checks every URL first: a bad one throws and changes nothing', () => {
    const service = new PrinterService({ printers: { a: 'tcp://10.0.0.1:9100' }, layout });
    expect(() => service.setPrinters({ a: 'tcp://10.0.0.9:9100', b: '10.0.0.2:9100' })).to.throw(PrinterUrlError, /printers\.b: .*did you mean tcp:\/\/10\.0\.0\.2:9100/);
    expect(service.printerOf('a')).to.equal('tcp://10.0.0.1:9100');
  });
});
