import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { VirtualPrinter } from '../../printer/virtual/index.ts';
import type { QueueSnapshot } from '../../protocol/views.ts';
import { seriousViolations } from '../helpers/axe.ts';
import { eventually, launchBrowser, pairPage, screenshot, viewports } from '../helpers/browser.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';
import { closedPort } from '../printer/fixtures.ts';

describe('kiosk page in a real browser', function () {
  this.timeout(60_000);
  let browser: Browser;
  let printer: VirtualPrinter;
  let hub: TestHub;
  let page: Page;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    printer = await VirtualPrinter.start();
    hub = await startTestHub({
      office: testOffice({
        kiosks: [
          { id: 'entrance', name: 'Ingresso', printer: printer.url },
          { id: 'broken', name: 'Piano terra', printer: `tcp://127.0.0.1:${await closedPort()}` },
        ],
      }),
    });
    await hub.holdAll(); // a desk calls only while a clerk holds it
  });
  afterEach(async () => {
    await page?.context().close();
    await hub.close();
    await printer.close();
  });

  async function open(path: string, viewport: keyof typeof viewports = 'landscape') {
    page = await browser.newPage({ viewport: viewports[viewport] });
    await pairPage(page, hub, path);
    await page.goto(hub.url + path);
    await page.locator('[data-service="certs"]:enabled').waitFor();
  }
  const waiting = async () => ((await hub.read('/api/queue')).body as QueueSnapshot).waiting;

  async function takeTicket(service: string, priority: string): Promise<string> {
    await page.click(`[data-service="${service}"]`);
    await page.click(`[data-priority="${priority}"]`);
    await page.click('[data-taps="on"] [data-need="continue"]'); // no help with being called
    return (await page.locator('[data-testid="ticket-number"]').textContent())!.trim();
  }

  it('tapping a service shows the number the hub issued, and the virtual printer prints that number', async () => {
    await open('/kiosk/entrance');
    expect(await seriousViolations(page), 'services screen').to.deep.equal([]);
    await screenshot(page, 'kiosk-landscape-services');

    await page.click('[data-service="certs"]');
    await page.locator('[data-taps="on"] [data-priority="no"]').waitFor();
    expect(await seriousViolations(page), 'priority screen').to.deep.equal([]);
    await screenshot(page, 'kiosk-landscape-priority');
    await page.click('[data-priority="no"]');
    await page.click('[data-taps="on"] [data-need="continue"]'); // no help with being called
    const shown = (await page.locator('[data-testid="ticket-number"]').textContent())!.trim();

    const [issued] = await waiting();
    expect(shown).to.equal(issued!.number).and.to.equal('A001');
    const [paper] = await printer.waitForTickets(1, 10_000);
    expect(paper!.text).to.include(shown);
    expect(paper!.qrCodes[0]).to.match(new RegExp(`/t/${issued!.id}\\?k=[\\w-]{16}$`));
    await page.locator('[data-paper="take"]').waitFor();
    await eventually(async () => expect(await page.locator('[data-qr]').getAttribute('data-qr')).to.equal(paper!.qrCodes[0]));
    expect(await seriousViolations(page), 'ticket screen').to.deep.equal([]);
    await screenshot(page, 'kiosk-landscape-ticket');
  });

  it('works on a portrait totem, in English, with priority', async () => {
    await open('/kiosk/entrance', 'portrait');
    await page.click('button[lang="en"]');
    await page.getByText('Tap the service you need').waitFor();
    await screenshot(page, 'kiosk-portrait-services-en');
    await page.click('[data-service="idcard"]');
    await page.locator('[data-taps="on"] [data-priority="no"]').waitFor();
    await screenshot(page, 'kiosk-portrait-priority-en');
    // Every answer sits in the lower-middle band of the totem (within reach from a wheelchair), none at the top.
    for (const answer of await page.locator('[data-priority]').all()) {
      const box = (await answer.boundingBox())!;
      expect(box.y, `${await answer.getAttribute('data-priority')} top`).to.be.at.least(0.4 * 1920);
      expect(box.y + box.height, `${await answer.getAttribute('data-priority')} bottom`).to.be.at.most(0.85 * 1920);
    }
    await page.click('[data-priority="elderly"]');
    await page.click('[data-taps="on"] [data-need="continue"]'); // no help with being called
    const shown = (await page.locator('[data-testid="ticket-number"]').textContent())!.trim();
    expect(shown).to.equal('B001');
    const [issued] = await waiting();
    expect(issued).to.include({ number: 'B001', priority: true });
    await page.locator('[data-paper="take"]').waitFor();
    // The citizen chose English: the paper is English too.
    const [paper] = await printer.waitForTickets(1, 10_000);
    expect(paper!.text).to.include('B001').and.to.include('PRIORITY');
    expect(paper!.text.join(' ')).to.include('Scan the QR code to follow your turn on your phone');
    expect(paper!.text.join('\n')).not.to.match(/inquadra|attesa|priorità/i);
    expect(await seriousViolations(page)).to.deep.equal([]);
    await screenshot(page, 'kiosk-portrait-ticket-en');
    // "Done" goes back to the start, in Italian for the next citizen.
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByText('Tocca il servizio che ti serve').waitFor();
  });

  it('a double tap issues one ticket', async () => {
    await open('/kiosk/entrance');
    await page.click('[data-service="info"]');
    await page.dblclick('[data-priority="no"]');
    await page.dblclick('[data-taps="on"] [data-need="continue"]');
    await page.locator('[data-testid="ticket-number"]').waitFor();
    await new Promise((r) => setTimeout(r, 300));
    expect((await waiting()).map((t) => t.number)).to.deep.equal(['C001']);
    await printer.waitForTickets(1, 10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(printer.tickets).to.have.length(1);
  });

  it('two real taps 120 ms apart on a service stop at the priority question', async () => {
    await open('/kiosk/entrance');
    const box = (await page.locator('[data-service="certs"]').boundingBox())!;
    // Low on the button, where a finger on a big button often lands (and where "No, continua" used to appear).
    const x = box.x + box.width / 2;
    const y = box.y + box.height * 0.85;
    await page.mouse.click(x, y);
    await new Promise((r) => setTimeout(r, 120));
    await page.mouse.click(x, y);
    // The second tap is ignored: the question is still there, and whatever is now under the finger is not its default answer.
    await page.locator('[data-priority="no"]').waitFor();
    const no = (await page.locator('[data-priority="no"]').boundingBox())!;
    expect(x >= no.x && x <= no.x + no.width && y >= no.y && y <= no.y + no.height, '"No, continua" under the previous tap').to.equal(false);
    await new Promise((r) => setTimeout(r, 600));
    expect(await page.locator('[data-priority="no"]').isVisible()).to.equal(true);
    expect(await waiting()).to.deep.equal([]);
    // After the quiet spell a deliberate tap is taken.
    await page.click('[data-priority="no"]');
    await page.click('[data-taps="on"] [data-need="continue"]'); // no help with being called
    await page.locator('[data-testid="ticket-number"]').waitFor();
    expect((await waiting()).map((t) => t.number)).to.deep.equal(['A001']);
  });

  it('"No, continua" is never where the tap that opened the question landed, whatever the screen', async () => {
    let moved = 0;
    for (const viewport of [viewports.landscape, viewports.portrait, { width: 1080, height: 1150 }]) {
      for (const service of ['certs', 'idcard', 'info']) {
        page = await browser.newPage({ viewport });
        await pairPage(page, hub, '/kiosk/entrance');
        await page.goto(hub.url + '/kiosk/entrance');
        const button = page.locator(`[data-service="${service}"]:enabled`);
        await button.waitFor();
        const box = (await button.boundingBox())!;
        // A finger at the lower edge of a big button.
        const x = box.x + box.width / 2;
        const y = box.y + box.height - 8;
        await page.mouse.click(x, y);
        const no = page.locator('[data-taps="on"] [data-priority="no"]');
        await no.waitFor();
        const r = (await no.boundingBox())!;
        const where = `${viewport.width}×${viewport.height} ${service}`;
        expect(x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height, `${where}: "No, continua" under the tap`).to.equal(false);
        if (await page.locator('[data-no-first]').count()) moved++;
        await page.context().close();
      }
    }
    // On the short portrait screen the third service's lower edge is where "No, continua" would be: it went above the reasons.
    expect(moved).to.be.at.least(1);
  });

  it('a priority step left alone asks "Sei ancora lì?", then returns to the start in Italian', async () => {
    // 12 s instead of 40: the question shows for the last 3 s.
    await open('/kiosk/entrance?idleMs=12000');
    await page.click('button[lang="en"]');
    await page.getByText('Tap the service you need').waitFor();
    await page.click('[data-service="certs"]');
    const question = page.getByTestId('still-there');
    await question.getByText('Are you still there?').waitFor({ timeout: 15_000 });
    await screenshot(page, 'kiosk-landscape-still-there-en');
    // A touch keeps the citizen's place.
    await question.getByRole('button', { name: 'Yes, carry on' }).click();
    await question.waitFor({ state: 'hidden' });
    expect(await page.locator('[data-priority="no"]').isVisible()).to.equal(true);
    // Left alone again: the question, then the start screen, in Italian, with nothing issued.
    await question.waitFor({ timeout: 15_000 });
    await page.getByText('Tocca il servizio che ti serve').waitFor({ timeout: 5_000 });
    expect(await page.locator('[data-priority]').count()).to.equal(0);
    expect(await waiting()).to.deep.equal([]);
  });

  it('an English start screen left alone returns to Italian', async () => {
    await open('/kiosk/entrance?idleMs=2000');
    await page.click('button[lang="en"]');
    await page.getByText('Tap the service you need').waitFor();
    await page.getByText('Tocca il servizio che ti serve').waitFor({ timeout: 6_000 });
    await page.waitForFunction(() => document.documentElement.lang === 'it');
  });

  it('a short wait reads "meno di 5 minuti", never "circa 0 min"', async () => {
    await open('/kiosk/entrance');
    await takeTicket('certs', 'no');
    await page.locator('.ticket').getByText('Attesa stimata: meno di 5 minuti').waitFor();
    // The phone page and the paper word it the same way (protocol/waitWording.ts).
    const [paper] = await printer.waitForTickets(1, 10_000);
    expect(paper!.text).to.include('Attesa stimata: meno di 5 minuti');
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'it-IT' });
    try {
      await phone.goto((await page.locator('[data-qr]').getAttribute('data-qr'))!);
      await phone.locator('[data-testid="wait"]').getByText('Attesa stimata: meno di 5 minuti').waitFor();
      await phone.click('button[lang="en"]');
      await phone.locator('[data-testid="wait"]').getByText('Estimated wait: less than 5 minutes').waitFor();
      expect(await phone.textContent('main')).not.to.match(/circa 0|about 0/);
    } finally {
      await phone.context().close();
    }
    await page.getByRole('button', { name: 'Fine' }).click();
    await page.locator('[data-service="certs"]').getByText('attesa meno di 5 minuti').waitFor();
    expect(await page.textContent('main')).not.to.match(/circa 0/);
  });

  it('without a printer the screen is the ticket, and says so', async () => {
    await open('/kiosk/lobby');
    const shown = await takeTicket('certs', 'no');
    const notice = page.locator('[data-paper="screen-only"]');
    await notice.waitFor();
    await eventually(async () => expect(await notice.textContent()).to.include(`Ricorda il numero ${shown}`));
    expect(printer.tickets).to.have.length(0);
  });

  it('a printer fault still shows the ticket and tells the citizen', async () => {
    await open('/kiosk/broken');
    const shown = await takeTicket('certs', 'no');
    const notice = page.locator('[data-paper="fault"]');
    await notice.waitFor({ timeout: 10_000 });
    await eventually(async () => expect(await notice.textContent()).to.include('La stampante non funziona').and.to.include(shown));
    expect((await waiting()).map((t) => t.number)).to.deep.equal([shown]);
    await screenshot(page, 'kiosk-landscape-printer-fault');
  });

  it('a kiosk whose printer does not answer says so on the start screen right after loading, before any tap', async () => {
    await open('/kiosk/broken');
    await page.getByTestId('printer-down').getByText('Stampante ferma: il biglietto sarà sul tuo telefono').waitFor({ timeout: 10_000 });
    expect(await waiting()).to.deep.equal([]);
    await screenshot(page, 'kiosk-landscape-printer-down-at-start');
    await page.context().close();
    // A kiosk whose printer works: checked (nothing printed) and no notice.
    await open('/kiosk/entrance');
    await eventually(() => expect(hub.hub.ctx.printing.kioskPrinter('entrance')).to.include({ ok: true }));
    await new Promise((r) => setTimeout(r, 300));
    expect(await page.getByTestId('printer-down').count()).to.equal(0);
    expect(printer.tickets).to.have.length(0);
  });

  it('a printer known to be down is announced on the start screen, and the QR code then stays up longer', async () => {
    await open('/kiosk/broken');
    await takeTicket('certs', 'no');
    await page.locator('[data-paper="fault"]').waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Fine' }).click();
    const notice = page.getByTestId('printer-down');
    await notice.getByText('Stampante ferma: il biglietto sarà sul tuo telefono').waitFor();
    await screenshot(page, 'kiosk-landscape-printer-down');
    await page.setViewportSize(viewports.portrait);
    await screenshot(page, 'kiosk-portrait-printer-down');
    await page.setViewportSize(viewports.landscape);
    await takeTicket('info', 'no');
    // 90 s instead of 20 (printed) or 45 (a fault found after the tap).
    await page.waitForFunction(() => Number(document.querySelector('[data-closing-in]')?.getAttribute('data-closing-in')) > 60);
    await page.locator('[data-paper="fault"]').waitFor({ timeout: 10_000 });
    expect(Number(await page.locator('[data-closing-in]').getAttribute('data-closing-in'))).to.be.greaterThan(60);
    await screenshot(page, 'kiosk-landscape-ticket-printer-down');
  });

  it('says plainly when the hub is unreachable and, holding no numbers of its own, offers no service', async () => {
    page = await browser.newPage({ viewport: viewports.landscape });
    await page.route('**/api/kiosk/**', (route) => route.abort()); // no blocks of numbers for a network blip (kioskOffline.test.ts)
    await pairPage(page, hub, '/kiosk/entrance');
    await page.goto(hub.url + '/kiosk/entrance');
    await page.locator('[data-service="certs"]:enabled').waitFor();
    await hub.hub.close();
    await page.getByRole('alert').getByText('Sistema momentaneamente non raggiungibile').waitFor({ timeout: 10_000 });
    await page.locator('[data-service="certs"]:disabled').waitFor();
    expect(await page.locator('[data-testid="ticket-number"]').count()).to.equal(0);
    await screenshot(page, 'kiosk-landscape-offline');
    hub.close = async () => {}; // already closed
  });

  it('the status page shows the ticket, its position and where to go when called', async () => {
    const token = await hub.login();
    const first = (await hub.issue({ serviceId: 'certs' })).body;
    const second = (await hub.issue({ serviceId: 'certs' })).body;
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'it-IT' });
    await page.goto(second.statusUrl);
    await page.locator('[data-status="waiting"]').waitFor();
    await eventually(async () => expect(await page.textContent('main')).to.include('A002').and.to.include('1 persona davanti a te'));
    expect(await seriousViolations(page)).to.deep.equal([]);
    await screenshot(page, 'ticket-status-phone');

    await hub.request('POST', '/api/desks/desk-2/mode', { mode: 'front' }, token);
    await hub.request('POST', '/api/desks/desk-2/call', { ticketId: first.ticket.id }, token);
    await page.goto(first.statusUrl);
    await page.locator('[data-status="called"]').waitFor();
    await eventually(async () => expect(await page.textContent('[data-status="called"]')).to.include('Sportello 2'));

    await page.goto(`${hub.url}/t/999999`);
    await page.getByText('Questo biglietto non è più valido o il link è incompleto').waitFor();
    // The link's key is what lets the page read a ticket: another ticket's id with it reads nothing.
    await page.goto(first.statusUrl.replace(`/t/${first.ticket.id}?`, `/t/${second.ticket.id}?`));
    await page.getByText('Questo biglietto non è più valido o il link è incompleto').waitFor();
  });
});
