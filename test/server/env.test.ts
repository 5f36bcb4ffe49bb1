import { expect } from 'chai';
import { readEnv } from '../../server/config/env.ts';

describe('readEnv (the hub\'s settings from the environment)', () => {
  it('checks PRINTER with the printer URL parser, so a wrong one stops the hub with the variable named', () => {
    expect(() => readEnv({ PRINTER: 'bogus-printer-url' })).to.throw(/PRINTER: not a printer URL/);
    expect(() => readEnv({ PRINTER: 'tcp://printer:99999' })).to.throw(/PRINTER: port: must be 1-65535/);
    expect(readEnv({ PRINTER: 'file:/home/office/ticket.prn' }).PRINTER, 'the installer may name any file').to.equal('file:/home/office/ticket.prn');
    expect(readEnv({}).PRINTER).to.equal('none');
  });

  it('reads PRINTER_FILE_DIR, unset by default', () => {
    expect(readEnv({}).PRINTER_FILE_DIR).to.equal(undefined);
    expect(readEnv({ PRINTER_FILE_DIR: '/srv/punto-comune/printers' }).PRINTER_FILE_DIR).to.equal('/srv/punto-comune/printers');
  });

  it('reads NODE_NAME, unset by default, and refuses one that is empty, spaced or too long', () => {
    expect(readEnv({}).NODE_NAME).to.equal(undefined);
    expect(readEnv({ NODE_NAME: 'hub-a' }).NODE_NAME).to.equal('hub-a');
    expect(readEnv({ NODE_NAME: 'pc-ufficio.local:3001' }).NODE_NAME).to.equal('pc-ufficio.local:3001');
    for (const bad of ['', 'two words', 'a"b', `a${'b'.repeat(128)}`, '-dash-first']) expect(() => readEnv({ NODE_NAME: bad }), bad).to.throw(/NODE_NAME/);
  });
});
