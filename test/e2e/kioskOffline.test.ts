import { expect } from 'chai';
import type { Page, WebSocketRoute } from 'playwright-core';
import type { QueueSnapshot, TicketView } from '../../protocol/views.ts';
import { seriousViolations } from '../helpers/axe.ts';
import { eventually, pairPage, screenshot, viewports } from '../helpers/browser.ts';
import { useBrowserSuite } from '../helpers/browserSuite.ts';
import { testOffice } from '../helpers/office.ts';

const bookKey = 'pc-kiosk-offline:entrance';

/** Issue 25: a kiosk cut off from the hub keeps issuing from its block of numbers, and nothing is lost or doubled. */
describe('kiosk through a network blip, in a real browser', function () {
  this.timeout(90_000);
  const suite = useBrowserSuite(() => ({ office: testOffice({ kiosks: [{ id: 'entrance', name: 'Ingresso', printer: 'none' }] }) }), (hub) => hub.holdAll());
  let page: Page;
  let cut = false;
  const sockets = new Set<WebSocketRoute>();

  async function openKiosk(viewport: keyof typeof viewports = 'landscape') {
    page = await suite.newPage(viewports[viewport]);
    const context = page.context();
    // The network between kiosk and hub: HTTP and the socket pass through until the test cuts them.
    await context.route('**/api/**', (route) => (cut ? route.abort('internetdisconnected') : route.continue()));
    await context.route('**/socket.io/**', (route) => (cut ? route.abort('internetdisconnected') : route.continue()));
    await context.routeWebSocket(/socket\.io/, (ws) => {
      if (cut) return void ws.close();
      ws.connectToServer();
      sockets.add(ws);
    });
    // The browser's printer: counted (chromium --kiosk-printing would print silently).
    await page.addInitScript(() => {
      const w = window as unknown as { prints: string[] };
      w.prints = [];
      window.print = () => void w.prints.push(document.querySelector('.pc-print-ticket')?.textContent ?? '');
    });
    await pairPage(page, suite.hub, '/kiosk/entrance');
    await page.goto(`${suite.hub.url}/kiosk/entrance`);
    await page.locator('[data-service="certs"]:enabled').waitFor();
  }

  async function cutOff() {
    cut = true;
    for (const ws of sockets) await ws.close();
    sockets.clear();
    await page.locator('[data-issuing]').waitFor();
  }

  /** A citizen takes a ticket without priority or help; the number on the offline screen. */
  async function tapOffline(service: string): Promise<string> {
    await page.click(`[data-taps="on"] [data-service="${service}"]`);
    await page.click('[data-taps="on"] [data-priority="no"]');
    await page.click('[data-taps="on"] [data-need="continue"]');
    return (await page.locator('[data-testid="offline-number"]').textContent())!.trim();
  }

  const book = () => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null') as { blocks: { serviceId: string; numbers: { number: string }[] }[]; pending: { number: string }[] } | null, bookKey);
  const waiting = async () => ((await suite.hub.read('/api/queue')).body as QueueSnapshot).waiting;

  afterEach(() => {
    cut = false;
    sockets.clear();
  });

  it('issues two tickets offline, prints them, and once the hub is back they wait in tap order, none lost or doubled', async () => {
    await openKiosk();
    // Online, the kiosk already holds a block of numbers for each service.
    await eventually(async () => expect((await book())?.blocks.find((b) => b.serviceId === 'certs')?.numbers.map((n) => n.number)).to.deep.equal(['A001', 'A002', 'A003', 'A004', 'A005']));
    const first = (await suite.hub.issue({ serviceId: 'certs' })).body.ticket as TicketView; // a desk's walk-in: A006

    await cutOff();
    await screenshot(page, 'kiosk-offline-services');
    expect(await seriousViolations(page), 'offline services screen').to.deep.equal([]);
    expect(await tapOffline('certs')).to.equal('A001');
    await page.getByText('Biglietto registrato appena torna la rete').first().waitFor();
    await page.waitForFunction(() => (window as unknown as { prints: string[] }).prints.length === 1);
    expect(await seriousViolations(page), 'offline ticket screen').to.deep.equal([]);
    await screenshot(page, 'kiosk-offline-ticket');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'kiosk-offline-ticket-print');
    await page.emulateMedia({ media: 'screen' });
    await page.click('[data-taps="on"] button:has-text("Fine")');

    const second = (await suite.hub.issue({ serviceId: 'certs' })).body.ticket as TicketView; // another walk-in meanwhile: A007
    expect(await tapOffline('certs')).to.equal('A002');
    await page.waitForFunction(() => (window as unknown as { prints: string[] }).prints.length === 2);
    const prints = await page.evaluate(() => (window as unknown as { prints: string[] }).prints);
    expect(prints[1]).to.include('A002').and.to.include('Biglietto registrato appena torna la rete');
    expect((await book())?.pending.map((p) => p.number)).to.deep.equal(['A001', 'A002']);
    // The hub has not heard of them yet.
    expect((await waiting()).map((t) => t.number)).to.deep.equal([first.number, second.number]);
    await page.click('[data-taps="on"] button:has-text("Fine")');

    cut = false; // the network is back: the socket reconnects by itself, and the kiosk reports
    await eventually(async () => expect((await waiting()).map((t) => t.number)).to.deep.equal([first.number, 'A001', second.number, 'A002']), 20_000);
    await eventually(async () => expect((await book())?.pending).to.deep.equal([]), 10_000);
    const queue = await waiting();
    expect(new Set(queue.map((t) => t.id)).size).to.equal(4);
    // Topped up again: the numbers left in the block, then new ones past everything issued.
    await eventually(async () => expect((await book())?.blocks.find((b) => b.serviceId === 'certs')?.numbers.map((n) => n.number)).to.deep.equal(['A003', 'A004', 'A005', 'A008', 'A009']));
    await page.locator('[data-service="certs"]:enabled').waitFor();
    await page.locator('[data-issuing]').waitFor({ state: 'detached' });

    // Online again, the kiosk hands out its own block first: the hub gives it its lowest reserved number.
    await page.click('[data-service="certs"]');
    await page.click('[data-taps="on"] [data-priority="no"]');
    await page.click('[data-taps="on"] [data-need="continue"]');
    expect((await page.locator('[data-testid="ticket-number"]').textContent())!.trim()).to.equal('A003');
    await eventually(async () => expect((await book())?.blocks.find((b) => b.serviceId === 'certs')?.numbers.map((n) => n.number)).to.deep.equal(['A004', 'A005', 'A008', 'A009', 'A010']));
    expect((await waiting()).length).to.equal(5);
  });

  it('offline, a service whose block is used up cannot be chosen; the others still can', async () => {
    await openKiosk('portrait');
    await eventually(async () => expect((await book())?.blocks.length).to.equal(3));
    await cutOff();
    for (const expected of ['C001', 'C002', 'C003', 'C004', 'C005']) {
      expect(await tapOffline('info')).to.equal(expected);
      await page.click('[data-taps="on"] button:has-text("Fine")');
    }
    await page.locator('[data-service="info"]:disabled').waitFor();
    await page.locator('[data-service="certs"]:enabled').waitFor();
    await screenshot(page, 'kiosk-offline-portrait-services');
  });
});

describe('the manager sees the numbers kiosks held and never issued', function () {
  this.timeout(60_000);
  // The block is taken on one day and released when the next begins; the manager shows the year the browser is in,
  // so on 1 January the two days are today and tomorrow instead of yesterday and today.
  const today = new Date();
  const newYearsDay = today.getMonth() === 0 && today.getDate() <= 1;
  const secondDay = newYearsDay ? Date.now() + 24 * 3_600_000 : Date.now();
  let now = secondDay - 24 * 3_600_000;
  const suite = useBrowserSuite(() => ({ clock: () => now }));

  it('Accessi lists them by day, kiosk and service, after the day rolled over', async () => {
    const hub = suite.hub;
    const admin = await hub.login();
    await hub.request('POST', '/api/kiosk/blocks', { kioskId: 'entrance', serviceIds: ['certs', 'info'] }, admin);
    now = secondDay;
    const staff = await hub.loginAs('rita', 'clerk');
    expect((await hub.issue({ serviceId: 'certs' }, staff)).status).to.equal(201); // the new day's first command releases yesterday's block
    const page = await suite.openManager('marta', 'manager');
    await page.click('[data-tab="accesses"]');
    const gaps = page.locator('[data-testid="kiosk-gaps"]');
    await gaps.waitFor();
    await gaps.getByText('A001, A002, A003, A004, A005').waitFor();
    await gaps.getByText('C001, C002, C003, C004, C005').waitFor();
    expect(await seriousViolations(page), 'accesses with kiosk gaps').to.deep.equal([]);
    await gaps.scrollIntoViewIfNeeded();
    await screenshot(page, 'manager-kiosk-gaps');
  });
});
