import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { startTestHub, type TestHub, type TestHubOptions } from './hub.ts';

/** The manager's PC, where the reports and the administration are used. */
export const managerPc = { width: 1366, height: 768 };

export interface BrowserSuite {
  /** The hub of the running test (a fresh one for each test). */
  readonly hub: TestHub;
  readonly browser: Browser;
  /** A page in its own context (Italian, Rome time unless `options` say otherwise), closed after the test. */
  newPage(viewport: { width: number; height: number }, options?: BrowserContextOptions): Promise<Page>;
  /** A new user of `role` logged in on the manager page (at the manager's PC), on the tab it opens with. */
  openManager(username: string, role: 'manager' | 'admin'): Promise<Page>;
  /** A new admin (`username`, "ada" unless said) logged in on Amministrazione, on `section` when given. */
  openAdmin(section?: string, username?: string): Promise<Page>;
}

/**
 * The set-up every browser suite repeats, as mocha hooks of the calling `describe`: one headless chromium
 * for the suite, a test hub started before each test (with `hubOptions()`, then `ready(hub)`) and closed
 * after it with every page the test opened.
 */
export function useBrowserSuite(hubOptions: () => TestHubOptions = () => ({}), ready?: (hub: TestHub) => Promise<void>): BrowserSuite {
  let browser: Browser | undefined;
  let hub: TestHub | undefined;
  const contexts: BrowserContext[] = [];

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    hub = await startTestHub(hubOptions());
    await ready?.(hub);
  });
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
    await hub?.close();
    hub = undefined;
  });

  const suite: BrowserSuite = {
    get hub() {
      if (!hub) throw new Error('useBrowserSuite: the hub runs only within a test');
      return hub;
    },
    get browser() {
      if (!browser) throw new Error('useBrowserSuite: the browser starts in the suite’s before hook');
      return browser;
    },
    async newPage(viewport, options = {}) {
      const context = await suite.browser.newContext({ viewport, locale: 'it-IT', timezoneId: 'Europe/Rome', ...options });
      contexts.push(context);
      return context.newPage();
    },
    async openManager(username, role) {
      await suite.hub.hub.ctx.auth.createUser(username, `${username}-password`, role);
      const page = await suite.newPage(managerPc);
      await page.goto(`${suite.hub.url}/manager`);
      await page.fill('input[name="username"]', username);
      await page.fill('input[name="password"]', `${username}-password`);
      await page.click('button[type="submit"]');
      await page.locator('[data-tab][aria-selected="true"]').first().waitFor();
      return page;
    },
    async openAdmin(section, username = 'ada') {
      const page = await suite.openManager(username, 'admin');
      await page.click('[data-tab="admin"]');
      if (section) await page.click(`[data-tab="${section}"]`);
      return page;
    },
  };
  return suite;
}
