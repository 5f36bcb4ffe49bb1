import { expect } from 'chai';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testOffice } from '../helpers/office.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

/**
 * Printer URLs an admin sets are checked like the config file's, by the hub's own parser, and a `file:`
 * printer (ticket bytes appended to a file) may only point into PRINTER_FILE_DIR.
 */
describe('printer URLs in admin edits', () => {
  let dir: string;
  /** PRINTER_FILE_DIR of the hub under test. */
  let printers: string;
  /** A file outside it that a crafted ticket footer must never reach (think ~/.bashrc). */
  let outside: string;
  /** The kiosk's printer in the config file: written by whoever installed the hub, so it may be anywhere. */
  let seedPrinter: string;
  let hub: TestHub;
  let admin: string;

  const kiosk = (printer: string) => ({ kiosks: [{ id: 'info-point', name: 'Ingresso', printer }] });
  const patch = (body: unknown) => hub.request('PATCH', '/api/admin/office', body, admin);
  const office = async () => (await hub.request('GET', '/api/admin/office', undefined, admin)).body;
  const audit = async () => (await hub.request('GET', '/api/admin/audit', undefined, admin)).body;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'punto-printers-'));
    printers = join(dir, 'printers');
    await mkdir(printers);
    outside = join(dir, 'bashrc');
    await writeFile(outside, '# a shell start-up file\n');
    seedPrinter = join(dir, 'installer-chose-this.prn');
    hub = await startTestHub({ office: testOffice(kiosk(`file:${seedPrinter}`)), printerFileDir: printers });
    admin = await hub.login();
  });
  afterEach(async () => {
    await hub.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a printer URL the hub could not start with, naming the field, and changes nothing', async () => {
    const before = await office();
    const desks = (printer: string) => ({ desks: before.desks.map((d: object, i: number) => (i === 1 ? { ...d, printer } : d)) });
    for (const [body, expected] of [
      [kiosk('bogus-printer-url'), /^kiosks\.0\.printer: not a printer URL \(expected tcp:\/\/host:9100/],
      [kiosk('192.168.1.50:9100'), /^kiosks\.0\.printer: not a printer URL: did you mean tcp:\/\/192\.168\.1\.50:9100\?/],
      [kiosk('tcp://192.168.1.50:9100?colour=red'), /^kiosks\.0\.printer: unknown option "colour"/],
      [desks('serial:/dev/ttyUSB0?baud=1234'), /^desks\.1\.printer: baud: must be one of/],
      [desks('lpt://printer'), /^desks\.1\.printer: unknown printer type "lpt:"/],
    ] as const) {
      const res = await patch(body);
      expect(res.status, JSON.stringify(body)).to.equal(400);
      expect(res.body.error.code).to.equal('validation-failed');
      expect(res.body.error.message).to.match(expected);
    }
    const whole = await hub.request('PUT', '/api/admin/office', { ...before, ...kiosk('bogus-printer-url') }, admin);
    expect(whole.status).to.equal(400);
    expect(whole.body.error.message).to.match(/^kiosks\.0\.printer: /);
    expect(await office()).to.deep.equal(before);
    expect(await audit()).to.deep.equal([]);
  });

  it('accepts every kind of printer URL the hub can start with', async () => {
    for (const printer of ['tcp://192.168.1.50:9100?timeout=3000', 'tcp://[::1]', 'serial:/dev/ttyUSB0?baud=9600', 'none', `file:${join(printers, 'kiosk.prn')}`]) {
      const res = await patch(kiosk(printer));
      expect(res.status, `${printer}: ${JSON.stringify(res.body)}`).to.equal(200);
      expect(res.body.office.kiosks[0].printer).to.equal(printer);
    }
  });

  it('takes a file: printer only inside PRINTER_FILE_DIR: no other file, no .. nor symlink out of it', async () => {
    await symlink(dir, join(printers, 'way-out'));
    await symlink(outside, join(printers, 'looks-inside.prn'));
    for (const target of [
      outside,
      '/dev/usb/lp0',
      join(printers, '..', 'bashrc'),
      `${printers}/%2e%2e/bashrc`,
      join(printers, 'way-out', 'bashrc'),
      join(printers, 'looks-inside.prn'),
      printers,
    ]) {
      const res = await patch(kiosk(`file:${target}`));
      expect(res.status, `file:${target}: ${JSON.stringify(res.body)}`).to.equal(400);
      expect(res.body.error.code).to.equal('validation-failed');
      expect(res.body.error.message).to.match(/^kiosks\.0\.printer: .*PRINTER_FILE_DIR/);
    }
    const desk = await patch({ desks: (await office()).desks.map((d: object, i: number) => (i === 0 ? { ...d, printer: `file:${outside}` } : d)) });
    expect(desk.status).to.equal(400);
    expect(desk.body.error.message).to.match(/^desks\.0\.printer: /);
    expect((await office()).kiosks[0].printer, 'nothing changed').to.equal(`file:${seedPrinter}`);

    expect((await patch(kiosk(`file:${join(printers, 'sub', 'kiosk.prn')}`))).status, 'a sub-folder is inside').to.equal(200);
  });

  it('keeps a file: printer that the installer set in the config file when the admin saves the section again', async () => {
    const renamed = await patch({ kiosks: [{ id: 'info-point', name: 'Ingresso principale', printer: `file:${seedPrinter}` }] });
    expect(renamed.status, JSON.stringify(renamed.body)).to.equal(200);
    expect(renamed.body.office.kiosks[0]).to.deep.equal({ id: 'info-point', name: 'Ingresso principale', printer: `file:${seedPrinter}` });
    expect((await patch({ kiosks: [] })).status).to.equal(200);
    expect((await patch(kiosk(`file:${seedPrinter}`))).status, 'the config file names it: it may come back').to.equal(200);
  });

  it('without PRINTER_FILE_DIR refuses every file: printer the config file and PRINTER do not name', async () => {
    await hub.close();
    hub = await startTestHub({ office: testOffice(kiosk(`file:${seedPrinter}`)), printer: `file:${join(dir, 'default.prn')}` });
    admin = await hub.login();
    const refused = await patch(kiosk(`file:${join(printers, 'kiosk.prn')}`));
    expect(refused.status).to.equal(400);
    expect(refused.body.error.message).to.match(/^kiosks\.0\.printer: .*PRINTER_FILE_DIR is not set/);
    expect((await patch(kiosk(`file:${join(dir, 'default.prn')}`))).status, 'the PRINTER file').to.equal(200);
    expect((await patch(kiosk(`file:${seedPrinter}`))).status, 'the config file\'s').to.equal(200);
  });
});
