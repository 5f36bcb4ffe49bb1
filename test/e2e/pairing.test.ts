import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seriousViolations } from '../helpers/axe.ts';
import { launchBrowser, screenshot } from '../helpers/browser.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

/** An admin pairs a new kiosk from Amministrazione → Dispositivi with the code it shows, then unpairs it. */
describe('pairing a kiosk from the manager app', function () {
  this.timeout(120_000);
  let browser: Browser;
  let hub: TestHub;
  const contexts: BrowserContext[] = [];

  before(async () => {
    browser = await launchBrowser();
    hub = await startTestHub();
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await hub?.close();
    await browser?.close();
  });

  async function newPage(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'it-IT', timezoneId: 'Europe/Rome' });
    contexts.push(context);
    return context.newPage();
  }

  it('shows the code on the kiosk, pairs it with that code, and unpairs it at once', async () => {
    const kiosk = await newPage({ width: 1920, height: 1080 });
    await kiosk.goto(`${hub.url}/kiosk`);
    const codeText = kiosk.locator('[data-testid="pairing-code"]');
    await kiosk.waitForFunction(() => /^\d{3} \d{3}$/.test(document.querySelector('[data-testid="pairing-code"]')?.textContent?.trim() ?? ''));
    const code = (await codeText.textContent())!.trim();
    await screenshot(kiosk, 'pairing-kiosk-code');

    await hub.hub.ctx.auth.createUser('ada', 'ada-password', 'admin');
    const page = await newPage({ width: 1366, height: 768 });
    await page.goto(`${hub.url}/manager`);
    await page.fill('input[name="username"]', 'ada');
    await page.fill('input[name="password"]', 'ada-password');
    await page.click('button[type="submit"]');
    await page.locator('[data-tab="accesses"][aria-selected="true"]').waitFor();
    await page.click('[data-tab="admin"]');
    await page.click('[data-tab="devices"]');
    await page.locator('[data-testid="device-form"]').waitFor();

    // A wrong code is refused with the hub's reason, in plain words.
    await page.fill('input[name="device-name"]', 'Chiosco ingresso');
    await page.check('input[name="device-kind"][value="kiosk"]');
    const wrong = code === '000 000' ? '111 111' : '000 000';
    await page.fill('input[name="device-code"]', wrong);
    await page.click('[data-action="add-device"]');
    await page.locator('[data-testid="status"][data-key="errors.unknown-pairing"]').waitFor();

    await page.fill('input[name="device-code"]', code);
    await page.click('[data-action="add-device"]');
    await page.locator('[data-testid="status"][data-key="devices.added"]').waitFor();
    // The table reloads after the status line: wait for the row as it is once paired, never read it once.
    const row = page.locator('[data-testid="devices-table"] tr[data-device="Chiosco ingresso"]');
    await page.locator('[data-testid="devices-table"] tr[data-device="Chiosco ingresso"][data-paired="true"]').waitFor({ timeout: 10_000 });

    // The kiosk collects its token and shows its service buttons within a few seconds.
    await kiosk.locator('[data-service="certs"]:enabled').waitFor({ timeout: 10_000 });
    await kiosk.locator('[data-testid="pairing-code"]').waitFor({ state: 'detached' });

    await page.locator('[data-testid="devices-table"] tr[data-device="Chiosco ingresso"][data-connected="true"]').waitFor({ timeout: 10_000 });
    expect(await seriousViolations(page), 'devices section').to.deep.equal([]);
    await screenshot(page, 'manager-admin-devices');

    await row.locator('[data-action="unpair"]').click();
    await page.locator('[data-testid="status"][data-key="devices.unpaired"]').waitFor();
    await page.locator('[data-testid="devices-table"] tr[data-device="Chiosco ingresso"][data-paired="false"]').waitFor({ timeout: 10_000 });
    await kiosk.locator('[data-testid="pairing-code"]').waitFor({ timeout: 10_000 });
    await kiosk.waitForFunction(() => /^\d{3} \d{3}$/.test(document.querySelector('[data-testid="pairing-code"]')?.textContent?.trim() ?? ''));
    await kiosk.locator('[data-service="certs"]').waitFor({ state: 'detached' });
    await screenshot(page, 'manager-admin-devices-unpaired');
  });
});
