import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seriousViolations } from '../helpers/axe.ts';
import { eventually, launchBrowser, pairPage, screenshot } from '../helpers/browser.ts';
import { adminPassword, startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';

const phone = { width: 390, height: 844 };
const screen = { width: 1280, height: 720 };

/**
 * Shared traffic in the browser (issue 22): the kiosk names a quicker nearby office, the citizen's phone moves
 * its ticket there and follows the new one, and the network admin's Sala controllo shows every office live.
 * Scandicci's office is busy for certificates (4 × 5 min at one desk); Vingone, 1.2 km away, has a short queue.
 */
describe('shared traffic between offices, in the browser', function () {
  this.timeout(90_000);
  let browser: Browser;
  let hub: TestHub;
  let admin: string;
  const contexts: BrowserContext[] = [];
  const base = { lat: 43.7544, lon: 11.1894 };
  const sharing = { enabled: true, thresholdMinutes: 10, maxDistanceKm: 10 };

  const newPage = async (viewport: { width: number; height: number }, mobile = false): Promise<Page> => {
    const context = await browser.newContext({ viewport, locale: 'it-IT', timezoneId: 'Europe/Rome', ...(mobile ? { hasTouch: true, isMobile: true } : {}) });
    contexts.push(context);
    return context.newPage();
  };
  const issue = async (path: string) => {
    const r = await hub.request('POST', path, { serviceId: 'certs' }, admin);
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    await new Promise((resolve) => setTimeout(resolve, 5)); // distinct arrivals
    return r.body as { ticket: { id: number; number: string }; statusUrl: string };
  };

  before(async () => {
    browser = await launchBrowser();
    hub = await startTestHub({
      office: testOffice({ name: 'Punto Comune Scandicci', location: { address: 'Piazza della Resistenza 1', ...base }, sharing }),
    });
    admin = await hub.login();
    const vingone = testOffice({
      name: 'Punto Comune Vingone',
      services: [{ id: 'certs', prefix: 'V', name: { it: 'Certificati', en: 'Certificates' }, outcomes: ['certificate'], defaultServiceMinutes: 5 }],
      desks: [{ id: 'desk-1', name: 'Sportello 1', kind: 'front', services: ['certs'] }],
      location: { address: 'Piazza Aldo Moro 4', lat: base.lat + 1.2 / 111.195, lon: base.lon },
      sharing,
    });
    expect((await hub.request('POST', '/api/admin/offices', { office: { ...vingone, id: 'vingone' } }, admin)).status).to.equal(201);
    await hub.request('POST', '/api/desks/desk-1/hold', {}, admin);
    await hub.request('POST', '/api/offices/vingone/desks/desk-1/hold', {}, admin);
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await hub?.close();
  });

  it('the phone suggests Vingone, moves the ticket there ahead of a later walk-in, and follows the new ticket', async () => {
    for (let i = 0; i < 3; i++) await issue('/api/tickets');
    const mine = await issue('/api/tickets'); // 3 ahead at one desk: 15 minutes
    const later = await issue('/api/offices/vingone/tickets'); // came after: Vingone's wait is 5 minutes
    const page = await newPage(phone, true);
    await page.goto(mine.statusUrl);
    const hint = page.locator('[data-testid="elsewhere"]');
    await hint.waitFor();
    expect((await hint.textContent())!.replace(/\s+/g, ' ')).to.include('Più veloce altrove:').and.include('A Punto Comune Vingone 5 minuti di attesa, 1,2 km');
    expect(await seriousViolations(page)).to.deep.equal([]);
    await screenshot(page, 'traffic-phone-suggestion');

    await page.click('[data-office="vingone"] [data-action="move"]');
    await page.waitForURL(/\/o\/vingone\/t\/\d+\?k=/);
    await page.locator('[data-status="waiting"]').waitFor();
    expect((await page.textContent('[data-testid="ticket-number"]'))!.trim()).to.match(/^V\d{3}$/);
    expect(await page.textContent('[data-testid="ahead"]')).to.equal('Nessuno davanti a te');
    expect(await page.textContent('.office')).to.equal('Punto Comune Vingone');
    await screenshot(page, 'traffic-phone-moved');
    const laterKey = hub.hub.network.offices.get('vingone')!.ctx.statusLinks.key(later.ticket.id);
    const laterStatus = await hub.request('GET', `/api/offices/vingone/tickets/${later.ticket.id}/status?key=${laterKey}`);
    expect(laterStatus.body.ticket.position).to.equal(1);

    // The old link says where the ticket went.
    await page.goBack();
    await page.locator('[data-testid="moved"]').waitFor();
    expect(await page.textContent('[data-status="cancelled"]')).to.equal('Biglietto spostato a Punto Comune Vingone');
    expect(await page.getAttribute('[data-testid="moved-link"]', 'href')).to.match(/^\/o\/vingone\/t\/\d+\?k=/);
  });

  it('the kiosk names the quicker office in big plain text once a busy service is chosen, and still issues', async () => {
    for (let i = 0; i < 3; i++) await issue('/api/tickets'); // busy whatever ran before: 15 minutes or more
    const page = await newPage(screen);
    await pairPage(page, hub, '/kiosk/entrance');
    await page.goto(`${hub.url}/kiosk/entrance`);
    await page.click('[data-service="certs"]:enabled');
    const hint = page.locator('[data-testid="elsewhere"]');
    await hint.waitFor();
    expect((await hint.textContent())!.replace(/\s+/g, ' ')).to.include('Più veloce altrove:').and.include('A Punto Comune Vingone');
    await screenshot(page, 'traffic-kiosk-suggestion');
    // Near midnight the wait runs past closing time (24:00): the kiosk first offers a call-back, with the same hint.
    await page.locator('[data-taps="on"] [data-priority="no"], [data-taps="on"] [data-action="ticket-anyway"]').first().waitFor();
    if (await page.locator('[data-action="ticket-anyway"]').count()) await page.click('[data-taps="on"] [data-action="ticket-anyway"]');
    await page.click('[data-taps="on"] [data-priority="no"]');
    await page.click('[data-taps="on"] [data-need="continue"]');
    await page.locator('[data-testid="ticket-number"]').waitFor();
    await hint.waitFor();
    expect(await seriousViolations(page)).to.deep.equal([]);
    await screenshot(page, 'traffic-kiosk-ticket');
  });

  it("the network admin's Sala controllo shows every office's load and follows a change within a poll", async () => {
    const page = await newPage(screen);
    await page.goto(`${hub.url}/manager`);
    await page.fill('input[name="username"]', 'admin');
    await page.fill('input[name="password"]', adminPassword);
    await page.click('button[type="submit"]');
    await page.click('[data-tab="control"]');
    const vingone = page.locator('[data-office="vingone"]');
    await vingone.waitFor();
    const waitingAt = async (id: string) => Number((await page.textContent(`[data-office="${id}"] [data-col="waiting"]`))!.trim());
    const queue = async (path: string) => (await hub.request('GET', path, undefined, admin)).body.waiting.length as number;
    expect(await waitingAt('main')).to.equal(await queue('/api/queue'));
    const before = await waitingAt('vingone');
    expect(before).to.equal(await queue('/api/offices/vingone/queue'));
    expect(await page.textContent('[data-office="main"] [data-col="desks"]')).to.equal('1 su 4');
    expect(await seriousViolations(page)).to.deep.equal([]);
    await screenshot(page, 'traffic-control-room');
    await issue('/api/offices/vingone/tickets');
    await eventually(async () => expect(await waitingAt('vingone')).to.equal(before + 1), 8000);
  });

  it('an admin sets the office position, its sharing and a service threshold in Amministrazione → Traffico condiviso', async () => {
    const page = await newPage(screen);
    await page.goto(`${hub.url}/o/vingone/manager`);
    await page.fill('input[name="username"]', 'admin');
    await page.fill('input[name="password"]', adminPassword);
    await page.click('button[type="submit"]');
    await page.click('[data-tab="admin"]');
    await page.click('[data-tab="sharing"]');
    const form = page.locator('[data-testid="sharing-form"]');
    expect(await form.locator('input[name="address"]').inputValue()).to.equal('Piazza Aldo Moro 4');
    await form.locator('input[name="thresholdMinutes"]').fill('20');
    await form.locator('input[name="maxDistanceKm"]').fill('5');
    await form.locator('input[name="threshold-certs"]').fill('25');
    await form.locator('input[name="lat"]').fill('');
    await form.locator('[data-action="save"]').click();
    await form.locator('[data-testid="form-problems"] li').first().waitFor();
    expect(await form.locator('[data-testid="form-problems"]').textContent()).to.include('latitudine');
    await form.locator('input[name="lat"]').fill('43.7652');
    await form.locator('[data-action="save"]').click();
    await page.locator('[data-testid="status"]').getByText('Modifiche salvate').waitFor();
    const office = hub.hub.network.offices.get('vingone')!.ctx.committer.state.office;
    expect(office.sharing).to.deep.equal({ enabled: true, thresholdMinutes: 20, maxDistanceKm: 5 });
    expect(office.location).to.deep.equal({ address: 'Piazza Aldo Moro 4', lat: 43.7652, lon: 11.1894 });
    expect(office.services.find((s) => s.id === 'certs')!.sharingThresholdMinutes).to.equal(25);
    expect(await seriousViolations(page)).to.deep.equal([]);
    await screenshot(page, 'traffic-admin-sharing');
  });
});
