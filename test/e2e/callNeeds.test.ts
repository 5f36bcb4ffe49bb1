import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import type { CallNeed } from '../../protocol/needs.ts';
import type { QueueSnapshot, TicketView } from '../../protocol/views.ts';
import { speechText } from '../../display/src/announcer/speechText.ts';
import { seriousViolations } from '../helpers/axe.ts';
import { eventually, launchBrowser, pairPage, screenshot, viewports } from '../helpers/browser.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';

/** What the display's page asked the browser's speech synthesis to say (recorded, then passed on unchanged). */
interface Utterance { text: string; rate: number; lang: string }
declare global {
  interface Window { utterances?: Utterance[]; vibrations?: number[][] }
}

/**
 * Calls that fit each person (issue 18), from the kiosk to the desk, the display and the phone: for each need a
 * citizen chooses it at the kiosk, a clerk calls the ticket from a desk and sees its mark, the waiting-room
 * display shows the symbol (and says it as the need asks), and the ticket's status page lists it.
 */
describe('calls that fit each person: kiosk → desk → display → phone', function () {
  this.timeout(120_000);
  let browser: Browser;
  let hub: TestHub;
  let kiosk: Page;
  let counter: Page;
  let display: Page;
  let token: string;

  before(async () => {
    browser = await launchBrowser();
    hub = await startTestHub({ office: testOffice() });
    token = await hub.login();

    await hub.hub.ctx.auth.createUser('carla', 'carla-password', 'clerk');
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'it-IT' });
    counter = await context.newPage();
    await counter.goto(`${hub.url}/counter`);
    await counter.fill('input[name="username"]', 'carla');
    await counter.fill('input[name="password"]', 'carla-password');
    await counter.click('button[type="submit"]');
    await counter.click('[data-desk="desk-1"]');
    await counter.locator('.desk-screen[data-synced="true"]').waitFor();
    // The kiosk opens once carla holds desk-1: its first snapshot already counts the desk as open.
    kiosk = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
    await pairPage(kiosk, hub, '/kiosk/entrance');
    await kiosk.goto(`${hub.url}/kiosk/entrance`);
    await kiosk.locator('[data-service="certs"]:enabled').waitFor();

    display = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    // A spy on the real speech synthesis: every utterance is recorded, then spoken as usual.
    await display.addInitScript(() => {
      const synth = window.speechSynthesis;
      const speak = synth.speak.bind(synth);
      window.utterances = [];
      synth.speak = (u: SpeechSynthesisUtterance) => {
        // The rate is a float32 in the browser (0.7 reads back as 0.699999988): kept to two decimals.
        if (u.text.trim() !== '') window.utterances!.push({ text: u.text, rate: Math.round(u.rate * 100) / 100, lang: u.lang });
        speak(u);
      };
    });
    await pairPage(display, hub, '/display');
    await display.goto(`${hub.url}/display`);
    await display.locator('.display[data-synced=true]').waitFor();
  });
  after(async () => {
    await browser?.close();
    await hub?.close();
  });

  const waiting = async () => ((await hub.read('/api/queue')).body as QueueSnapshot).waiting;

  /** At the kiosk: certificates, no priority, this need; answers the number shown and the status link of its QR code. */
  async function takeTicketWith(need: CallNeed): Promise<{ number: string; statusUrl: string }> {
    await kiosk.click('[data-taps="on"] [data-service="certs"]'); // once the start screen takes taps
    await kiosk.click('[data-taps="on"] [data-priority="no"]');
    await kiosk.click(`[data-taps="on"] [data-need="${need}"]`);
    await kiosk.locator(`[data-need="${need}"][aria-pressed="true"]`).waitFor();
    await kiosk.click('[data-need="continue"]');
    const number = (await kiosk.locator('[data-testid="ticket-number"]').textContent())!.trim();
    await kiosk.waitForFunction(() => document.querySelector('[data-qr]')?.getAttribute('data-qr')?.includes('/t/'));
    const statusUrl = (await kiosk.locator('[data-qr]').getAttribute('data-qr'))!;
    await kiosk.getByRole('button', { name: 'Fine' }).click();
    await kiosk.locator('[data-service="certs"]:enabled').waitFor();
    return { number, statusUrl };
  }

  /** The desk calls the next ticket (the one just issued: the queue holds only it) and sees it with the need's mark. */
  async function callFromDesk(number: string, need: CallNeed): Promise<void> {
    // Waiting: the row has the mark.
    await counter.locator(`[data-testid="queue"] [data-ticket="${number}"] [data-need="${need}"]`).waitFor();
    await counter.click('[data-action="call-next"]');
    await counter.locator(`[data-testid="current"][data-status="called"] [data-testid="current-marks"] [data-need="${need}"]`).waitFor();
    await eventually(async () => expect((await counter.locator('[data-testid="current-number"]').textContent())!.trim()).to.equal(number));
  }

  async function seeOnPhone(statusUrl: string, need: CallNeed, shot: string): Promise<Page> {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'it-IT' });
    // A spy on the phone's vibration: the pattern asked for is recorded, then passed on.
    await phone.addInitScript(() => {
      const vibrate = navigator.vibrate?.bind(navigator);
      window.vibrations = [];
      navigator.vibrate = (pattern: number | Iterable<number>) => {
        const steps = typeof pattern === 'number' ? [pattern] : [...pattern];
        window.vibrations!.push(steps);
        return vibrate ? vibrate(steps) : true;
      };
    });
    await phone.goto(statusUrl);
    await phone.locator(`[data-testid="needs"] [data-need="${need}"]`).waitFor();
    await phone.locator('[data-status="called"]').waitFor();
    // The page opened on a called ticket: it alerts. "Non sento bene" vibrates longer (about 6 s, not 1.8).
    await phone.waitForFunction(() => window.vibrations!.length > 0);
    const vibrated = (await phone.evaluate(() => window.vibrations![0]!)).reduce((a, b) => a + b, 0);
    if (need === 'hearing') expect(vibrated).to.be.at.least(5000);
    else expect(vibrated).to.be.at.most(2000);
    await screenshot(phone, shot);
    return phone;
  }

  /** The desk is done with its ticket (over REST: the desk screen's own actions have their tests). */
  async function finish(): Promise<void> {
    const res = await hub.request('POST', '/api/desks/desk-1/finish', {}, token);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    await counter.locator('[data-testid="current"][data-status="none"]').waitFor();
  }

  it('the kiosk offers the needs step after the priority question, several needs can be chosen, none is the default (screenshots)', async () => {
    await kiosk.click('[data-taps="on"] [data-service="idcard"]'); // once the start screen takes taps
    await kiosk.click('[data-taps="on"] [data-priority="no"]');
    await kiosk.locator('[data-taps="on"] [data-need="continue"]').waitFor();
    expect(await kiosk.locator('[data-need][aria-pressed]').evaluateAll((b) => b.map((x) => x.getAttribute('data-need')))).to.deep.equal(['hearing', 'sight', 'escort', 'easy-language']);
    expect(await seriousViolations(kiosk), 'needs step').to.deep.equal([]);
    await screenshot(kiosk, 'kiosk-1280x1024-needs');
    await kiosk.click('[data-need="hearing"]');
    await kiosk.click('[data-need="escort"]');
    await kiosk.click('[data-need="hearing"]'); // changed their mind
    await kiosk.locator('[data-need="hearing"][aria-pressed="false"]').waitFor();
    await kiosk.locator('[data-need="escort"][aria-pressed="true"]').waitFor();
    await screenshot(kiosk, 'kiosk-1280x1024-needs-chosen');
    await kiosk.getByRole('button', { name: 'Indietro' }).click();

    // The totem, in English.
    await kiosk.setViewportSize(viewports.portrait);
    await kiosk.click('button[lang="en"]');
    await kiosk.click('[data-taps="on"] [data-service="idcard"]'); // once the start screen takes taps
    await kiosk.click('[data-taps="on"] [data-priority="no"]');
    await kiosk.getByText('Do you need help with being called?').waitFor();
    await kiosk.click('[data-taps="on"] [data-need="sight"]');
    await kiosk.locator('[data-need="sight"][aria-pressed="true"]').waitFor();
    // The answers sit in the lower-middle band of the totem, as the priority step's do.
    for (const answer of await kiosk.locator('[data-need]').all()) {
      const box = (await answer.boundingBox())!;
      expect(box.y, `${await answer.getAttribute('data-need')} top`).to.be.at.least(0.3 * 1920);
      expect(box.y + box.height, `${await answer.getAttribute('data-need')} bottom`).to.be.at.most(0.9 * 1920);
    }
    await screenshot(kiosk, 'kiosk-1080x1920-needs-en');
    await kiosk.getByRole('button', { name: 'Back' }).click();
    await kiosk.getByText('Tocca il servizio che ti serve').waitFor();
    await kiosk.setViewportSize({ width: 1280, height: 1024 });
    expect(await waiting()).to.deep.equal([]);
  });

  it('"No, continua" of the needs step is never under the tap that answered the priority question', async () => {
    await kiosk.click('[data-taps="on"] [data-service="info"]'); // once the start screen takes taps
    const no = kiosk.locator('[data-taps="on"] [data-priority="no"]');
    await no.waitFor();
    const box = (await no.boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await kiosk.mouse.click(x, y);
    const next = kiosk.locator('[data-taps="on"] [data-need="continue"]');
    await next.waitFor();
    const r = (await next.boundingBox())!;
    expect(x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height, '"No, continua" under the tap').to.equal(false);
    await next.click();
    await kiosk.locator('[data-testid="ticket-number"]').waitFor();
    const [issued] = await waiting();
    expect(issued).to.include({ number: 'C001' });
    expect(issued!.needs).to.deep.equal([]);
    await kiosk.getByRole('button', { name: 'Fine' }).click();
    expect((await hub.request('POST', '/api/tickets/' + issued!.id + '/cancel', {}, token)).status).to.equal(200);
  });

  it('hearing: an ear at the desk, a flashing ear beside the call on the display, held longer; the phone lists it', async () => {
    const { number, statusUrl } = await takeTicketWith('hearing');
    expect((await waiting())[0]!.needs).to.deep.equal(['hearing']);
    await callFromDesk(number, 'hearing');
    await screenshot(counter, 'counter-need-hearing');
    await display.waitForFunction((n) => document.querySelector('[data-test=current-number]')?.textContent?.trim() === n, number);
    await display.locator('[data-test=current-needs] svg[data-need-icon="hearing"].flash').waitFor();
    await screenshot(display, 'display-1280x720-need-hearing');
    // Still highlighted, ear flashing, after an ordinary call's 10 s.
    await new Promise((r) => setTimeout(r, 11_000));
    await display.locator('[data-test=current-call].highlighted [data-test=current-needs] svg[data-need-icon="hearing"].flash').waitFor({ timeout: 1000 });
    await (await seeOnPhone(statusUrl, 'hearing', 'status-need-hearing')).close();
    await finish();
  });

  it('escort: a banner tells the desk to fetch the citizen; the display names no desk and says an operator is coming', async () => {
    const { number, statusUrl } = await takeTicketWith('escort');
    await callFromDesk(number, 'escort');
    const banner = counter.locator('[data-testid="escort-banner"]');
    await banner.waitFor();
    expect(await banner.textContent()).to.include(`Vai a prendere ${number} in sala d’attesa`);
    expect(await seriousViolations(counter), 'desk with the escort banner').to.deep.equal([]);
    await screenshot(counter, 'counter-need-escort');
    await display.waitForFunction((n) => document.querySelector('[data-test=current-number]')?.textContent?.trim() === n, number);
    await display.locator('[data-test=current-escort]').getByText('un operatore viene a prenderla').waitFor();
    await display.locator('[data-test=current-needs] svg[data-need-icon="escort"]').waitFor();
    const said = speechText(number, 'Sportello 1', 'it', false, true);
    expect(said).to.not.include('sportello');
    await display.waitForFunction((text) => window.utterances!.some((u) => u.text === text), said, { timeout: 30_000 });
    expect(await display.evaluate((n) => window.utterances!.filter((u) => u.text.includes(n.replace(/^A0*/, 'A '))).map((u) => u.text), number)).to.deep.equal([said]);
    await display.setViewportSize(viewports.landscape);
    await screenshot(display, 'display-1920x1080-need-escort');
    await display.setViewportSize({ width: 1280, height: 720 });
    const phone = await seeOnPhone(statusUrl, 'escort', 'status-need-escort');
    await phone.getByText('un operatore viene a prenderti').waitFor();
    await phone.close();
    // Once the citizen is at the desk the banner goes.
    expect((await hub.request('POST', '/api/desks/desk-1/start', {}, token)).status).to.equal(200);
    await banner.waitFor({ state: 'detached' });
    await finish();
  });

  it('easy-language: the desk sees it; the display shows its symbol', async () => {
    const { number, statusUrl } = await takeTicketWith('easy-language');
    await callFromDesk(number, 'easy-language');
    await screenshot(counter, 'counter-need-easy-language');
    await display.waitForFunction((n) => document.querySelector('[data-test=current-number]')?.textContent?.trim() === n, number);
    await display.locator('[data-test=current-needs] svg[data-need-icon="easy-language"]').waitFor();
    await (await seeOnPhone(statusUrl, 'easy-language', 'status-need-easy-language')).close();
    await finish();
  });

  it('sight: the desk sees it; the display says the call twice, slower than an ordinary call', async () => {
    const { number, statusUrl } = await takeTicketWith('sight');
    await callFromDesk(number, 'sight');
    await screenshot(counter, 'counter-need-sight');
    await display.waitForFunction((n) => document.querySelector('[data-test=current-number]')?.textContent?.trim() === n, number);
    await display.locator('[data-test=current-needs] svg[data-need-icon="sight"]').waitFor();
    await display.setViewportSize(viewports.landscape);
    await screenshot(display, 'display-1920x1080-need-sight');
    await display.setViewportSize({ width: 1280, height: 720 });
    const said = speechText(number, 'Sportello 1', 'it');
    await display.waitForFunction((text) => window.utterances!.filter((u) => u.text === text).length === 2, said, { timeout: 60_000 });
    const utterances = await display.evaluate(() => window.utterances!);
    const sight = utterances.filter((u) => u.text === said);
    expect(sight.map((u) => [u.rate, u.lang])).to.deep.equal([[0.7, 'it-IT'], [0.7, 'it-IT']]);
    // The ordinary calls before it (hearing, easy language, when the whole file runs) were said at the usual rate.
    const ordinary = utterances.filter((u) => u.text !== said && !u.text.includes('operatore'));
    for (const u of ordinary) expect(u.rate).to.equal(0.9);
    await (await seeOnPhone(statusUrl, 'sight', 'status-need-sight')).close();
    await finish();
  });

  it('a desk sees every need of a ticket with several, in the waiting list and once called (screenshot)', async () => {
    const res = await hub.issue({ serviceId: 'certs', needs: ['easy-language', 'sight', 'hearing', 'escort'] });
    const ticket = res.body.ticket as TicketView;
    const row = counter.locator(`[data-testid="queue"] [data-ticket="${ticket.number}"]`);
    await row.locator('[data-need="escort"]').waitFor();
    expect(await row.locator('[data-need]').evaluateAll((m) => m.map((x) => x.getAttribute('data-need')))).to.deep.equal(['hearing', 'sight', 'escort', 'easy-language']);
    await screenshot(counter, 'counter-needs-waiting');
    await counter.click('[data-action="call-next"]');
    await counter.locator('[data-testid="escort-banner"]').waitFor();
    await screenshot(counter, 'counter-needs-all');
    await display.waitForFunction((n) => document.querySelector('[data-test=current-number]')?.textContent?.trim() === n, ticket.number, { timeout: 60_000 });
    await display.locator('[data-test=current-needs] svg[data-need-icon="sight"]').waitFor();
    await screenshot(display, 'display-1280x720-needs-all');
  });

  it('the manager counts the needs per month; an admin turns them all off and the kiosk leaves the step out (screenshots)', async () => {
    await hub.hub.ctx.auth.createUser('ada', 'ada-password', 'admin');
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
    const manager = await context.newPage();
    await manager.goto(`${hub.url}/manager`);
    await manager.fill('input[name="username"]', 'ada');
    await manager.fill('input[name="password"]', 'ada-password');
    await manager.click('button[type="submit"]');
    await manager.click('[data-tab="needs"]');
    // Today: hearing twice (its own ticket and the one with every need), escort twice, 5 tickets with a need.
    const total = (row: string) => manager.locator(`[data-testid="needs-table"] tr[data-row="${row}"] td[data-col="total"]`);
    await total('hearing').waitFor();
    await eventually(async () => {
      expect(await total('hearing').textContent()).to.equal('2');
      expect(await total('escort').textContent()).to.equal('2');
      expect(await manager.locator('[data-testid="needs-tickets"] strong').textContent()).to.equal('5');
    });
    expect(await seriousViolations(manager), 'needs report').to.deep.equal([]);
    await screenshot(manager, 'manager-needs-report');

    await manager.click('[data-tab="admin"]');
    await manager.click('[data-tab="callNeeds"]');
    const form = manager.locator('[data-testid="call-needs-form"]');
    for (const k of ['hearing', 'sight', 'escort', 'easyLanguage']) await form.locator(`input[name="${k}"]`).uncheck();
    expect(await seriousViolations(manager), 'call needs form').to.deep.equal([]);
    await screenshot(manager, 'manager-admin-call-needs');
    await form.locator('[data-action="save"]').click();
    await eventually(async () => expect((await hub.read('/api/office')).body.callNeeds).to.deep.equal([]));
    await context.close();

    // The kiosk hears of the change and goes from the priority question straight to the ticket.
    await kiosk.click('[data-taps="on"] [data-service="idcard"]'); // once the start screen takes taps
    await kiosk.click('[data-taps="on"] [data-priority="no"]');
    await kiosk.locator('[data-testid="ticket-number"]').waitFor();
    expect(await kiosk.locator('[data-need]').count()).to.equal(0);
    const refused = await hub.issue({ serviceId: 'certs', needs: ['hearing'] });
    expect(refused.status).to.equal(400);
    expect(refused.body.error.code).to.equal('need-not-offered');
  });
});
