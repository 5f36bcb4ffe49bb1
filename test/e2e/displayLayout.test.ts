import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { officeConfigSchema, type OfficeConfig } from '../../protocol/office.ts';
import { launchBrowser, pairPage, screenshot } from '../helpers/browser.ts';
import { adminPassword, startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';

/** The demo office (seven services, long names, an it+en waiting room with a ticker), open around the clock. */
function demoOffice(): OfficeConfig {
  const demo = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'config', 'office.demo.json'), 'utf8')) as Record<string, unknown>;
  const allDay = [{ open: '00:00', close: '24:00' }];
  return officeConfigSchema.parse({
    ...demo,
    closedDates: [],
    openingHours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
  });
}

/** The screens a waiting-room display meets: TVs, a small monitor, portrait totems. */
const sizes = [
  { name: '1280x720', width: 1280, height: 720 },
  { name: '1366x768', width: 1366, height: 768 },
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '3840x2160', width: 3840, height: 2160 },
  { name: '1080x1920', width: 1080, height: 1920 },
  { name: '720x1280', width: 720, height: 1280 },
];

async function rest(url: string, method: string, path: string, body: unknown, token: string) {
  const res = await fetch(url + path, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * Every way the page can spill, measured in the page: the document scrolls; an element (or a run of text) of the
 * call box, of a recent row or of a waiting tile reaches outside its box; a box reaches outside the viewport.
 * Visually hidden helpers (for screen readers) are skipped. Returns one line per problem.
 */
function overflows(): string[] {
  const problems: string[] = [];
  const doc = document.scrollingElement!;
  if (doc.scrollWidth > innerWidth || doc.scrollHeight > innerHeight) problems.push(`page scrolls: ${doc.scrollWidth}x${doc.scrollHeight} in ${innerWidth}x${innerHeight}`);
  const tolerance = 1;
  const inside = (inner: DOMRect, outer: DOMRect, slack = 0) =>
    inner.left >= outer.left - tolerance && inner.right <= outer.right + tolerance &&
    inner.top >= outer.top - tolerance - slack && inner.bottom <= outer.bottom + tolerance + slack;
  const name = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''}`;
  const viewport = new DOMRect(0, 0, innerWidth, innerHeight);
  const boxes = [
    ...document.querySelectorAll('[data-test=current-call]'),
    ...document.querySelectorAll('[data-test=recent-calls] tr'),
    ...document.querySelectorAll('.recent'),
    ...document.querySelectorAll('.waiting li'),
    ...document.querySelectorAll('.header, .ticker, .desks'),
  ];
  for (const box of boxes) {
    const outer = box.getBoundingClientRect();
    if (!inside(outer, viewport)) problems.push(`${name(box)} leaves the screen`);
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node instanceof Element ? node : node.parentElement!;
      if (el.closest('.visually-hidden')) continue;
      let rect: DOMRect;
      // A run of text (or an inline box) is measured by the font's whole content area (ascent + descent, about
      // 1.5 em in Titillium), which is taller than the glyphs and than a tight line height: it may pass its box
      // by a quarter em above and below without any glyph being cut.
      const style = getComputedStyle(el);
      const slack = node instanceof Text || style.display === 'inline' ? 0.26 * parseFloat(style.fontSize) : 0;
      if (node instanceof Text) {
        if (node.data.trim() === '') continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        rect = range.getBoundingClientRect();
      } else rect = (node as Element).getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      if (!inside(rect, outer, slack)) problems.push(`${node instanceof Text ? `"${node.data.trim()}"` : name(el)} spills out of ${name(box)}`);
    }
  }
  return problems;
}

type Checked = { overflows: typeof overflows };

describe('display layout at every screen size (headless chromium, demo office)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let hub: TestHub;
  let page: Page;

  before(async () => {
    hub = await startTestHub({ office: demoOffice() });
    await hub.holdAll(); // a desk calls only while a clerk holds it
    const token = (await rest(hub.url, 'POST', '/api/auth/login', { username: 'admin', password: adminPassword }, '')).token as string;
    // Seven calls (the latest and six recent ones) over the four front desks, then fourteen people waiting for one service.
    const services = ['registry-certificates', 'residence', 'identity-card', 'local-taxes', 'civil-status', 'electoral', 'information'];
    for (const serviceId of services) await rest(hub.url, 'POST', '/api/tickets', { serviceId }, token);
    for (const [i, deskId] of ['desk-1', 'desk-2', 'desk-3', 'desk-4', 'desk-1', 'desk-2', 'desk-3'].entries()) {
      // (the demo office wants an outcome at every finish; information is one of every service's)
      if (i >= 4) await rest(hub.url, 'POST', `/api/desks/${deskId}/finish`, { outcomes: [{ code: 'information', count: 1 }] }, token);
      await rest(hub.url, 'POST', `/api/desks/${deskId}/call-next`, {}, token);
    }
    // The latest call is a recall: its label ("Richiamo · Calling again") is the longest the call box shows.
    await rest(hub.url, 'POST', '/api/desks/desk-3/recall', {}, token);
    for (let i = 0; i < 14; i++) await rest(hub.url, 'POST', '/api/tickets', { serviceId: 'residence' }, token);
    await rest(hub.url, 'POST', '/api/tickets', { serviceId: 'information' }, token);

    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: sizes[0]!.width, height: sizes[0]!.height } });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    // tsx names the checker's inner functions with a helper the page does not have.
    await page.addInitScript('window.__name = (f) => f');
    await pairPage(page, hub, '/display/sala-attesa');
    await page.goto(`${hub.url}/display/sala-attesa`);
    await page.waitForSelector('.display[data-synced=true]');
    await page.waitForFunction(() => document.querySelector('[data-service=residence] [data-test=waiting-count]')?.textContent?.trim() === '14');
    await page.waitForSelector('[data-test=ticker] p');
    await page.evaluate(() => document.fonts.ready);
    await page.evaluate(`window.overflows = ${overflows.toString()}`);
  });

  after(async () => {
    await browser?.close();
    await hub?.close().catch(() => undefined);
  });

  for (const size of sizes) {
    it(`at ${size.name} the call fills the screen, nothing scrolls and nothing spills out of its box`, async () => {
      await page.setViewportSize({ width: size.width, height: size.height });
      // The layout settles (recent rows that do not fit are dropped whole) before it is measured.
      await page.waitForFunction(([w, h]) => innerWidth === w && innerHeight === h, [size.width, size.height]);
      await page.waitForFunction(() => document.querySelector(".recent")?.getAttribute("data-fitted") === `${innerWidth}x${innerHeight}`);
      // Wait for a clean layout; if it never comes, the assertion below lists what spills.
      await page.waitForFunction(() => (window as unknown as Checked).overflows().length === 0, undefined, { timeout: 5000 }).catch(() => undefined);
      const problems = await page.evaluate(overflows);
      await screenshot(page, `display-layout-${size.name}`);
      expect(problems, `${size.name}:\n${problems.join('\n')}`).to.deep.equal([]);

      const measured = await page.evaluate(() => {
        const rect = (s: string) => document.querySelector(s)?.getBoundingClientRect() ?? null;
        return {
          number: rect('[data-test=current-number]'),
          desk: rect('[data-test=current-desk]'),
          rows: document.querySelectorAll('[data-test=recent-calls] tr').length,
          tiles: document.querySelectorAll('.waiting li').length,
        };
      });
      // The number is the biggest thing on the screen: at least a seventh of the screen's shorter side tall.
      expect(measured.number!.height, 'number height').to.be.at.least(Math.min(size.width, size.height) / 7);
      expect(measured.desk!.height, 'desk height').to.be.at.least(Math.min(size.width, size.height) / 18);
      expect(measured.rows, 'recent calls shown').to.be.at.least(2);
      expect(measured.tiles, 'every service has its tile').to.equal(7);
    });
  }
});

describe('display after closing (headless chromium)', function () {
  this.timeout(60_000);
  let browser: Browser;
  let hub: TestHub;

  before(async () => {
    hub = await startTestHub({ office: testOffice() });
    await hub.holdAll(); // a desk calls only while a clerk holds it
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await hub?.close().catch(() => undefined);
  });

  it('lets the last call go from the big box: it says the office is closed and lists the call among the recent ones', async () => {
    const token = (await rest(hub.url, 'POST', '/api/auth/login', { username: 'admin', password: adminPassword }, '')).token as string;
    await rest(hub.url, 'POST', '/api/tickets', { serviceId: 'certs' }, token);
    await rest(hub.url, 'POST', '/api/desks/desk-2/call-next', {}, token);
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await pairPage(page, hub, '/display/all');
    await page.goto(`${hub.url}/display/all`);
    await page.waitForFunction(() => document.querySelector('[data-test=current-number]')?.textContent?.trim() === 'A001');

    // The day ends (no opening hours left today): the office closes while the display is on.
    await rest(hub.url, 'PATCH', '/api/admin/office', { openingHours: {} }, token);
    await page.locator('[data-test=office-closed]').waitFor();
    await page.locator('[data-test=recent-calls] tr[data-number=A001]').waitFor();
    await page.locator('[data-test=current-number]').waitFor({ state: 'detached' });
    await screenshot(page, 'display-closed-1280x720');
  });

  it('closes by itself at closing time, with no change and no snapshot from the hub', async () => {
    // Open 08:00–11:00 every day; the hub's clock starts at 10:59:40 in Rome.
    const morning = [{ open: '08:00', close: '11:00' }];
    const offsetMs = Date.parse('2026-11-23T09:59:40Z') - Date.now();
    const closing = await startTestHub({
      office: testOffice({ openingHours: { mon: morning, tue: morning, wed: morning, thu: morning, fri: morning, sat: morning, sun: morning } }),
      clock: () => Date.now() + offsetMs,
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await pairPage(page, closing, '/display/all');
      await page.goto(`${closing.url}/display/all`);
      await page.waitForSelector('.display[data-synced=true]');
      const hubTime = () => new Date(Date.now() + offsetMs).toISOString();
      expect(hubTime() < '2026-11-23T10:00:00.000Z', 'the page opened before closing time').to.equal(true);
      expect(await page.locator('[data-test=office-closed]').count(), 'open at first').to.equal(0);
      await page.locator('[data-test=office-closed]').getByText('Ufficio chiuso').waitFor({ timeout: 20_000 });
      expect(hubTime() >= '2026-11-23T10:00:00.000Z', 'closed at 11:00, not before').to.equal(true);
      await screenshot(page, 'display-closed-on-time-1280x720');
      // The hub's own snapshot, asked for at the closing time, agrees: still closed a while later.
      await new Promise((r) => setTimeout(r, 2500));
      expect(await page.locator('[data-test=office-closed]').count()).to.equal(1);
      await page.context().close();
    } finally {
      await closing.close();
    }
  });
});
