import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DeviceKind } from '../../protocol/devices.ts';
import type { OfficeSummary } from '../../protocol/network.ts';
import type { QueueSnapshot } from '../../protocol/views.ts';
import { officeKey } from '../../ui/office.ts';
import { eventually, launchBrowser, screenshot } from '../helpers/browser.ts';
import { adminPassword, startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';

/**
 * A network of two offices in one hub: the apps under /o/<id>/ work for their own office (kiosk, display),
 * and the built-in admin (a network admin) switches between offices and reads the network's report in the manager.
 */
describe('apps of a second office of the network (/o/<id>/…) in a real browser', function () {
  this.timeout(120_000);
  const other = 'vingone';
  let browser: Browser;
  let hub: TestHub;
  let admin: string;
  let defaultOffice: OfficeSummary;
  const contexts: BrowserContext[] = [];

  before(async () => {
    browser = await launchBrowser();
    hub = await startTestHub();
    admin = await hub.login();
    const office = { ...testOffice({ name: 'Ufficio Vingone', kiosks: [{ id: 'entrance', name: 'Ingresso Vingone', printer: 'none' }] }), id: other };
    const created = await hub.request('POST', '/api/admin/offices', { office }, admin);
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const listed = await hub.request('GET', '/api/admin/offices', undefined, admin);
    defaultOffice = (listed.body.offices as OfficeSummary[]).find((o) => o.isDefault)!;
    expect(defaultOffice.id).to.not.equal(other);
    // A desk of the other office open (held), so its kiosk issues at once instead of offering a call-back.
    expect((await inOffice('POST', '/desks/desk-2/hold', {})).status).to.equal(200);
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await hub?.close();
    await browser?.close();
  });

  /** GET or POST in office <id> as the built-in admin (who has a role in every office). */
  const inOffice = (method: string, path: string, body?: unknown) => hub.request(method, `/api/offices/${other}${path}`, body, admin);
  const waitingIn = async (prefix: string) => ((await hub.request('GET', `${prefix}/queue`, undefined, admin)).body as QueueSnapshot).waiting.map((t) => t.number);

  /** A device paired to office <id> the way an admin does it there, its token put where the page of that office keeps it. */
  async function pairedPage(kind: DeviceKind, profile: string, viewport: { width: number; height: number }): Promise<Page> {
    const shown = await hub.request('POST', `/api/offices/${other}/pairings`, { kind });
    expect(shown.status, JSON.stringify(shown.body)).to.equal(201);
    const added = await inOffice('POST', '/admin/devices', { name: `${kind} ${profile}`, kind, profile, code: shown.body.code });
    expect(added.status, JSON.stringify(added.body)).to.equal(201);
    const claimed = await hub.request('POST', `/api/offices/${other}/pairings/claim`, { secret: shown.body.secret });
    const token = claimed.body.token as string;
    expect(token, JSON.stringify(claimed.body)).to.be.a('string');
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    const page = await context.newPage();
    await page.addInitScript(([key, value]) => localStorage.setItem(key!, value!), [officeKey(`punto-comune.device-token.${kind}`, other), token]);
    return page;
  }

  let issuedNumber = '';
  /** The citizen's phone on the ticket's status page (`/o/<id>/t/<ticket>?k=…`, from the kiosk's QR code). */
  let phone: Page;

  it("the kiosk at /o/<id>/kiosk issues a ticket into that office's queue, not the default office's", async () => {
    const kiosk = await pairedPage('kiosk', 'entrance', { width: 1280, height: 1024 });
    await kiosk.goto(`${hub.url}/o/${other}/kiosk`);
    await kiosk.locator('[data-service="certs"]:enabled').waitFor();
    await screenshot(kiosk, 'offices-kiosk-services');
    await kiosk.click('[data-service="certs"]');
    await kiosk.click('[data-taps="on"] [data-priority="no"]');
    await kiosk.click('[data-taps="on"] [data-need="continue"]'); // no help with being called
    const number = kiosk.locator('[data-testid="ticket-number"]');
    await number.waitFor();
    await eventually(async () => expect((await number.textContent())?.trim()).to.equal('A001'));
    issuedNumber = 'A001';
    await eventually(async () => expect(await waitingIn(`/api/offices/${other}`)).to.deep.equal([issuedNumber]));
    expect(await waitingIn('/api'), "the default office's queue").to.deep.equal([]);
    // The ticket's link (its QR code) is the other office's status page.
    await eventually(async () => expect(await kiosk.locator('[data-qr]').getAttribute('data-qr')).to.match(new RegExp(`/o/${other}/t/\\d+\\?k=`)));
    await screenshot(kiosk, 'offices-kiosk-ticket');

    // The phone opens that link: the page reads its ticket from /o/<id>/t/<id> and asks that office.
    const link = new URL((await kiosk.locator('[data-qr]').getAttribute('data-qr'))!);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'it-IT' });
    contexts.push(context);
    phone = await context.newPage();
    await phone.goto(hub.url + link.pathname + link.search);
    await phone.locator('[data-status="waiting"]').waitFor();
  });

  it("the display at /o/<id>/display shows a call made in that office", async () => {
    const display = await pairedPage('display', 'all', { width: 1280, height: 720 });
    await display.goto(`${hub.url}/o/${other}/display`);
    await display.waitForSelector('.display[data-synced=true]');
    const called = await inOffice('POST', '/desks/desk-2/call-next', {});
    expect(called.status, JSON.stringify(called.body)).to.equal(200);
    expect(called.body.ticket.number).to.equal(issuedNumber);
    await display.waitForSelector('[data-test=current-call][data-flashes="1"]');
    await eventually(async () => {
      expect((await display.locator('[data-test=current-number]').first().textContent())?.trim()).to.equal(issuedNumber);
      expect((await display.locator('[data-test=current-desk]').first().textContent())?.trim()).to.equal('Sportello 2');
    });
    await screenshot(display, 'offices-display');
    // The phone following the ticket (a socket of that office) hears the call too.
    await phone.locator('[data-status="called"]').waitFor();
  });

  it('the counter at /o/<id>/counter: a clerk of that office logs in, sits at a desk of it and calls its next ticket', async () => {
    const clerk = await inOffice('POST', '/admin/users', { username: 'vera', password: 'vera-password', role: 'clerk' });
    expect(clerk.status, JSON.stringify(clerk.body)).to.equal(201);
    const issued = await inOffice('POST', '/tickets', { serviceId: 'info' });
    expect(issued.status, JSON.stringify(issued.body)).to.equal(201);
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'it-IT' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${hub.url}/o/${other}/counter`);
    await page.fill('input[name="username"]', 'vera');
    await page.fill('input[name="password"]', 'vera-password');
    await page.click('button[type="submit"]');
    await page.locator('[data-desk="desk-1"]').waitFor();
    await page.click('[data-desk="desk-1"]');
    await page.locator('.desk-screen[data-synced="true"]').waitFor();
    await page.click('[data-action="call-next"]');
    await eventually(async () => expect((await page.locator('[data-testid="current-number"]').textContent())?.trim()).to.equal(issued.body.ticket.number));
    // The PC remembers its desk for this office only.
    expect(await page.evaluate((key) => localStorage.getItem(key), officeKey('punto-comune.counter.desk', other))).to.equal('desk-1');
    expect(await page.evaluate(() => localStorage.getItem('punto-comune.counter.desk'))).to.equal(null);
    expect(await waitingIn('/api'), "the default office's queue").to.deep.equal([]);
  });

  /** The manager's PC logging in as `username` at `path`. */
  async function managerPage(username: string, password: string, path = '/manager'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(hub.url + path);
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="password"]', password);
    await page.click('button[type="submit"]');
    await page.locator('[data-tab="accesses"][aria-selected="true"]').waitFor();
    return page;
  }

  it('the manager as the built-in admin (a network admin): the office switcher, the Rete tab with both offices, a new office', async () => {
    const page = await managerPage('admin', adminPassword);
    const switcher = page.locator('[data-testid="office-switcher"]');
    await eventually(async () => expect(await switcher.locator('option').allTextContents()).to.deep.equal([`${defaultOffice.name} (principale)`, 'Ufficio Vingone']));
    expect(await switcher.inputValue()).to.equal(defaultOffice.id);

    await page.click('[data-tab="network"]');
    const row = (office: string, col: string) => page.locator(`[data-testid="network-table"] tr[data-office="${office}"] td[data-col="${col}"]`);
    await eventually(async () => {
      // Two tickets issued in the other office (the kiosk's, the counter's), none in the default one.
      expect((await row(other, 'issued').textContent())?.trim()).to.equal('2');
      expect((await row(defaultOffice.id, 'issued').textContent())?.trim()).to.equal('0');
      expect((await row('total', 'issued').textContent())?.trim()).to.equal('2');
    });
    await page.locator('[data-testid="monthly-chart"]').waitFor();
    await screenshot(page, 'offices-manager-network');

    // A new office, a copy of this one's config: it joins the switcher's list.
    const form = page.locator('[data-testid="new-office-form"]');
    await form.locator('input[name="office-id"]').fill(other);
    await form.locator('input[name="office-name"]').fill('Doppione');
    await form.locator('[data-action="create-office"]').click();
    await form.getByText('Esiste già un ufficio con questo codice.').waitFor();
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, 'offices-manager-new-office');
    await form.locator('input[name="office-id"]').fill('casellina');
    await form.locator('input[name="office-name"]').fill('Ufficio Casellina');
    await form.locator('[data-action="create-office"]').click();
    await eventually(async () => expect(await switcher.locator('option').count()).to.equal(3));
    const created = await hub.request('GET', '/api/offices/casellina/office', undefined, admin);
    expect(created.status).to.equal(200);
    expect(created.body.name).to.equal('Ufficio Casellina');

    // Choosing the other office opens its manager page, on the same tab.
    await switcher.selectOption(other);
    await page.waitForURL(`${hub.url}/o/${other}/manager#network`);
    await eventually(async () => expect((await page.locator('[data-testid="office-name"]').textContent())?.trim()).to.equal('Ufficio Vingone'));
    await eventually(async () => expect(await page.locator('[data-testid="office-switcher"]').inputValue()).to.equal(other));
    await page.locator('[data-tab="network"][aria-selected="true"]').waitFor();
    await page.locator(`[data-testid="network-table"] tr[data-office="${other}"]`).waitFor();
    // Its Accessi tab reads that office's report: the two tickets issued there.
    await page.click('[data-tab="accesses"]');
    await eventually(async () => expect((await page.locator('[data-testid="monthly-table"] tr[data-month="total"] td[data-col="issued"]').textContent())?.trim()).to.equal('2'));
  });

  it('an admin of one office only sees neither the switcher nor the Rete tab', async () => {
    await hub.loginAs('ada', 'admin');
    const page = await managerPage('ada', 'ada-password');
    await page.locator('[data-tab="admin"]').waitFor();
    await eventually(async () => expect((await page.locator('[data-testid="office-name"]').textContent())?.trim()).to.equal('Test office'));
    expect(await page.locator('[data-tab="network"]').count()).to.equal(0);
    expect(await page.locator('[data-testid="office-switcher"]').count()).to.equal(0);
  });
});
