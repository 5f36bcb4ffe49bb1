import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { Db } from '../../server/store/db.ts';
import { seriousViolations } from '../helpers/axe.ts';
import { eventually, launchBrowser, screenshot } from '../helpers/browser.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

/** A stored office config that fails validation at start: the office runs on, and the manager app says so. */
describe('manager page: the warning about a broken stored office config', function () {
  this.timeout(120_000);
  let browser: Browser;
  let dir: string;
  let hub: TestHub;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'punto-warning-'));
    await (await startTestHub({ dir, publicUrl: 'https://coda.comune.example' })).close();
    const db = await Db.open(join(dir, 'hub.db'));
    await db.run(`UPDATE engine_meta SET value = json_set(value, '$.kiosks', json('[{"id":"info-point","name":"Ingresso","printer":"bogus-printer-url"}]')) WHERE key = 'office'`);
    await db.close();
    hub = await startTestHub({ dir, publicUrl: 'https://coda.comune.example' });
  });
  afterEach(async () => {
    await hub.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function openManager(username: string, role: 'manager' | 'admin'): Promise<Page> {
    await hub.hub.ctx.auth.createUser(username, `${username}-password`, role);
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
    const page = await context.newPage();
    await page.goto(`${hub.url}/manager`);
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="password"]', `${username}-password`);
    await page.click('button[type="submit"]');
    await page.locator('[data-tab="accesses"][aria-selected="true"]').waitFor();
    return page;
  }

  it('shows a banner with the reason on every tab, and an admin keeps the config in use with one click', async () => {
    const manager = await openManager('marta', 'manager');
    const seen = manager.locator('[data-testid="hub-warning"][data-code="office-config-invalid"]');
    await seen.waitFor();
    await eventually(async () => expect(await seen.locator('.what-now').textContent()).to.include('Avvisa un amministratore'));
    expect(await seen.locator('[data-action="keep-running-config"]').count(), 'only admins may save').to.equal(0);
    await manager.context().close();

    const page = await openManager('ada', 'admin');
    const banner = page.locator('[data-testid="hub-warning"]');
    await banner.waitFor();
    await eventually(async () => {
      expect(await banner.locator('h2').textContent()).to.equal('Attenzione: la configurazione dell’ufficio salvata non è valida');
      expect(await banner.textContent()).to.include('ultima configurazione avviata correttamente');
    });
    await banner.locator('summary').click();
    await banner.locator('li', { hasText: 'kiosks.0.printer: not a printer URL' }).waitFor();
    expect(await seriousViolations(page), 'banner').to.deep.equal([]);
    await screenshot(page, 'manager-office-config-warning');
    await page.click('[data-tab="admin"]');
    await page.locator('[data-tab="admin"][aria-selected="true"]').waitFor();
    await eventually(async () => expect(await banner.isVisible(), 'on every tab').to.equal(true));

    await banner.locator('[data-action="keep-running-config"]').click();
    await page.locator('[data-testid="status"][data-key="hubWarning.saved"]').waitFor();
    await banner.waitFor({ state: 'detached' });
    const health = await hub.request('GET', '/api/health', undefined, await hub.login());
    expect(health.body.warnings).to.deep.equal([]);
    await page.context().close();
  });
});

/** An office of the network whose database is gone at start: the others run, and the manager app names it. */
describe('manager page: the warning about an office that did not start', function () {
  this.timeout(120_000);
  let browser: Browser;
  let dir: string;
  let hub: TestHub;

  before(async () => {
    browser = await launchBrowser();
    dir = await mkdtemp(join(tmpdir(), 'punto-offices-warning-'));
    const first = await startTestHub({ dir, publicUrl: 'https://coda.comune.example' });
    const office = { ...first.hub.ctx.office, id: 'vingone', name: 'Vingone' };
    expect((await first.request('POST', '/api/admin/offices', { office }, await first.login())).status).to.equal(201);
    await first.close();
    await rm(join(dir, 'offices', 'vingone.db'));
    hub = await startTestHub({ dir, publicUrl: 'https://coda.comune.example' });
  });
  after(async () => {
    await browser?.close();
    await hub?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('names the office and what is wrong, and the default office works on', async () => {
    await hub.hub.ctx.auth.createUser('ada', 'ada-password', 'admin');
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
    const page = await context.newPage();
    await page.goto(`${hub.url}/manager`);
    await page.fill('input[name="username"]', 'ada');
    await page.fill('input[name="password"]', 'ada-password');
    await page.click('button[type="submit"]');
    const banner = page.locator('[data-testid="hub-warning"][data-code="offices-not-started"]');
    await banner.waitFor();
    await eventually(async () => {
      expect(await banner.locator('h2').textContent()).to.equal('Alcuni uffici della rete non sono partiti');
      expect(await banner.locator('li').textContent()).to.match(/^vingone: .*vingone\.db is missing/);
    });
    expect(await seriousViolations(page), 'banner').to.deep.equal([]);
    await screenshot(page, 'manager-offices-not-started');
    expect((await hub.issue({ serviceId: 'certs' })).status).to.equal(201);
    await context.close();
  });
});
