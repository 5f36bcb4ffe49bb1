import { expect } from 'chai';
import { z } from 'zod';
import { parsePrinterUrl, printerLabel, printerUrlSchema, PrinterUrlError } from '../../printer/index.ts';

function errorOf(url: string): string {
  try {
    parsePrinterUrl(url);
  } catch (error) {
    expect(error).to.be.instanceOf(PrinterUrlError);
    return (error as Error).message;
  }
  throw new Error(`${url} was accepted`);
}

describe('printer: printer URLs', () => {
  it('parses tcp URLs, with port 9100 and the paper status check by default', () => {
    expect(parsePrinterUrl('tcp://192.168.1.50:9100')).to.deep.equal({ kind: 'tcp', host: '192.168.1.50', port: 9100, timeoutMs: undefined, paperStatus: true });
    expect(parsePrinterUrl('tcp://printer.local')).to.include({ host: 'printer.local', port: 9100 });
    expect(parsePrinterUrl(' tcp://[::1]:9101?timeout=300&status=off ')).to.deep.equal({ kind: 'tcp', host: '::1', port: 9101, timeoutMs: 300, paperStatus: false });
  });

  it('parses serial, file and none URLs', () => {
    expect(parsePrinterUrl('serial:/dev/ttyUSB0?baud=9600')).to.deep.equal({ kind: 'serial', path: '/dev/ttyUSB0', baudRate: 9600, timeoutMs: undefined });
    expect(parsePrinterUrl('serial:///dev/ttyS1?baud=115200&timeout=2000')).to.deep.equal({ kind: 'serial', path: '/dev/ttyS1', baudRate: 115200, timeoutMs: 2000 });
    expect(parsePrinterUrl('serial:/dev/ttyACM0')).to.include({ baudRate: 9600 });
    expect(parsePrinterUrl('file:/dev/usb/lp0')).to.deep.equal({ kind: 'file', path: '/dev/usb/lp0', timeoutMs: undefined });
    expect(parsePrinterUrl('file:///dev/usb/lp1')).to.include({ path: '/dev/usb/lp1' });
    expect(parsePrinterUrl('none')).to.deep.equal({ kind: 'none' });
  });

  it('says what is wrong with a bad URL and what is expected', () => {
    expect(errorOf('')).to.match(/a printer URL is required \(expected tcp:\/\/host:9100, serial:.*, file:.* or none\)/);
    expect(errorOf('http://printer')).to.match(/unknown printer type "http:"/);
    expect(errorOf('printer.local:9100')).to.match(/not a printer URL: did you mean tcp:\/\/printer.local:9100\?/);
    expect(errorOf('lp0')).to.match(/not a printer URL/);
    expect(errorOf('tcp://printer:99999')).to.match(/port: must be 1-65535/);
    expect(errorOf('tcp:printer:9100')).to.match(/look like tcp:\/\/host:9100/);
    expect(errorOf('tcp://printer:9100/queue')).to.match(/take no path/);
    expect(errorOf('tcp://printer:9100?timeout=fast')).to.match(/timeout: must be a number of milliseconds/);
    expect(errorOf('tcp://printer:9100?timeout=10')).to.match(/timeout: must be at least 50 ms/);
    expect(errorOf('tcp://printer:9100?status=maybe')).to.match(/status: must be on or off/);
    expect(errorOf('serial:/dev/ttyUSB0?baud=1234')).to.match(/baud: must be one of 1200, 2400, 4800, 9600/);
    expect(errorOf('serial:/dev/ttyUSB0?baudrate=9600')).to.match(/unknown option "baudrate" \(serial takes baud, timeout\)/);
    expect(errorOf('serial:?baud=9600')).to.match(/path: a device is required/);
    expect(errorOf('file:lp0')).to.match(/path: must be absolute/);
    expect(errorOf('file://server/lp0')).to.match(/take a local path, not a host/);
    expect(errorOf('file:/dev/usb/lp0?path=/etc/passwd')).to.match(/unknown option "path"/);
  });

  it('never repeats a password from a URL in its error', () => {
    const message = errorOf('tcp://admin:s3cret@printer:9100');
    expect(message).to.match(/take no user name or password/);
    expect(message).not.to.include('s3cret');
  });

  it('printerLabel() names the printer by its address alone, without options', () => {
    expect(printerLabel(parsePrinterUrl('tcp://printer.local:9100?timeout=300&status=off'))).to.equal('tcp://printer.local:9100');
    expect(printerLabel(parsePrinterUrl('tcp://[::1]'))).to.equal('tcp://[::1]:9100');
    expect(printerLabel(parsePrinterUrl('serial:///dev/ttyUSB0?timeout=900'))).to.equal('serial:/dev/ttyUSB0?baud=9600');
    expect(printerLabel(parsePrinterUrl('file:///dev/usb/lp0?timeout=900'))).to.equal('file:/dev/usb/lp0');
    expect(printerLabel(parsePrinterUrl('none'))).to.equal('none');
  });

  it('printerUrlSchema fits inside a config schema and reports the field path', () => {
    const config = z.object({ printers: z.record(z.string(), printerUrlSchema) });
    const ok = config.safeParse({ printers: { 'kiosk-1': 'tcp://10.0.0.5', 'kiosk-2': 'none' } });
    expect(ok.success && ok.data.printers['kiosk-1']).to.deep.include({ kind: 'tcp', host: '10.0.0.5' });
    const bad = config.safeParse({ printers: { 'kiosk-1': 'usb:lp0' } });
    expect(bad.success).to.equal(false);
    expect(bad.error?.issues[0]?.path).to.deep.equal(['printers', 'kiosk-1']);
  });
});
