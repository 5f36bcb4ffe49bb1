import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TicketView } from '../../protocol/views.ts';
import { seriousViolations } from '../helpers/axe.ts';
import { eventually, launchBrowser, pairPage, screenshot, screenshotDir } from '../helpers/browser.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

const managerPc = { width: 1366, height: 768 };
const minute = 60_000;

/** Today's date in Rome, where the test office is. */
const romeToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());

describe('manager page in a real browser', function () {
  this.timeout(120_000);
  let browser: Browser;
  let hub: TestHub;
  let contexts: BrowserContext[] = [];
  /** The hub's clock runs from about 09:00 today (Rome), so a test never crosses midnight; `advance` moves it on. */
  let offset = 0;
  const advance = (minutes: number) => (offset += minutes * minute);

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    offset = Date.parse(`${romeToday()}T07:00:00Z`) - Date.now();
    hub = await startTestHub({ clock: () => Date.now() + offset });
    await hub.holdAll(); // a desk calls only while a clerk holds it
  });
  afterEach(async () => {
    for (const c of contexts) await c.close();
    contexts = [];
    await hub.close();
  });

  const thisMonth = () => romeToday().slice(0, 7);

  async function issue(serviceId: string): Promise<TicketView> {
    const res = await hub.issue({ serviceId });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.ticket as TicketView;
  }
  async function desk(token: string, deskId: string, action: string, body: object = {}) {
    const res = await hub.request('POST', `/api/desks/${deskId}/${action}`, body, token);
    expect(res.status, `${action}: ${JSON.stringify(res.body)}`).to.equal(200);
    return res.body;
  }

  /**
   * A morning at the office: 4 tickets (3 certificates, 1 identity card); desk-1 serves one with two
   * certificates and marks one absent; desk-2 serves one that needs a second-level appointment.
   * Issued 4, served 2, no-shows 1, one identity card still waiting. Back office 1 opens to the public for 45 minutes.
   */
  async function seedMorning() {
    const clerk = await hub.loginAs('carlo', 'clerk');
    for (const s of ['certs', 'certs', 'certs', 'idcard']) {
      await issue(s);
      advance(1);
    }
    advance(10);
    await desk(clerk, 'desk-1', 'call-next');
    await desk(clerk, 'desk-1', 'start');
    advance(6);
    await desk(clerk, 'desk-1', 'finish', { outcomes: [{ code: 'certificate', count: 2 }] });
    await desk(clerk, 'desk-1', 'call-next');
    advance(3);
    await desk(clerk, 'desk-1', 'no-show');
    await desk(clerk, 'desk-2', 'call-next');
    await desk(clerk, 'desk-2', 'start');
    advance(4);
    await desk(clerk, 'desk-2', 'finish', { outcomes: [{ code: 'second-level', count: 1 }] });
    await desk(clerk, 'back-1', 'mode', { mode: 'front' });
    advance(45);
    await desk(clerk, 'back-1', 'mode', { mode: 'back' });
  }

  /** A fresh browser (the manager's own PC) logging in through the form. */
  async function loginPage(username: string, role: 'clerk' | 'manager' | 'admin', locale = 'it-IT'): Promise<Page> {
    await hub.hub.ctx.auth.createUser(username, `${username}-password`, role);
    const context = await browser.newContext({ viewport: managerPc, locale, timezoneId: 'Europe/Rome', acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${hub.url}/manager`);
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="password"]', `${username}-password`);
    await page.click('button[type="submit"]');
    return page;
  }
  async function openManager(username: string, role: 'manager' | 'admin'): Promise<Page> {
    const page = await loginPage(username, role);
    await page.locator('[data-tab="accesses"][aria-selected="true"]').waitFor();
    return page;
  }
  const cell = (page: Page, table: string, row: string, col: string) =>
    page.locator(`[data-testid="${table}"] tr[data-month="${row}"] td[data-col="${col}"]`);

  it('Accessi: the month row shows the counts, the chart is drawn, and "Scarica CSV" downloads the same figures', async () => {
    await seedMorning();
    // The ticket still waiting is cancelled at a desk: it counts as cancelled.
    const [waitingTicket] = (await hub.read('/api/queue')).body.waiting as { id: number }[];
    expect((await hub.request('POST', `/api/tickets/${waitingTicket!.id}/cancel`, {}, await hub.login())).status).to.equal(200);
    const page = await openManager('anna', 'manager');
    const month = thisMonth();
    await page.locator(`[data-testid="monthly-table"] tr[data-month="${month}"]`).waitFor();
    await eventually(async () => {
      expect(await cell(page, 'monthly-table', month, 'issued').textContent()).to.equal('4');
      expect(await cell(page, 'monthly-table', month, 'served').textContent()).to.equal('2');
      expect(await cell(page, 'monthly-table', month, 'noShows').textContent()).to.equal('1');
      expect(await cell(page, 'monthly-table', month, 'cancelled').textContent()).to.equal('1');
      expect(await cell(page, 'monthly-table', 'total', 'issued').textContent()).to.equal('4');
      expect(await page.locator('[data-testid="report-title"]').textContent()).to.equal(`Accessi mensili ${month.slice(0, 4)}`);
      expect(await page.locator('[data-testid="office-name"]').textContent()).to.equal('Test office');
    });

    // Chart.js drew bars: the canvas has pixels in the two bar colours.
    const drawn = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="monthly-chart"]')!;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let painted = 0;
      let navy = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3]! > 0) painted++;
        if (data[i] === 0x17 && data[i + 1] === 0x32 && data[i + 2] === 0x4d) navy++;
      }
      return { painted, navy, width: canvas.width };
    });
    expect(drawn.width).to.be.greaterThan(200);
    expect(drawn.painted, 'non-blank canvas').to.be.greaterThan(1000);
    expect(drawn.navy, 'served bars').to.be.greaterThan(20);
    expect(await seriousViolations(page), 'Accessi').to.deep.equal([]);
    await screenshot(page, 'manager-accesses');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="csv"] >> nth=0')]);
    expect(download.suggestedFilename()).to.equal(`accessi-${month.slice(0, 4)}.csv`);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
    // In the page's language, as Excel set up for Italy opens it (docs/api.md 2.14).
    expect(lines[0]).to.equal('Mese;Biglietti emessi;Serviti;Assenti;Attesa media (min);Servizio medio (min);Annullati');
    expect(lines.find((l) => l.startsWith(`${month};`))).to.match(new RegExp(`^${month};4;2;1;.*;1$`));
    await page.locator('[data-testid="status"][data-key="report.downloaded"]').waitFor();

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="xlsx"] >> nth=0')]);
    expect(xlsx.suggestedFilename()).to.equal(`accessi-${month.slice(0, 4)}.xlsx`);
    expect((await readFile((await xlsx.path())!)).subarray(0, 2).toString()).to.equal('PK');

    // A day-by-day look at this month, from /api/reports/accesses.
    await page.selectOption('select[name="detail-month"]', month);
    const today = romeToday();
    await page.locator(`[data-testid="detail-table"] tr[data-period="${today}"]`).waitFor();
    await eventually(async () => expect(await page.locator(`[data-testid="detail-table"] tr[data-period="${today}"] td`).first().textContent()).to.equal('4'));

    // The print page: title, table and chart on one A4 page, no navigation or buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[role="tablist"]').isVisible()).to.equal(false);
    expect(await page.locator('[data-action="csv"]:visible').count(), 'no download button on paper').to.equal(0);
    expect(await page.locator('.print-only.office').textContent()).to.equal('Test office');
    await page.screenshot({ path: join(screenshotDir, 'manager-accesses-print.png'), fullPage: true });
    const pdf = (await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page[^s]/g), 'one A4 page').to.have.length(1);
    await page.emulateMedia({ media: 'screen' });
  });

  it('refuses a clerk with the reason and stays on the login form', async () => {
    const page = await loginPage('carlo', 'clerk');
    const message = page.locator('[data-testid="login-message"][data-notice="not-allowed"]');
    await message.waitFor();
    await eventually(async () => expect(await message.textContent()).to.equal('Questo account non può vedere i report: serve il ruolo responsabile o amministratore.'));
    expect(await page.locator('[data-testid="login"]').isVisible()).to.equal(true);
    expect(await page.locator('[role="tablist"]').count()).to.equal(0);
    expect(await readableByScripts(page)).to.not.include('token');
    expect(await seriousViolations(page), 'login refused').to.deep.equal([]);
    await screenshot(page, 'manager-login-refused');
  });

  it('every report tab shows the morning’s figures with no serious accessibility problem', async () => {
    await seedMorning();
    const page = await openManager('bea', 'manager');
    expect(await page.locator('[data-tab="admin"]').count(), 'a manager has no administration').to.equal(0);

    await page.click('[data-tab="outcomes"]');
    const certificates = page.locator('[data-testid="outcomes-table"] tr[data-row="certificate"] td[data-col="total"]');
    await certificates.waitFor();
    await eventually(async () => {
      expect(await certificates.textContent()).to.equal('2');
      expect(await page.locator('[data-testid="outcomes-table"] tr[data-row="certificate"] th').textContent()).to.equal('Certificato');
      expect(await page.locator('[data-testid="served-table"] tr[data-row="certs"] td[data-col="total"]').textContent()).to.equal('2');
    });
    expect(await seriousViolations(page), 'Prestazioni').to.deep.equal([]);
    await screenshot(page, 'manager-outcomes');

    await page.click('[data-tab="times"]');
    await page.locator('[data-testid="times-services"] tr[data-row="certs"]').waitFor();
    await eventually(async () => {
      expect(await page.locator('[data-testid="times-services"] tr[data-row="certs"] td[data-col="served"]').textContent()).to.equal('2');
      expect(await page.locator('[data-testid="times-desks"] tr[data-row="desk-1"] td[data-col="served"]').textContent()).to.equal('1');
      expect(await page.locator('[data-testid="first-contact"] .big').textContent()).to.equal('Risolte al primo livello: 50%');
      expect(await page.locator('[data-testid="first-target"]').textContent()).to.match(/Sotto l'obiettivo \(80\s?%\)/);
      expect(await page.locator('[data-testid="first-by-service"] li[data-service="certs"] .value').textContent()).to.match(/^50\s?%/);
      expect(await page.locator('[data-testid="back-desks"] tr[data-desk="back-1"] td').textContent()).to.equal('0 h 45 min');
    });
    expect(await seriousViolations(page), 'Tempi').to.deep.equal([]);
    await screenshot(page, 'manager-times');

    await page.click('[data-tab="heatmap"]');
    await page.locator('[data-testid="heatmap"]').waitFor();
    const weekday = (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[new Date(`${romeToday()}T12:00:00Z`).getUTCDay()]!;
    const row = page.locator(`[data-testid="heatmap"] tr[data-weekday="${weekday}"] td`);
    await eventually(async () => {
      const values = (await row.allTextContents()).map((v) => Number(v.replace(',', '.')));
      expect(values.reduce((a, b) => a + b, 0), 'four arrivals on one day').to.equal(4);
    });
    expect(await seriousViolations(page), 'Orari di punta').to.deep.equal([]);
    await screenshot(page, 'manager-heatmap');
    await page.click('input[name="metric"][value="avgWaitMinutes"]');
    await page.locator('[data-testid="heatmap"][data-metric="avgWaitMinutes"]').waitFor();
    expect(await seriousViolations(page), 'Orari di punta, attesa').to.deep.equal([]);
    await screenshot(page, 'manager-heatmap-wait');

    // English, one tap away.
    await page.click('[data-language="en"]');
    await page.click('[data-tab="accesses"]');
    await page.locator('[data-testid="report-title"]', { hasText: 'Monthly accesses' }).waitFor();
    expect(await seriousViolations(page), 'English').to.deep.equal([]);
    await screenshot(page, 'manager-accesses-en');
  });

  it('the live board shows who is waiting and what each desk is doing, every 5 seconds', async () => {
    const clerk = await hub.loginAs('carlo', 'clerk');
    await issue('certs');
    await issue('idcard');
    const page = await openManager('anna', 'manager');
    await page.click('[data-tab="live"]');
    await page.locator('[data-testid="waiting-now"]', { hasText: '2' }).waitFor();
    await eventually(async () => {
      expect(await page.locator('[data-testid="live-services"] tr[data-service="certs"] td[data-col="waiting"]').textContent()).to.equal('1');
      expect(await page.locator('[data-testid="room-state"]').getAttribute('data-busy')).to.equal('false');
    });
    expect(await seriousViolations(page), 'In diretta').to.deep.equal([]);

    const called = (await desk(clerk, 'desk-1', 'call-next')).ticket as TicketView;
    await issue('info');
    await issue('info');
    // The next poll (≤ 5 s) shows the call and the new arrivals without a reload.
    await page.locator('[data-testid="live-desks"] tr[data-desk="desk-1"]', { hasText: called.number }).waitFor({ timeout: 8000 });
    await page.locator('[data-testid="waiting-now"]', { hasText: '3' }).waitFor({ timeout: 8000 });
    await screenshot(page, 'manager-live');

    // Seven waiting crosses the test office's busy threshold (6): the board turns busy.
    for (let i = 0; i < 4; i++) await issue('certs');
    await page.locator('[data-testid="room-state"][data-busy="true"]').waitFor({ timeout: 8000 });
    await eventually(async () => expect(await page.locator('[data-testid="room-state"] strong').textContent()).to.equal('Sala affollata'));
    expect(await seriousViolations(page), 'In diretta, affollata').to.deep.equal([]);
    await screenshot(page, 'manager-live-busy');

    // Leaving the tab stops the polling.
    await page.click('[data-tab="accesses"]');
    const polls: string[] = [];
    page.on('request', (r) => r.url().includes('/api/reports/live') && polls.push(r.url()));
    await page.waitForTimeout(6000);
    expect(polls).to.deep.equal([]);
  });

  it('an admin adds a service and the kiosk shows its button at once, without a restart', async () => {
    const kioskContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    contexts.push(kioskContext);
    const kiosk = await kioskContext.newPage();
    await pairPage(kiosk, hub, '/kiosk');
    await kiosk.goto(`${hub.url}/kiosk`);
    await kiosk.locator('[data-service="certs"]:enabled').waitFor();
    expect(await kiosk.locator('[data-service="passports"]').count()).to.equal(0);

    const page = await openManager('ada', 'admin');
    await page.click('[data-tab="admin"]');
    await page.locator('[data-testid="services-table"]').waitFor();
    expect(await seriousViolations(page), 'Servizi').to.deep.equal([]);
    await screenshot(page, 'manager-admin-services');

    await page.click('[data-action="add-service"]');
    const form = page.locator('[data-testid="service-form"]');
    // First a mistake: the prefix A is taken; the form says so and sends nothing.
    await form.locator('input[name="id"]').fill('passports');
    await form.locator('input[name="prefix"]').fill('A');
    await form.locator('input[name="nameIt"]').fill('Passaporti');
    await form.locator('input[name="nameEn"]').fill('Passports');
    await form.locator('input[name="outcomes"]').fill('passport-application, information');
    await form.locator('[data-action="save"]').click();
    await form.locator('[data-testid="form-problems"] li', { hasText: 'prefisso già usato' }).waitFor();
    expect(await seriousViolations(page), 'service form with a problem').to.deep.equal([]);
    await screenshot(page, 'manager-admin-service-form');
    await form.locator('input[name="prefix"]').fill('P');
    await form.locator('[data-action="save"]').click();
    await page.locator('[data-testid="status"][data-key="admin.saved"]').waitFor();
    await page.locator('[data-testid="services-table"] tr[data-service="passports"]').waitFor();

    await kiosk.locator('[data-service="passports"]').waitFor({ timeout: 10_000 });
    await eventually(async () => expect(await kiosk.locator('[data-service="passports"]').textContent()).to.include('Passaporti'));
    const stored = (await hub.request('GET', '/api/admin/office', undefined, await hub.login())).body;
    const certs = stored.services.find((s: { id: string }) => s.id === 'certs');
    expect(certs.icon, 'fields the form does not show are kept').to.equal('document');
    expect(stored.services.find((s: { id: string }) => s.id === 'passports')).to.deep.include({
      prefix: 'P',
      outcomes: [
        { code: 'passport-application', name: { it: 'Passport application', en: 'Passport application' } },
        { code: 'information', name: { it: 'Informazioni', en: 'Information' } },
      ],
    });

    // Removing a service that still has a ticket today is refused in plain words.
    await issue('passports');
    const row = page.locator('[data-testid="services-table"] tr[data-service="passports"]');
    await row.locator('[data-action="remove"]').click();
    await row.locator('[data-action="remove"][data-confirm="true"]').click();
    const status = page.locator('[data-testid="status"][data-key="services.inUse"]');
    await status.waitFor();
    await eventually(async () => expect(await status.textContent()).to.include('Chiudilo adesso'));
    expect(await seriousViolations(page), 'refused removal').to.deep.equal([]);
    await screenshot(page, 'manager-admin-service-in-use');
    // Closing it works at once: the kiosk shows it closed.
    await row.locator('[data-action="toggle-open"]').click();
    await page.locator('[data-testid="services-table"] tr[data-service="passports"] .closed').waitFor();
    await kiosk.locator('[data-service="passports"]:disabled, [data-service="passports"][aria-disabled="true"]').waitFor({ timeout: 10_000 });
  });

  it('the administration sections work from the keyboard and pass axe: desks, hours, thresholds, displays, users, log, export', async () => {
    const page = await openManager('ada', 'admin');
    await page.click('[data-tab="admin"]');
    await page.locator('[data-testid="services-table"]').waitFor();

    // Keyboard: arrows move between the sections.
    await page.focus('[data-tab="services"]');
    await page.keyboard.press('ArrowRight');
    await page.locator('[data-testid="desks-table"]').waitFor();
    await eventually(async () => expect(await page.evaluate(() => document.activeElement?.getAttribute('data-tab'))).to.equal('desks'));
    expect(await seriousViolations(page), 'Sportelli').to.deep.equal([]);
    await screenshot(page, 'manager-admin-desks');

    await page.click('[data-tab="hours"]');
    await page.locator('[data-testid="hours-form"]').waitFor();
    await eventually(async () => expect(await page.locator('[data-add="sun"]').isDisabled(), 'nothing to add after midnight').to.equal(true));
    await page.click('[data-day="sun"] button[aria-label^="Togli la fascia 1"]');
    await page.locator('[data-day="sun"]', { hasText: 'Chiuso' }).waitFor();
    await page.click('[data-add="sun"]');
    await page.fill('input[name="closed-date"]', '2026-12-26');
    await page.click('[data-action="add-date"]');
    await page.click('[data-testid="hours-form"] [data-action="save"]');
    await page.locator('[data-testid="status"][data-key="admin.saved"]').waitFor();
    expect(await seriousViolations(page), 'Orari').to.deep.equal([]);
    await screenshot(page, 'manager-admin-hours');
    const admin = await hub.login();
    const saved = (await hub.request('GET', '/api/admin/office', undefined, admin)).body;
    expect(saved.closedDates).to.include('2026-12-26');
    expect(saved.openingHours.sun).to.deep.equal([{ open: '08:00', close: '13:00' }]);

    await page.click('[data-tab="thresholds"]');
    await page.fill('input[name="calmWhenWaitingAtMost"]', '9');
    await page.click('[data-testid="thresholds-form"] [data-action="save"]');
    await page.locator('[data-testid="form-problems"] li').waitFor();
    await page.fill('input[name="calmWhenWaitingAtMost"]', '3');
    await page.click('[data-testid="thresholds-form"] [data-action="save"]');
    await page.locator('[data-testid="status"][data-key="admin.saved"]').waitFor();
    expect((await hub.request('GET', '/api/admin/office', undefined, admin)).body.thresholds.calmWhenWaitingAtMost).to.equal(3);
    expect(await seriousViolations(page), 'Soglie').to.deep.equal([]);
    await screenshot(page, 'manager-admin-thresholds');

    await page.click('[data-tab="displays"]');
    await page.click('[data-action="add-display"]');
    await page.fill('[data-testid="display-form"] input[name="id"]', 'hall');
    await page.fill('[data-testid="display-form"] input[name="name"]', 'Sala d’attesa');
    await page.click('[data-action="add-message"]');
    await page.fill('[data-testid="display-form"] input[lang="it"]', 'Benvenuti');
    await page.fill('[data-testid="display-form"] input[lang="en"]', 'Welcome');
    await page.click('[data-testid="display-form"] [data-action="save"]');
    await page.locator('[data-testid="displays-table"] tr[data-display="hall"]').waitFor();
    expect(await seriousViolations(page), 'Schermi').to.deep.equal([]);
    await screenshot(page, 'manager-admin-displays');

    await page.click('[data-tab="users"]');
    await page.fill('input[name="new-username"]', 'mario');
    await page.fill('input[name="new-user-password"]', 'mario-password');
    await page.selectOption('select[name="new-role"]', 'manager');
    await page.click('[data-action="add-user"]');
    await page.locator('[data-testid="users-table"] tr[data-user="mario"]').waitFor();
    await page.click('[data-testid="users-table"] tr[data-user="mario"] [data-action="toggle-disabled"]');
    await page.locator('[data-testid="users-table"] tr[data-user="mario"][data-disabled="true"]').waitFor();
    expect((await hub.request('POST', '/api/auth/login', { username: 'mario', password: 'mario-password' })).status).to.equal(401);
    expect(await seriousViolations(page), 'Utenti').to.deep.equal([]);
    await screenshot(page, 'manager-admin-users');

    await page.click('[data-tab="audit"]');
    await page.locator('[data-testid="audit-table"] tr[data-action="user:add"]', { hasText: 'Utente aggiunto' }).waitFor();
    await eventually(async () => {
      expect(await page.locator('[data-testid="audit-table"] tr[data-action="user:update"] td').last().textContent()).to.equal('mario — disattivato');
      expect(await page.locator('[data-testid="audit-table"] tbody tr').count()).to.equal(5);
    });
    expect(await seriousViolations(page), 'Registro').to.deep.equal([]);
    await screenshot(page, 'manager-admin-audit');

    await page.click('[data-tab="transfer"]');
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export"]')]);
    expect(file.suggestedFilename()).to.equal('office.json');
    const exported = JSON.parse(await readFile((await file.path())!, 'utf8'));
    expect(exported.displays[0]).to.deep.include({ id: 'hall', ticker: [{ it: 'Benvenuti', en: 'Welcome' }] });
    exported.name = 'Ufficio importato';
    await page.setInputFiles('input[name="office-file"]', { name: 'office.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
    await page.click('[data-action="import"]');
    await page.locator('[data-testid="status"][data-key="transfer.imported"]').waitFor();
    await page.locator('[data-testid="office-name"]', { hasText: 'Ufficio importato' }).waitFor();
    expect(await seriousViolations(page), 'Esporta/Importa').to.deep.equal([]);
    await screenshot(page, 'manager-admin-transfer');
  });

  it('with nothing issued yet every report says so, and the page fits 1024 and 1920 wide', async () => {
    const page = await openManager('anna', 'manager');
    await page.setViewportSize({ width: 1024, height: 768 });
    for (const tab of ['accesses', 'outcomes', 'times', 'heatmap'] as const) {
      await page.click(`[data-tab="${tab}"]`);
      const empty = page.locator('[data-testid="report-empty"]');
      await empty.waitFor();
      await eventually(async () => expect(await empty.textContent()).to.equal('Nessun dato per questo periodo.'));
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${tab} without sideways scrolling`).to.be.at.most(1024);
      expect(await seriousViolations(page), `${tab}, empty`).to.deep.equal([]);
      await screenshot(page, `manager-empty-${tab}-1024`);
    }
    // An impossible range is named, and nothing is fetched for it.
    await page.fill('input[name="from"]', '2026-12-31');
    await page.fill('input[name="to"]', '2026-01-01');
    await page.locator('#range-problem').waitFor();
    await eventually(async () => expect(await page.locator('#range-problem').textContent()).to.include('La data di inizio è dopo la data di fine'));

    await seedMorning();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.click('[data-tab="accesses"]');
    await page.locator(`[data-testid="monthly-table"] tr[data-month="${thisMonth()}"]`).waitFor();
    await screenshot(page, 'manager-accesses-1920');
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.click('[data-tab="times"]');
    await page.locator('[data-testid="times-services"]').waitFor();
    await screenshot(page, 'manager-times-1024');
  });

  /** Everything a script on the page can read: Web Storage and document.cookie. */
  const readableByScripts = (page: Page) =>
    page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }));

  it('keeps the login only in the HttpOnly cookie: nothing a script can read holds it, and a reload stays logged in', async () => {
    const page = await openManager('anna', 'manager');
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'pc_session');
    expect(session).to.deep.include({ httpOnly: true, sameSite: 'Strict' });
    const readable = await readableByScripts(page);
    expect(readable, 'no token in Web Storage or document.cookie').to.not.include(session!.value);
    expect(readable).to.not.include('token');
    await page.reload();
    await page.locator('[data-tab="accesses"][aria-selected="true"]').waitFor();
    expect(await page.locator('[data-testid="login"]').count()).to.equal(0);
    // Logout ends the session on the hub and the cookie in the browser.
    await page.click('[data-action="logout"]');
    await page.locator('[data-testid="login-message"][data-notice="logged-out"]').waitFor();
    expect((await hub.request('GET', '/api/auth/me', undefined, session!.value)).status).to.equal(401);
    expect((await page.context().cookies()).filter((c) => c.name === 'pc_session' && c.value !== '')).to.deep.equal([]);
  });

  it('an expired session goes back to the login form with the reason', async () => {
    const page = await openManager('anna', 'manager');
    const token = (await page.context().cookies()).find((c) => c.name === 'pc_session')!.value;
    await hub.request('POST', '/api/auth/logout', undefined, token);
    await page.click('[data-tab="times"]');
    const message = page.locator('[data-testid="login-message"][data-notice="expired"]');
    await message.waitFor();
    await eventually(async () => expect(await message.textContent()).to.equal('La sessione è scaduta: accedi di nuovo.'));
  });
});
