import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { officeConfigSchema, type DisplayProfile, type OfficeConfig } from '../../protocol/office.ts';
import type { TicketView } from '../../protocol/views.ts';
import { createHub, type Hub } from '../../server/hub.ts';
import { createLogger } from '../../server/logger.ts';
import { speechText } from '../../display/src/announcer/speechText.ts';
import { eventually, launchBrowser, pairPage, screenshot, viewports } from '../helpers/browser.ts';
import { adminPassword, startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';

/** The test office with two waiting rooms: the front desks' room and the back office's. */
function officeWithDisplays(): OfficeConfig {
  return officeConfigSchema.parse({
    ...testOffice(),
    displays: [
      {
        id: 'front-room', name: 'Sala principale', desks: ['desk-1', 'desk-2', 'desk-3'], language: 'it+en',
        ticker: [{ it: 'Per la carta d\'identità porta una fototessera', en: 'Bring a passport photo for the identity card' }, 'Orari: 8:00–18:30'],
      },
      { id: 'back-room', name: 'Sala back office', desks: ['back-1'] },
    ],
  });
}

/** REST as a desk clerk (and as the kiosk for issuing), against whichever hub is up at `url`. */
async function rest(url: string, method: string, path: string, body?: unknown, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
async function login(url: string): Promise<string> {
  return (await rest(url, 'POST', '/api/auth/login', { username: 'admin', password: adminPassword })).token as string;
}
async function issue(url: string, serviceId: string): Promise<TicketView> {
  return (await rest(url, 'POST', '/api/tickets', { serviceId }, await login(url))).ticket as TicketView;
}
async function desk(url: string, token: string, deskId: string, action: string, body: unknown = {}): Promise<TicketView> {
  return (await rest(url, 'POST', `/api/desks/${deskId}/${action}`, body, token)).ticket as TicketView;
}

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();
const flashes = (page: Page, n: number) => page.waitForSelector(`[data-test=current-call][data-flashes="${n}"]`);

describe('GET /api/displays/:displayId', () => {
  let hub: TestHub;
  before(async () => {
    hub = await startTestHub({ office: officeWithDisplays() });
    await hub.holdAll(); // a desk calls only while a clerk holds it
  });
  after(async () => {
    await hub.close();
  });

  it('answers a configured profile with the office name and time zone', async () => {
    const res = await hub.read('/api/displays/back-room');
    expect(res.status).to.equal(200);
    const profile = res.body as DisplayProfile;
    expect(profile).to.deep.equal({
      id: 'back-room', name: 'Sala back office', desks: ['back-1'], language: 'it', speak: true, ticker: [],
      configured: true, officeName: 'Test office', timeZone: 'Europe/Rome',
    });
  });

  it('answers the "everything" profile for an unknown display and for plain /api/displays', async () => {
    const unknown = (await hub.read('/api/displays/lobby')).body as DisplayProfile;
    expect(unknown).to.deep.equal({
      id: 'lobby', name: 'Test office', language: 'it', speak: true, ticker: [], configured: false, officeName: 'Test office', timeZone: 'Europe/Rome',
    });
    const plain = (await hub.read('/api/displays')).body as DisplayProfile;
    expect(plain).to.include({ id: 'all', configured: false });
    expect(plain.desks).to.equal(undefined);
  });

  it('refuses an id that is not a display id', async () => {
    const res = await hub.read('/api/displays/Not_An_Id');
    expect(res.status).to.equal(400);
    expect(res.body.error.code).to.equal('validation-failed');
  });
});

describe('display page (headless chromium, real hub)', function () {
  this.timeout(60_000);
  let browser: Browser;
  let hub: TestHub;
  let dir: string;
  let token: string;
  let front: Page;
  let back: Page;
  const extraHubs: Hub[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'punto-comune-display-'));
    hub = await startTestHub({ office: officeWithDisplays(), dir });
    await hub.holdAll(); // a desk calls only while a clerk holds it
    token = await login(hub.url);
    browser = await launchBrowser();
    front = await browser.newPage({ viewport: viewports.landscape });
    back = await browser.newPage({ viewport: viewports.landscape });
    await pairPage(front, hub, '/display/front-room');
    await pairPage(back, hub, '/display/back-room');
    await front.goto(`${hub.url}/display/front-room`);
    await back.goto(`${hub.url}/display/back-room`);
    await front.waitForSelector('.display[data-synced=true]');
    await back.waitForSelector('.display[data-synced=true]');
  });

  after(async () => {
    await browser?.close();
    for (const h of extraHubs) await h.close().catch(() => undefined);
    await hub?.close().catch(() => undefined);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('shows the number and the desk when a desk calls a ticket, and announces it', async () => {
    await issue(hub.url, 'certs');
    await desk(hub.url, token, 'desk-2', 'call-next');
    await flashes(front, 1);
    await eventually(async () => {
      expect(await text(front, '[data-test=current-number]')).to.equal('A001');
      expect(await text(front, '[data-test=current-desk]')).to.equal('Sportello 2');
    });
    await front.waitForSelector('.display[data-announced="1"]');
    await eventually(async () => expect(await text(front, '[data-test=announcement]')).to.equal('Numero A 1, sportello 2 — Number A 1, desk 2'));
    // Audio may autoplay under the test browser's flag: no "enable sound" button then.
    expect(await front.locator('[data-test=enable-sound]').count()).to.equal(0);
  });

  it('highlights a recalled ticket again and announces it again', async () => {
    await desk(hub.url, token, 'desk-2', 'recall');
    await flashes(front, 2);
    await eventually(async () => {
      expect(await text(front, '[data-test=current-number]')).to.equal('A001');
      expect(await front.locator('.current.highlighted .recall').count()).to.equal(1);
    });
    await front.waitForSelector('.display[data-announced="2"]');
    // Said and shown as a recall, in both languages of the it+en room.
    await eventually(async () => expect(await text(front, '[data-test=announcement]')).to.equal('Richiamo: numero A 1, sportello 2 — Calling again: number A 1, desk 2'));
    await eventually(async () => expect(await text(front, '.current .label')).to.equal('Richiamo · Calling again'));
  });

  it('a display profiled for the back-office room ignores the front room\'s calls, and the other way round', async () => {
    expect(await back.locator('[data-test=current-number]').count()).to.equal(0);
    expect(await back.getAttribute('[data-test=current-call]', 'data-flashes')).to.equal('0');
    expect(await back.locator('[data-test=open-desks] li').count(), 'no back desk is open to the public yet').to.equal(0);

    await desk(hub.url, token, 'back-1', 'mode', { mode: 'front' });
    // The switch shows at once in the back room's list of open desks; the front room lists only its own desks.
    await back.waitForSelector('[data-test=open-desks] li[data-desk=back-1]');
    const frontDesks = await front.locator('[data-test=open-desks] li').evaluateAll((items) => items.map((li) => li.getAttribute('data-desk')));
    expect(frontDesks).to.deep.equal(['desk-1', 'desk-2', 'desk-3']);
    await issue(hub.url, 'idcard');
    await desk(hub.url, token, 'back-1', 'call-next');
    await flashes(back, 1);
    await eventually(async () => {
      expect(await text(back, '[data-test=current-number]')).to.equal('B001');
      expect(await text(back, '[data-test=current-desk]')).to.equal('Back office 1');
    });

    // The front room: still A001, no new flash and no announcement of B001 (what must not change is read once, after B001 showed).
    expect(await front.getAttribute('[data-test=current-call]', 'data-flashes')).to.equal('2');
    expect(await text(front, '[data-test=current-number]')).to.equal('A001');
    expect(await front.getAttribute('.display', 'data-announced')).to.equal('2');
  });

  it('lists earlier calls and the waiting counts (screenshots: landscape and portrait)', async () => {
    for (let i = 0; i < 6; i++) await issue(hub.url, i % 3 === 0 ? 'info' : 'certs');
    for (const d of ['desk-1', 'desk-3', 'desk-2', 'desk-1', 'desk-3']) {
      await desk(hub.url, token, d, 'finish').catch(() => undefined);
      await desk(hub.url, token, d, 'call-next');
    }
    await issue(hub.url, 'idcard');
    await flashes(front, 7);
    await front.waitForFunction(() => document.querySelectorAll('[data-test=recent-calls] tr').length === 5);
    const recent = await front.locator('[data-test=recent-calls] tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number')));
    expect(recent).to.not.include(await text(front, '[data-test=current-number]'));
    expect(recent).to.not.include('B001'); // the back office's call
    // The idcard ticket was issued after the last call: its count may show after the seventh flash.
    await eventually(async () => expect(await text(front, '[data-service=idcard] [data-test=waiting-count]')).to.equal('1'));
    await front.waitForSelector('[data-test=ticker] p');
    // No blink frame in the pictures: with reduced motion the highlight is steady.
    await front.emulateMedia({ reducedMotion: 'reduce' });
    await back.emulateMedia({ reducedMotion: 'reduce' });
    await screenshot(front, 'display-landscape');

    await front.setViewportSize(viewports.portrait);
    await front.waitForFunction(() => matchMedia('(orientation: portrait)').matches);
    await screenshot(front, 'display-portrait');
    await front.setViewportSize(viewports.landscape);
    await screenshot(back, 'display-back-room');
  });

  it('in a burst shows large the call being announced, so voice and screen agree', async () => {
    const called: TicketView[] = [];
    for (const d of ['desk-1', 'desk-3', 'desk-2']) {
      await issue(hub.url, 'certs');
      await desk(hub.url, token, d, 'finish').catch(() => undefined);
      called.push(await desk(hub.url, token, d, 'call-next'));
    }
    // Each call in turn: the live region reads it while the big box shows it (the newest call waits its turn there).
    for (const ticket of called) {
      const said = speechText(ticket.number, 'Sportello 1', 'it').replace(/, sportello 1$/, ',');
      await front.waitForFunction(
        ([number, spoken]) =>
          document.querySelector('[data-test=current-number]')?.textContent?.trim() === number &&
          (document.querySelector('[data-test=announcement]')?.textContent ?? '').startsWith(spoken),
        [ticket.number, said] as const,
        { timeout: 30_000 },
      );
    }
  });

  it('after a hub restart reconnects by itself, shows the current state and does not announce calls it missed', async () => {
    // Let the announcements of the calls so far all start (they are said one after another, ~2 s each).
    const flashesBefore = (await front.getAttribute('[data-test=current-call]', 'data-flashes'))!;
    await front.waitForSelector(`.display[data-announced="${flashesBefore}"]`, { timeout: 30_000 });
    const announcedBefore = flashesBefore;
    const port = Number(new URL(hub.url).port);
    await hub.close(); // keeps `dir`: the database survives
    await front.waitForSelector('[data-test=reconnecting]');

    // While the display cannot reach it, the office carries on: a hub on another port over the same database.
    const options = { office: officeWithDisplays(), dbPath: join(dir, 'hub.db'), host: '127.0.0.1', adminPassword, log: createLogger('silent') };
    const meanwhile = await createHub({ ...options, port: 0 });
    const { url: meanwhileUrl } = await meanwhile.listen();
    const missedToken = await login(meanwhileUrl);
    await desk(meanwhileUrl, missedToken, 'desk-2', 'finish');
    const missed = await desk(meanwhileUrl, missedToken, 'desk-2', 'call-next');
    await meanwhile.close();

    // The hub comes back at the address the display knows.
    const restarted = await createHub({ ...options, port });
    extraHubs.push(restarted);
    await restarted.listen();

    await front.waitForSelector('.display[data-synced=true]', { timeout: 30_000 });
    await front.locator('[data-test=reconnecting]').waitFor({ state: 'detached' });
    await front.waitForFunction((n) => document.querySelector('[data-test=current-number]')?.textContent?.trim() === n, missed.number);
    await eventually(async () => expect(await text(front, '[data-test=current-desk]')).to.equal('Sportello 2'));
    expect(await front.getAttribute('.display', 'data-announced')).to.equal(announcedBefore);
    expect(await front.getAttribute('[data-test=current-call]', 'data-flashes')).to.equal(flashesBefore);

    // And it is live again: the next call is shown and announced.
    const liveToken = await login(hub.url);
    await desk(hub.url, liveToken, 'desk-1', 'finish');
    const next = await desk(hub.url, liveToken, 'desk-1', 'call-next');
    await flashes(front, Number(flashesBefore) + 1);
    await eventually(async () => expect(await text(front, '[data-test=current-number]')).to.equal(next.number));
    await front.waitForSelector(`.display[data-announced="${Number(announcedBefore) + 1}"]`);
  });
});
