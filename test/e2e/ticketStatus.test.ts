import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { seriousViolations } from '../helpers/axe.ts';
import { eventually, launchBrowser, screenshot } from '../helpers/browser.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';

const phone = { width: 390, height: 844 };

/**
 * What the page asks of the phone, recorded: vibrations, wake locks and tones played. A string, not a
 * function: the test's transpiler would add helpers the page does not have.
 */
const phoneStubs = `
      window.vibrations = []; window.wakeLocks = 0; window.tones = 0;
      const createOscillator = AudioContext.prototype.createOscillator;
      AudioContext.prototype.createOscillator = function () { window.tones++; return createOscillator.call(this); };
      const proto = Object.getPrototypeOf(navigator);
      Object.defineProperty(proto, 'vibrate', { configurable: true, value: (p) => (window.vibrations.push(p), true) });
      Object.defineProperty(proto, 'wakeLock', { configurable: true, get: () => ({ request: async () => (window.wakeLocks++, { released: false, release: async () => {} }) }) });
    `;

/** The citizen's phone page `/t/:id?k=…`: live over its own socket, alerts on the call, leaving the queue. */
describe("the citizen's ticket page on a phone", function () {
  this.timeout(60_000);
  let browser: Browser;
  let hub: TestHub;
  let page: Page;
  let token: string;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    hub = await startTestHub();
    await hub.holdAll(); // a desk calls only while a clerk holds it
    token = await hub.login();
    await hub.request('POST', '/api/desks/desk-2/mode', { mode: 'front' }, token);
  });
  afterEach(async () => {
    await page?.context().close();
    await hub.close();
  });

  async function open(url: string, locale = 'it-IT') {
    const context = await browser.newContext({ viewport: phone, locale, hasTouch: true, isMobile: true });
    page = await context.newPage();
    // Records what the page asks of the phone: vibrations and the wake lock.
    await page.addInitScript(phoneStubs);
    await page.goto(url);
  }

  it('shows the call within 1 s of the desk calling, over its own socket, and alerts the citizen', async () => {
    const first = (await hub.issue({ serviceId: 'certs' })).body;
    const second = (await hub.issue({ serviceId: 'certs' })).body;
    await open(second.statusUrl);
    await page.locator('[data-status="waiting"]').waitFor();
    await page.locator('[data-near="soon"]').getByText('Manca una sola persona prima di te').waitFor();
    expect(await page.textContent('[data-testid="ahead"]')).to.equal('1 persona davanti a te');
    expect(await page.evaluate(() => (window as unknown as { wakeLocks: number }).wakeLocks)).to.be.greaterThan(0);
    expect(await page.evaluate(() => document.documentElement.lang)).to.equal('it');
    expect(await page.title()).to.equal('A002 — Il tuo numero — Test office');
    expect(await page.textContent('main')).to.include('Orari di apertura');
    expect(await seriousViolations(page)).to.deep.equal([]);
    await screenshot(page, 'ticket-phone-waiting');
    await page.tap('h1'); // a touch: the page may now play a sound

    // The first is called: this one is next, pushed without a reload.
    await hub.request('POST', '/api/desks/desk-2/call', { ticketId: first.ticket.id }, token);
    await page.locator('[data-near="next"]').getByText('Sei il prossimo').waitFor({ timeout: 2000 });
    await screenshot(page, 'ticket-phone-next');

    const latencies: number[] = [];
    for (let round = 0; round < 3; round++) {
      if (round > 0) {
        // Back to waiting (a transfer), so that it can be called again.
        const back = await hub.request('POST', '/api/desks/desk-2/transfer', { serviceId: round % 2 ? 'idcard' : 'certs' }, token);
        expect(back.status, JSON.stringify(back.body)).to.equal(200);
        await page.locator('[data-status="waiting"]').waitFor({ timeout: 2000 });
      }
      await hub.request('POST', '/api/desks/desk-2/finish', {}, token).catch(() => undefined);
      const shown = page.waitForFunction(() => document.querySelector('[data-status="called"]')?.textContent?.includes('Sportello 2'), undefined, { timeout: 5000, polling: 'raf' });
      const calledAt = performance.now();
      const call = await hub.request('POST', '/api/desks/desk-2/call', { ticketId: second.ticket.id }, token);
      expect(call.status, JSON.stringify(call.body)).to.equal(200);
      await shown;
      latencies.push(performance.now() - calledAt);
    }
    console.log(`      call → phone page shows it: ${latencies.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`);
    expect(Math.max(...latencies)).to.be.below(1000);

    const vibrations = () => page.evaluate(() => (window as unknown as { vibrations: unknown[] }).vibrations.length);
    expect(await vibrations()).to.equal(3); // once per call
    expect(await page.evaluate(() => (window as unknown as { tones: number }).tones), 'two notes per call, after the touch').to.equal(6);
    await hub.request('POST', '/api/desks/desk-2/recall', {}, token); // the desk calls again: the phone buzzes again
    await eventually(async () => expect(await vibrations()).to.equal(4), 2000);
    await page.waitForFunction(() => document.title === 'È il tuo turno — Sportello 2', undefined, { timeout: 3000 });
    expect(await seriousViolations(page), 'called').to.deep.equal([]);
    await screenshot(page, 'ticket-phone-called');
  });

  it('follows its ticket over a socket of its own, and falls back to polling while the socket cannot connect', async () => {
    const mine = (await hub.issue({ serviceId: 'certs' })).body;
    await open(mine.statusUrl);
    await page.locator('[data-status="waiting"]').waitFor();
    await eventually(() => expect(hub.hub.ctx.connections.counts(hub.hub.ctx.officeId).ticket).to.equal(1));
    await page.context().close();

    const other = (await hub.issue({ serviceId: 'certs' })).body;
    const context = await browser.newContext({ viewport: phone, locale: 'it-IT' });
    // No socket at all: its polling handshake is refused and its WebSocket closed at once.
    await context.route('**/socket.io/**', (route) => route.abort());
    await context.routeWebSocket(/socket\.io/, (ws) => ws.close());
    page = await context.newPage();
    await page.addInitScript(phoneStubs);
    await page.goto(other.statusUrl);
    await page.locator('[data-status="waiting"]').waitFor();
    await eventually(() => expect(hub.hub.ctx.connections.counts(hub.hub.ctx.officeId).ticket).to.equal(0)); // the first page's socket has gone, and this one has none
    await hub.request('POST', '/api/desks/desk-2/call', { ticketId: other.ticket.id }, token);
    await page.locator('[data-status="called"]').waitFor({ timeout: 15_000 }); // the next poll, within 10 s
    expect(await page.evaluate(() => (window as unknown as { tones: number }).tones), 'no sound without a touch').to.equal(0);
  });

  it('the citizen leaves the queue after confirming, and the page says so', async () => {
    const mine = (await hub.issue({ serviceId: 'certs' })).body;
    await open(mine.statusUrl);
    await page.getByRole('button', { name: 'Non mi serve più' }).click();
    await page.getByText('Vuoi lasciare la coda? Il numero A001 sarà annullato.').waitFor();
    expect(await seriousViolations(page), 'leave confirmation').to.deep.equal([]);
    await screenshot(page, 'ticket-phone-leave-confirm');
    await page.getByRole('button', { name: 'No, resto in coda' }).click();
    expect(((await hub.read('/api/queue')).body.waiting as unknown[]).length).to.equal(1);
    await page.getByRole('button', { name: 'Non mi serve più' }).click();
    await page.getByRole('button', { name: 'Sì, lascio la coda' }).click();
    await page.locator('[data-status="cancelled"]').getByText('Hai lasciato la coda: il numero A001 è annullato').waitFor();
    expect(((await hub.read('/api/queue')).body.waiting as unknown[]).length).to.equal(0);
    expect(await page.getByRole('button', { name: 'Non mi serve più' }).count()).to.equal(0);
    await screenshot(page, 'ticket-phone-left');
  });

  it('in English: lang, title and 24-hour times; a bad link explains itself', async () => {
    const mine = (await hub.issue({ serviceId: 'certs' })).body;
    await open(mine.statusUrl, 'en-GB');
    await page.locator('[data-status="waiting"]').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).to.equal('en');
    expect(await page.title()).to.equal('A001 — Your number — Test office');
    const text = (await page.textContent('main'))!;
    expect(text).to.match(/Updated at \d\d:\d\d:\d\d/).and.not.match(/AM|PM/);
    expect(text).to.match(/\d\d:\d\d–\d\d:\d\d/);
    await screenshot(page, 'ticket-phone-english');
    await page.getByRole('button', { name: 'Italiano' }).click();
    await eventually(async () => expect(await page.evaluate(() => document.documentElement.lang)).to.equal('it'));
    expect(await page.title()).to.equal('A001 — Il tuo numero — Test office');

    for (const url of [`${hub.url}/t/999999`, mine.statusUrl.replace(/\?k=.*/, ''), mine.statusUrl.slice(0, -3)]) {
      await page.goto(url);
      await page.getByRole('alert').getByText('This ticket is no longer valid or the link is incomplete').waitFor(); // an English phone
      expect(await page.textContent('main')).to.not.match(/codice|code/i);
    }
    await screenshot(page, 'ticket-phone-bad-link');
    await page.context().close();
    await open(`${hub.url}/t/999999`);
    await page.getByRole('alert').getByText('Questo biglietto non è più valido o il link è incompleto').waitFor();
  });

  it("an appointment ticket shows its time, never a queue estimate", async () => {
    await hub.close();
    const t0 = Date.parse('2026-11-24T07:30:00Z'); // Tuesday 08:30 in Rome
    const allDay = [{ open: '00:00', close: '24:00' }];
    const hours = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };
    hub = await startTestHub({
      clock: () => t0,
      office: testOffice({ appointmentOffices: [{ id: 'anagrafe', name: { it: 'Ufficio anagrafe', en: 'Registry office' }, serviceId: 'certs', slotMinutes: 10, hours }] }),
    });
    await hub.holdAll(); // a desk calls only while a clerk holds it
    token = await hub.login();
    await hub.request('POST', '/api/desks/desk-2/mode', { mode: 'front' }, token);
    await hub.issue({ serviceId: 'certs' }); // a walk-in ahead, so a queue estimate would have something to say
    const booked = await hub.request('POST', '/api/appointments', { officeId: 'anagrafe', startsAt: new Date(t0 + 20 * 60_000).toISOString(), name: 'Maria Rossi', phone: '333 1234567' }, token);
    expect(booked.status, JSON.stringify(booked.body)).to.equal(201);
    const checkedIn = await hub.request('POST', '/api/appointments/check-in', { code: booked.body.appointment.code }, await hub.device('kiosk'));
    expect(checkedIn.status, JSON.stringify(checkedIn.body)).to.be.oneOf([200, 201]);
    const key = new URL(checkedIn.body.statusUrl as string).searchParams.get('k');
    const status = await hub.request('GET', `/api/tickets/${checkedIn.body.ticket.id}/status?key=${key}`);
    expect(status.body.ticket).to.include({ appointmentAt: '2026-11-24T07:50:00.000Z', estimatedWaitMinutes: null });

    await open(checkedIn.body.statusUrl);
    await page.locator('[data-testid="appointment"]').getByText('Appuntamento ore 08:50').waitFor();
    const text = (await page.textContent('main'))!;
    expect(text).to.not.include('Attesa stimata').and.not.include('davanti a te');
    expect(await seriousViolations(page), 'appointment').to.deep.equal([]);
    await screenshot(page, 'ticket-phone-appointment');
  });
});
