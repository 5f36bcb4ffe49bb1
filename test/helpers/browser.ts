import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium (installed by .ci/run); CHROMIUM_PATH overrides it. Never a downloaded browser. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where browser tests leave their screenshots (git-ignored test artefacts). */
export const screenshotDir = join(import.meta.dirname, '..', '..', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

export const viewports = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
} as const;

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/**
 * Makes `page` a paired kiosk or display before it opens `path` (`/kiosk/<profile>`, `/display/<profile>`),
 * as if an admin had paired it: the device token is put where the app keeps it.
 */
export async function pairPage(page: Page, hub: { device(kind: 'kiosk' | 'display', profile?: string): Promise<string> }, path: string): Promise<void> {
  const [, app, profile] = path.split('?')[0]!.split('/');
  if (app !== 'kiosk' && app !== 'display') throw new Error(`pairPage: ${path} is not a kiosk or display page`);
  const token = await hub.device(app, profile || undefined);
  await page.addInitScript(([key, value]) => localStorage.setItem(key!, value!), [`punto-comune.device-token.${app}`, token]);
}

/**
 * Retries `check` (an assertion about the page, or about the hub) until it passes, and throws its last failure
 * after `timeoutMs`. A page renders in steps: the status line of an action, the pushed change and a table's
 * reload each arrive on their own, and on a busy machine far apart. So a test never reads a value once right
 * after an action and asserts on it; it waits for the value to become what it expects.
 */
export async function eventually(check: () => unknown, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() >= deadline) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
