import { mkdir } from 'node:fs/promises';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { seriousViolations } from '../helpers/axe.ts';
import { eventually, launchBrowser } from '../helpers/browser.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { historyFrom, historyTo, simulatedHistory, whatIfOffice } from '../helpers/whatifHistory.ts';

const managerPc = { width: 1366, height: 768 };
const shots = '/tmp/shots/whatif';

describe('manager what-if tab in a real browser', function () {
  this.timeout(180_000);
  let browser: Browser;
  let hub: TestHub;
  let dir: string;

  before(async () => {
    dir = await simulatedHistory();
    browser = await launchBrowser();
    await mkdir(shots, { recursive: true });
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    hub = await startTestHub({ dir, office: whatIfOffice() });
  });
  afterEach(() => hub.close());

  async function openTab(): Promise<Page> {
    if (!(await hub.hub.ctx.users.listUsers()).some((u) => u.username === 'marta')) await hub.hub.ctx.auth.createUser('marta', 'marta-password', 'manager');
    const context = await browser.newContext({ viewport: managerPc, locale: 'it-IT', timezoneId: 'Europe/Rome', acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${hub.url}/manager`);
    await page.fill('input[name="username"]', 'marta');
    await page.fill('input[name="password"]', 'marta-password');
    await page.click('button[type="submit"]');
    await page.locator('[data-tab="accesses"][aria-selected="true"]').waitFor();
    await page.click('[data-tab="whatif"]');
    await page.locator('[data-testid="staffing-grid"]').waitFor();
    return page;
  }

  const gridCell = (page: Page, weekday: string, hour: number) => page.locator(`[data-testid="staffing-grid"] tr[data-weekday="${weekday}"] input[data-hour="${hour}"]`);
  const figure = (page: Page, key: string, side: string) => page.locator(`[data-testid="whatif-summary"] tr[data-figure="${key}"] td[data-side="${side}"]`);
  const minutesIn = async (page: Page, key: string, side: string) => Number((await figure(page, key, side).innerText()).replace(',', '.').replace(/[^\d.]/g, ''));

  it('replays the period with one desk fewer, shows longer waits beside reality, and saves the scenario', async () => {
    const page = await openTab();
    await page.fill('input[name="from"]', historyFrom);
    await page.fill('input[name="to"]', historyTo);
    await page.click('[data-action="real"]');
    await eventually(async () => expect(await gridCell(page, 'mon', 10).inputValue()).to.equal('2'));
    expect(await gridCell(page, 'mon', 7).inputValue()).to.equal('0');
    await page.screenshot({ path: `${shots}/whatif-plan.png` });

    await page.click('[data-action="fewer"]');
    await eventually(async () => expect(await gridCell(page, 'mon', 10).inputValue()).to.equal('1'));
    await page.check('input[name="back"][value="never"]');
    await page.click('[data-action="run"]');
    await page.locator('[data-testid="whatif-results"]').waitFor({ timeout: 60_000 });
    await eventually(async () => expect(await minutesIn(page, 'p90Wait', 'replay')).to.be.greaterThan(await minutesIn(page, 'p90Wait', 'reality')));
    expect(await figure(page, 'tickets', 'replay').innerText()).to.equal('900');
    expect(await page.locator('[data-testid="whatif-heatmap"] tr[data-weekday="mon"] td').count()).to.be.greaterThan(0);
    await page.locator('[data-testid="whatif-results"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/whatif-result.png` });
    await page.screenshot({ path: `${shots}/whatif-result-full.png`, fullPage: true });

    await page.fill('input[name="scenario-name"]', 'Un sportello in meno');
    await page.click('[data-action="save"]');
    await page.locator('[data-testid="whatif-scenarios"] tr[data-scenario="Un sportello in meno"]').waitFor();
    expect(await seriousViolations(page), 'what-if tab').to.deep.equal([]);
    const list = (await hub.request('GET', '/api/whatif/scenarios', undefined, await hub.login())).body.scenarios;
    expect(list.map((s: { name: string }) => s.name)).to.deep.equal(['Un sportello in meno']);
    await page.close();
  });

  it('shows the progress bar while a replay runs, and cancels it', async () => {
    const page = await openTab();
    await page.fill('input[name="from"]', historyFrom);
    await page.fill('input[name="to"]', historyTo);
    await page.click('[data-action="real"]');
    await eventually(async () => expect(await gridCell(page, 'mon', 10).inputValue()).to.equal('2'));
    await page.click('[data-action="run"]');
    await page.locator('[data-testid="whatif-progress"]').waitFor();
    await page.screenshot({ path: `${shots}/whatif-progress.png` });
    await page.click('[data-action="cancel"]');
    await page.locator('[data-testid="whatif-progress"]').waitFor({ state: 'detached' });
    await eventually(async () => expect(await page.locator('[data-action="run"]').isEnabled()).to.equal(true));
    await page.close();
  });
});
