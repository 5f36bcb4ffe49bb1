import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { loadOfficeConfig } from '../../server/config/office.ts';
import { previousDay } from '../../server/simulation/days.ts';
import { simulate } from '../../server/simulation/simulate.ts';
import { launchBrowser, screenshotDir } from '../helpers/browser.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

const demoPath = fileURLToPath(new URL('../../config/office.demo.json', import.meta.url));
const romeToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());

/** The pages of a PDF: its page objects (`/Type /Page`, not the `/Type /Pages` tree). */
const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;

/**
 * Every report tab prints on one A4 page: the demo office (its services and desks) with this year's history
 * simulated through the real engine up to yesterday, each tab opened with its default filters (the year so far)
 * and printed to PDF as Chromium prints it.
 */
describe('manager reports on paper', function () {
  this.timeout(240_000);
  let browser: Browser;
  let hub: TestHub;
  let dir: string;
  let page: Page;

  before(async function () {
    const today = romeToday();
    // On 1 January the year so far is empty: nothing realistic to print.
    if (today.endsWith('-01-01')) this.skip();
    dir = await mkdtemp(join(tmpdir(), 'pc-print-'));
    const office = await loadOfficeConfig(demoPath);
    const from = `${today.slice(0, 4)}-01-01`;
    const months = Number(today.slice(5, 7));
    await simulate({ dbPath: join(dir, 'hub.db'), office, from, to: previousDay(today), monthly: Array(months).fill(180), seed: 7 });
    hub = await startTestHub({ dir, office });
    await hub.hub.ctx.auth.createUser('anna', 'anna-password', 'manager');
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'it-IT', timezoneId: 'Europe/Rome', acceptDownloads: true });
    page = await context.newPage();
    await page.goto(`${hub.url}/manager`);
    await page.fill('input[name="username"]', 'anna');
    await page.fill('input[name="password"]', 'anna-password');
    await page.click('button[type="submit"]');
    await page.locator('[data-tab="accesses"][aria-selected="true"]').waitFor();
  });
  after(async () => {
    await browser?.close();
    await hub?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('Accessi shows the accesses per service and month, whose totals are the monthly table\'s', async () => {
    await page.locator('[data-testid="issued-by-service"]').waitFor();
    const monthlyTotal = page.locator('[data-testid="monthly-table"] tr[data-month="total"] td[data-col="issued"]');
    const byServiceTotal = page.locator('[data-testid="issued-by-service"] tfoot td[data-col="total"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="issued-by-service"] tfoot td[data-col="total"]')?.textContent?.trim() !== '0');
    expect(await byServiceTotal.textContent()).to.equal(await monthlyTotal.textContent());
    expect(await page.locator('[data-testid="issued-by-service"] tbody tr').count(), 'a row per service of the demo office').to.equal(hub.hub.ctx.office.services.length);
    await page.locator('[data-testid="issued-by-service"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'manager-accesses-by-service.png'), fullPage: true });
  });

  it('Operatori lists each clerk with served, mean service time and first-contact rate, against the target', async () => {
    await page.click('[data-tab="clerks"]');
    const rows = page.locator('[data-testid="clerks-table"] tbody tr');
    await rows.first().waitFor();
    const served = (await page.locator('[data-testid="clerks-table"] tbody tr td:nth-of-type(1)').allTextContents()).map((t) => Number(t.replace(/\./g, '')));
    const total = Number((await page.locator('[data-testid="clerks-table"] tfoot td').first().textContent())!.replace(/\./g, ''));
    expect(served.length, 'one row per clerk who served').to.be.greaterThan(1);
    expect(served.reduce((a, b) => a + b, 0)).to.equal(total);
    expect(await page.locator('[data-testid="clerks-table"] tfoot td[data-col="rate"]').textContent()).to.match(/^\d{1,3}(,\d)?\s?%$/);
    expect(await page.locator('[data-panel="clerks"] .privacy').textContent()).to.match(/Dati personali/);
    await page.screenshot({ path: join(screenshotDir, 'manager-clerks.png'), fullPage: true });
  });

  it('downloads the clerks as CSV in the page\'s language: Italian, then English after switching', async () => {
    await page.click('[data-tab="clerks"]');
    await page.locator('[data-testid="clerks-table"]').waitFor();
    const csvLines = async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-panel="clerks"] [data-action="csv"]')]);
      return (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    };
    const it = await csvLines();
    expect(it[0]).to.equal('Operatore;Serviti;Servizio medio (min);Chiuse al primo livello;Inviate al secondo livello;Risoluzione al primo contatto');
    expect(it.at(-1)).to.match(/^Totale;\d+;\d+(,\d)?;\d+;\d+;\d+(,\d)?%$/);
    await page.click('[data-language="en"]');
    await page.locator('[data-tab="clerks"]', { hasText: 'Clerks' }).waitFor();
    const en = await csvLines();
    expect(en[0]).to.equal('Clerk,Served,Average service (min),Closed at first level,Sent to second level,First-contact resolution');
    expect(en.at(-1)).to.match(/^Total,\d+,\d+(\.\d)?,\d+,\d+,\d+(\.\d)?%$/);
    await page.click('[data-language="it"]');
    await page.locator('[data-tab="clerks"]', { hasText: 'Operatori' }).waitFor();
  });

  /** What shows that a tab has its figures (or says it has none). */
  const ready: Record<string, string> = {
    accesses: '[data-testid="monthly-table"] >> nth=0',
    outcomes: '[data-testid="outcomes-table"]',
    times: '[data-testid="first-contact"]',
    heatmap: '[data-testid="heatmap"]',
    ratings: '[data-testid="ratings-table"], [data-testid="report-empty"]',
    needs: '[data-testid="needs-table"], [data-testid="report-empty"]',
    clerks: '[data-testid="clerks-table"]',
    live: '[data-testid="live-desks"]',
  };

  for (const [tab, selector] of Object.entries(ready)) {
    it(`${tab}: prints on exactly one A4 page`, async () => {
      await page.emulateMedia({ media: 'screen' });
      await page.click(`[data-tab="${tab}"]`);
      await page.locator(`[data-panel="${tab}"]`).waitFor();
      await page.locator(`[data-panel="${tab}"]`).locator(selector).first().waitFor();
      if (tab === 'accesses') await page.locator('[data-testid="issued-by-service"]').waitFor();
      await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null);
      await page.emulateMedia({ media: 'print' });
      // The screenshot as wide as the paper's printable width (210 mm less two 12 mm margins, at 96 px an inch).
      await page.setViewportSize({ width: 703, height: 1031 });
      await page.screenshot({ path: join(screenshotDir, `manager-print-${tab}.png`), fullPage: true });
      // Nothing wider than the paper (a table clipped at the right edge would still be one page).
      const overflow = await page.evaluate(() =>
        [...document.querySelectorAll('.tab-panel table, .tab-panel canvas, .tab-panel ul')]
          .map((el) => ({ what: `${el.tagName} ${el.getAttribute('data-testid') ?? el.className}`, right: Math.round(el.getBoundingClientRect().right) }))
          .filter((e) => e.right > 703),
      );
      expect(overflow, `${tab}: wider than the paper`).to.deep.equal([]);
      await page.setViewportSize({ width: 1366, height: 768 });
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
      expect(pageCount(pdf), `${tab}: pages`).to.equal(1);
    });
  }
});
