import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../server/logger.ts';
import { Db } from '../../server/store/db.ts';
import { testOffice } from '../helpers/office.ts';
import { startTestHub, type TestHub, type TestHubOptions } from '../helpers/hub.ts';

const residence = { id: 'residence', prefix: 'R', name: { it: 'Residenza', en: 'Residence' }, outcomes: ['information'] };

/**
 * The office config stored in the database is the truth after the first start. When it no longer passes
 * validation (edited by hand, written by an older version, a check that became stricter), the hub still
 * starts: on the last config that started cleanly, or else on the config file's, and it says so.
 */
describe('the stored office config at start', () => {
  let dir: string;
  let hub: TestHub | undefined;
  let lines: string[];

  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'punto-restart-'))));
  afterEach(async () => {
    await hub?.close();
    hub = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  const start = async (options: TestHubOptions = {}) => {
    lines = [];
    hub = await startTestHub({ dir, publicUrl: 'https://coda.comune.example', log: createLogger('info', { write: (line: string) => void lines.push(line) }), ...options });
    return hub;
  };
  const stop = async () => {
    await hub?.close();
    hub = undefined;
  };
  const logged = () => lines.map((l) => JSON.parse(l) as { level: number; msg: string });
  /** Edits the database of a stopped hub, as a hand edit or another program would. */
  const tamper = async (sql: string, params: (string | number)[] = []) => {
    const db = await Db.open(join(dir, 'hub.db'));
    try {
      await db.run(sql, params);
    } finally {
      await db.close();
    }
  };
  const storedOffice = async () => {
    const db = await Db.open(join(dir, 'hub.db'));
    try {
      return JSON.parse((await db.get<{ value: string }>("SELECT value FROM engine_meta WHERE key = 'office'"))!.value);
    } finally {
      await db.close();
    }
  };
  const breakStoredPrinter = () =>
    tamper(`UPDATE engine_meta SET value = json_set(value, '$.kiosks', json('[{"id":"info-point","name":"Ingresso","printer":"bogus-printer-url"}]')) WHERE key = 'office'`);
  const health = async (h: TestHub) => (await h.request('GET', '/api/health', undefined, await h.login())).body;

  it('starts on the last config that started cleanly, logs why, warns on /api/health, and a save puts things right', async () => {
    let h = await start();
    const token = await h.login();
    const services = [...(await h.request('GET', '/api/admin/office', undefined, token)).body.services, residence];
    expect((await h.request('PATCH', '/api/admin/office', { services }, token)).status).to.equal(200);
    await stop();
    h = await start(); // starts cleanly on the edited config: it becomes the last good one
    expect((await health(h)).warnings).to.deep.equal([]);
    await stop();

    await breakStoredPrinter();
    h = await start();
    const running = (await h.request('GET', '/api/admin/office', undefined, await h.login())).body;
    expect(running.services.map((s: { id: string }) => s.id), 'the last good config, with the admin\'s edit').to.include('residence');
    expect(running.kiosks).to.deep.equal([]);
    expect((await h.issue({ serviceId: 'residence' })).status, 'the office works').to.equal(201);

    const report = await health(h);
    expect(report.status).to.equal('degraded');
    expect(report.warnings).to.have.length(1);
    expect(report.warnings[0]).to.deep.include({ code: 'office-config-invalid', runningOn: 'last-good' });
    expect(report.warnings[0].problems).to.deep.equal(['kiosks.0.printer: not a printer URL (expected tcp://host:9100, serial:/dev/ttyUSB0?baud=9600, file:/dev/usb/lp0 or none)']);
    expect(report.warnings[0].message).to.match(/kiosks\.0\.printer/);
    expect((await h.request('GET', '/api/health')).body, 'anyone else sees only the status').to.deep.equal({ status: 'degraded' });
    const error = logged().find((l) => l.level >= 50);
    expect(error?.msg, 'logged as an error').to.match(/office config stored in the database is not valid.*kiosks\.0\.printer/s);
    expect((await storedOffice()).kiosks[0].printer, 'the bad config stays in the database until an admin replaces it').to.equal('bogus-printer-url');

    // The admin looks, and saves the config the hub runs on: it replaces the bad one, the warning goes.
    const saved = await h.request('PUT', '/api/admin/office', running, await h.login());
    expect(saved.status).to.equal(200);
    expect((await health(h)).warnings).to.deep.equal([]);
    const audit = (await h.request('GET', '/api/admin/audit', undefined, await h.login())).body;
    expect(audit[0]).to.deep.include({ action: 'office:update', actor: 'admin' });
    await stop();
    expect((await storedOffice()).kiosks).to.deep.equal([]);
    h = await start();
    expect((await health(h)).warnings).to.deep.equal([]);
    expect(logged().filter((l) => l.level >= 50)).to.deep.equal([]);
  });

  it('starts on the config file when no stored config ever started cleanly', async () => {
    await start();
    await stop();
    await breakStoredPrinter();
    await tamper("DELETE FROM engine_meta WHERE key = 'officeLastGood'");
    const h = await start({ office: testOffice({ name: 'From the file' }) });
    expect((await h.read('/api/office')).body.name).to.equal('From the file');
    const [warning] = (await health(h)).warnings;
    expect(warning).to.deep.include({ code: 'office-config-invalid', runningOn: 'config-file' });
    expect(warning.message).to.match(/config file/);
  });

  it('starts even when the stored config is not an office config at all', async () => {
    await start();
    await stop();
    await tamper("UPDATE engine_meta SET value = '\"nothing useful\"' WHERE key = 'office'");
    const h = await start();
    expect((await h.read('/api/office')).body.name).to.equal('Test office');
    expect((await health(h)).warnings[0]).to.deep.include({ code: 'office-config-invalid', runningOn: 'last-good' });
  });

  it('every accepted edit of the printers leaves a hub that starts again, with them', async () => {
    let h = await start();
    const token = await h.login();
    const office = (await h.request('GET', '/api/admin/office', undefined, token)).body;
    const kiosks = [
      { id: 'info-point', name: 'Ingresso', printer: 'tcp://192.168.1.50:9100?timeout=3000&status=off' },
      { id: 'first-floor', name: 'Primo piano', printer: 'serial:/dev/ttyUSB0?baud=19200' },
    ];
    const desks = office.desks.map((d: object, i: number) => (i === 0 ? { ...d, printer: 'tcp://printer.local' } : d));
    expect((await h.request('PATCH', '/api/admin/office', { kiosks, desks }, token)).status).to.equal(200);
    expect((await h.request('PATCH', '/api/admin/office', { kiosks: [{ id: 'info-point', name: 'Ingresso', printer: 'bogus-printer-url' }] }, token)).status).to.equal(400);
    await stop();
    h = await start();
    const again = (await h.request('GET', '/api/admin/office', undefined, await h.login())).body;
    expect(again.kiosks).to.deep.equal(kiosks);
    expect(again.desks[0].printer).to.equal('tcp://printer.local');
    expect((await health(h)).warnings).to.deep.equal([]);
  });
});
