import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadOfficeConfig } from '../../server/config/office.ts';
import { simulate } from '../../server/simulation/simulate.ts';
import { seriousViolations } from '../helpers/axe.ts';
import { eventually, launchBrowser, screenshot } from '../helpers/browser.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

const demoPath = fileURLToPath(new URL('../../config/office.demo.json', import.meta.url));
const managerPc = { width: 1366, height: 768 };
/** Thirteen months across a year boundary, a few tickets each: the longest table the page prints. */
const monthly = [40, 60, 50, 70, 60, 65, 60, 55, 70, 66, 45, 60, 35];
const total = monthly.reduce((n, m) => n + m, 0);

describe('manager page: Rendiconto (period report) and outcome groups in a real browser', function () {
  this.timeout(180_000);
  let browser: Browser;
  let hub: TestHub;
  let dir: string;
  let context: BrowserContext;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pc-period-e2e-'));
    const office = await loadOfficeConfig(demoPath);
    await simulate({
      dbPath: join(dir, 'hub.db'), office, from: '2017-10-16', to: '2018-10-15', monthly, seed: 4,
      outcomes: [{ code: 'certificate', total: 200 }, { code: 'id-card-electronic', total: 60 }, { code: 'id-card-paper', total: 50 }],
    });
    hub = await startTestHub({ dir, office, clock: () => Date.parse('2018-10-16T07:00:00Z') });
    browser = await launchBrowser();
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await hub?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function open(username: string, role: 'manager' | 'admin', tab: string): Promise<Page> {
    await hub.hub.ctx.auth.createUser(username, `${username}-password`, role);
    await context?.close();
    context = await browser.newContext({ viewport: managerPc, locale: 'it-IT', timezoneId: 'Europe/Rome' });
    const page = await context.newPage();
    await page.goto(`${hub.url}/manager#${tab}`);
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="password"]', `${username}-password`);
    await page.click('button[type="submit"]');
    await page.locator(`[data-tab="${tab}"][aria-selected="true"]`).waitFor();
    return page;
  }
  const shot = async (page: Page, name: string) => {
    const path = await screenshot(page, name);
    await mkdir('/tmp/shots/scandicci', { recursive: true });
    await copyFile(path, `/tmp/shots/scandicci/${name}.png`);
  };

  it('shows a range across a year boundary: months with year subtotals, groups, totals; prints on one A4 page', async () => {
    const page = await open('direttrice', 'manager', 'period');
    await page.fill('input[name="from"]', '2017-10-16');
    await page.fill('input[name="to"]', '2018-10-15');
    const cellOf = (row: string) => page.locator(`[data-testid="period-months"] tr[data-month="${row}"] td`).first();
    await eventually(async () => expect(await cellOf('total').textContent()).to.equal(total.toLocaleString('it-IT')));
    expect(await cellOf('2017-10').textContent()).to.equal('40');
    expect(await cellOf('y2017').textContent()).to.equal('150');
    expect(await cellOf('y2018').textContent()).to.equal(String(total - 150));
    expect(await page.locator('[data-testid="period-months"] tr[data-month="2017-10"] th').textContent()).to.match(/ottobre 2017.*\(dal .*16.* al .*31/);
    const group = (id: string) => page.locator(`[data-testid="period-deliverables"] tbody[data-group="${id}"] tr.group td`);
    expect(await group('certificates').textContent()).to.equal(String(200 + (await hub.request('GET', '/api/reports/period?from=2017-10-16&to=2018-10-15', undefined, await hub.loginAs('m2', 'manager'))).body.groups[0].outcomes.slice(1).reduce((n: number, o: { count: number }) => n + o.count, 0)));
    expect(await group('id-cards').textContent()).to.equal('110');
    expect(await page.locator('[data-testid="period-deliverables"] tr[data-outcome="id-card-paper"] td').textContent()).to.equal('50');
    expect(await seriousViolations(page), 'period report').to.deep.equal([]);
    await shot(page, 'manager-period');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[role="tablist"]').isVisible()).to.equal(false);
    await page.screenshot({ path: '/tmp/shots/scandicci/manager-period-print.png', fullPage: true });
    const pdf = (await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page[^s]/g), 'one A4 page').to.have.length(1);
    await page.emulateMedia({ media: 'screen' });

    // A reversed range says so and asks for nothing.
    await page.fill('input[name="from"]', '2018-12-01');
    await page.locator('.period [role="alert"]').waitFor();
  });

  it('an admin adds an outcome group, which the hub stores and the report uses at once', async () => {
    const page = await open('amministratrice', 'admin', 'admin');
    await page.click('#admin-tab-outcomeGroups');
    await page.locator('[data-testid="outcome-groups-table"] tr[data-group="certificates"]').waitFor();
    await shot(page, 'manager-outcome-groups');
    await page.click('[data-action="add-group"]');
    const form = page.locator('[data-testid="outcome-group-form"]');
    await form.locator('[data-action="save"]').click();
    await eventually(async () => expect(await form.locator('[data-testid="form-problems"] li').allTextContents()).to.deep.equal([
      'Il codice usa minuscole, cifre e trattini (massimo 40).', 'Scrivi il nome in italiano e in inglese (massimo 80 caratteri).', 'Scegli almeno una prestazione.',
    ]));
    await form.locator('input[name="id"]').fill('residence');
    await form.locator('input[name="nameIt"]').fill('Residenza');
    await form.locator('input[name="nameEn"]').fill('Residence');
    expect(await form.locator('[data-code="certificate"] input').isDisabled(), 'already in Certificati').to.equal(true);
    await form.locator('[data-code="residence-application"] input').check();
    await form.locator('[data-code="address-change"] input').check();
    await shot(page, 'manager-outcome-group-form');
    await form.locator('[data-action="save"]').click();
    await page.locator('[data-testid="outcome-groups-table"] tr[data-group="residence"]').waitFor();
    const office = (await hub.request('GET', '/api/admin/office', undefined, await hub.login())).body;
    expect(office.outcomeGroups.at(-1)).to.deep.equal({ id: 'residence', name: { it: 'Residenza', en: 'Residence' }, outcomes: ['residence-application', 'address-change'] });
    const report = (await hub.request('GET', '/api/reports/period?from=2017-10-16&to=2018-10-15', undefined, await hub.login())).body;
    expect(report.groups.map((g: { id: string }) => g.id)).to.deep.equal(['certificates', 'id-cards', 'residence']);
  });
});
