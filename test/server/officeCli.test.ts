import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { Db } from '../../server/store/db.ts';

const run = promisify(execFile);
const demoPath = join(import.meta.dirname, '..', '..', 'config', 'office.demo.json');

/** `npm run office -- import` writes the stored config too: it is checked exactly like an admin's edit. */
describe('npm run office (the stored office config from the command line)', function () {
  this.timeout(60_000);
  let dir: string;
  let printers: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'punto-office-'));
    printers = join(dir, 'printers');
    await mkdir(printers);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const office = async (...args: string[]) => {
    const env = { ...process.env, DB_PATH: join(dir, 'hub.db'), OFFICE_CONFIG: demoPath, PRINTER_FILE_DIR: printers, PRINTER: 'none' };
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'server/cli/office.ts', ...args], { env });
      return { ok: true, out: stdout.trim(), err: stderr.trim() };
    } catch (err) {
      return { ok: false, out: '', err: String((err as { stderr?: string }).stderr).trim() };
    }
  };
  /** The demo config with the info point kiosk's printer set to `printer`, written to a file. */
  const withPrinter = async (printer: string) => {
    const demo = JSON.parse(await readFile(demoPath, 'utf8'));
    const file = join(dir, 'office.json');
    await writeFile(file, JSON.stringify({ ...demo, kiosks: [{ id: 'info-point', name: 'Ingresso', printer }] }));
    return file;
  };

  it('refuses a printer URL the hub could not start with, and a file: printer outside PRINTER_FILE_DIR, naming the field', async () => {
    const bogus = await office('import', await withPrinter('bogus-printer-url'));
    expect(bogus.ok).to.equal(false);
    expect(bogus.err).to.match(/kiosks\.0\.printer: not a printer URL/);
    expect(bogus.err).not.to.match(/\n\s+at /, 'a plain message, no stack');

    const outside = await office('import', await withPrinter(`file:${join(dir, 'bashrc')}`));
    expect(outside.ok).to.equal(false);
    expect(outside.err).to.match(/kiosks\.0\.printer: .*PRINTER_FILE_DIR/);

    const inside = await office('import', await withPrinter(`file:${join(printers, 'kiosk.prn')}`));
    expect(inside, JSON.stringify(inside)).to.deep.include({ ok: true });
    const exported = JSON.parse((await office('export')).out);
    expect(exported.kiosks).to.deep.equal([{ id: 'info-point', name: 'Ingresso', printer: `file:${join(printers, 'kiosk.prn')}` }]);
  });

  it('exports the config the hub runs on when the stored one is broken, and an import replaces it', async () => {
    expect((await office('export')).ok).to.equal(true); // seeds the database from the demo config
    const db = await Db.open(join(dir, 'hub.db'));
    await db.run(`UPDATE engine_meta SET value = json_set(value, '$.kiosks[0].printer', 'bogus-printer-url') WHERE key = 'office'`);
    await db.close();

    const exported = await office('export');
    expect(exported.ok, exported.err).to.equal(true);
    expect(JSON.parse(exported.out).kiosks).to.deep.equal([{ id: 'info-point', name: 'Info point — ingresso' }]);
    expect(exported.err).to.match(/not valid.*kiosks\.0\.printer/s);
    expect((await office('import', demoPath)).ok).to.equal(true);
    expect((await office('export')).err).to.equal('');
  });

  it('refuses a file that redefines an outcome of the network catalogue; codes of its own and bare catalogue codes pass', async () => {
    expect((await office('export')).ok).to.equal(true); // seeds the database, and the catalogue from it
    // A second office in the network: the default office no longer leads the catalogue alone.
    const db = await Db.open(join(dir, 'hub.db'));
    await db.run("INSERT INTO offices (id, is_default, created_at) VALUES ('vingone', 0, 0)");
    await db.close();
    const demo = JSON.parse(await readFile(demoPath, 'utf8'));
    const file = join(dir, 'office.json');
    const [first, ...rest] = demo.services;
    const withFirstOutcomes = (outcomes: unknown[]) => writeFile(file, JSON.stringify({ ...demo, services: [{ ...first, outcomes }, ...rest] }));

    await withFirstOutcomes([{ code: 'certificate', name: { it: 'Certificato', en: 'Certificate' } }, ...first.outcomes.slice(1)]);
    const renamed = await office('import', file);
    expect(renamed.ok).to.equal(false);
    expect(renamed.err).to.match(/services\.0\.outcomes\.0: outcome "certificate" is in the network catalogue as "Certificato anagrafico"/);
    expect(JSON.parse((await office('export')).out).services[0].outcomes[0].name.it, 'nothing changed').to.equal('Certificato anagrafico');

    await withFirstOutcomes(['certificate', { code: 'stamp-duty', name: { it: 'Marca da bollo', en: 'Stamp duty' } }]);
    const extended = await office('import', file);
    expect(extended, JSON.stringify(extended)).to.deep.include({ ok: true });
    expect(JSON.parse((await office('export')).out).services[0].outcomes).to.deep.equal([
      { code: 'certificate', name: { it: 'Certificato anagrafico', en: 'Registry certificate' } },
      { code: 'stamp-duty', name: { it: 'Marca da bollo', en: 'Stamp duty' } },
    ]);
  });
});
