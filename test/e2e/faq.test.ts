import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TicketView } from '../../protocol/views.ts';
import { seriousViolations } from '../helpers/axe.ts';
import { eventually, launchBrowser, pairPage, screenshot, viewports } from '../helpers/browser.ts';
import { adminPassword, startTestHub, type TestHub } from '../helpers/hub.ts';
import { managerPc, useBrowserSuite } from '../helpers/browserSuite.ts';

/** The screens the task asks to look at: a 1280×720 desk PC and kiosk. */
const screen = { width: 1280, height: 720 };

/**
 * The shared answers in the apps (issue 22): a clerk serving an ID-card ticket finds the ID-card answers first,
 * searches, and counts one as used; a citizen with an information ticket reads the answers on the kiosk.
 */
describe('shared answers (FAQ) in a real browser', function () {
  this.timeout(90_000);
  let browser: Browser;
  let hub: TestHub;
  let admin: string;
  const contexts: BrowserContext[] = [];
  const ids = new Map<string, number>();

  const answers = {
    pin: {
      question: { it: 'Ho perso il PIN della carta d’identità: cosa faccio?', en: 'I lost my identity card PIN: what do I do?' },
      answer: { it: 'Il PIN si ristampa allo sportello: porti la carta e un documento.', en: 'The PIN is reprinted at the desk: bring the card and an ID.' },
      services: ['idcard'],
      tags: ['pin', 'puk'],
    },
    photo: {
      question: { it: 'Che foto serve per la carta d’identità?' },
      answer: { it: 'Una foto recente, a colori, su sfondo chiaro.' },
      services: ['idcard'],
      tags: ['foto'],
    },
    hours: {
      question: { it: 'Quali sono gli orari dell’ufficio?', en: 'What are the office hours?' },
      answer: { it: 'Dal lunedì al venerdì dalle 8 alle 18:30, il sabato dalle 8 alle 12:45.', en: 'Monday to Friday 8:00–18:30, Saturday 8:00–12:45.' },
      services: [],
      tags: ['orari'],
    },
    stamp: {
      question: { it: 'Perché serve la marca da bollo sul certificato?' },
      answer: { it: 'Il certificato in bollo costa 16 euro; alcuni usi sono esenti.' },
      services: ['certs'],
      tags: ['bollo'],
    },
  };

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    hub = await startTestHub();
    admin = await hub.login();
    for (const [key, body] of Object.entries(answers)) {
      const res = await hub.request('POST', '/api/network/faq', body, admin);
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      ids.set(key, res.body.id as number);
    }
  });
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
    await hub.close();
  });

  const shownQuestions = (page: Page) => page.locator('[data-testid="faq-panel"] [data-answer] summary').allTextContents();

  it('the counter: Risposte shows the serving ticket’s service first, searches without accents, and Usata counts once', async () => {
    const issued = await hub.issue({ serviceId: 'idcard' });
    expect(issued.status).to.equal(201);
    const ticket = issued.body.ticket as TicketView;
    await hub.hub.ctx.auth.createUser('carla', 'carla-password', 'clerk');
    const context = await browser.newContext({ viewport: screen, locale: 'it-IT' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${hub.url}/counter`);
    await page.fill('input[name="username"]', 'carla');
    await page.fill('input[name="password"]', 'carla-password');
    await page.click('button[type="submit"]');
    await page.click('[data-desk="desk-1"]');
    await page.locator('.desk-screen[data-synced="true"]').waitFor();
    await page.click('[data-action="call-next"]');
    await eventually(async () => expect((await page.locator('[data-testid="current-number"]').textContent())?.trim()).to.equal(ticket.number));

    await page.click('[data-tab="faq"]');
    // With nothing typed: the ID card's answers (the hub's newest first), then the general one; not the certificates'.
    await eventually(async () => expect(await shownQuestions(page)).to.deep.equal([answers.photo.question.it, answers.pin.question.it, answers.hours.question.it]));
    await page.locator('[data-testid="faq-panel"] [data-answer].mine').first().waitFor();

    await page.fill('#faq-q', 'identita PIN');
    await eventually(async () => expect(await shownQuestions(page)).to.deep.equal([answers.pin.question.it, answers.photo.question.it]));
    await page.fill('#faq-q', 'bollo');
    await eventually(async () => expect(await shownQuestions(page)).to.deep.equal([answers.stamp.question.it]));
    await page.fill('#faq-q', 'carta');
    await eventually(async () => expect(await shownQuestions(page)).to.have.length(2));
    const pin = page.locator(`[data-answer="${ids.get('pin')}"]`);
    await pin.locator('summary').click();
    await pin.locator('.text').waitFor();
    await pin.locator('[data-action="faq-used"]').click();
    await pin.locator('[data-action="faq-used"]:disabled').waitFor();
    expect((await pin.locator('[data-action="faq-used"]').textContent())?.trim()).to.equal('Contata ✓');
    expect(await seriousViolations(page), 'counter FAQ panel').to.deep.equal([]);
    await screenshot(page, 'faq-counter-panel');

    // The office's day (Rome), not UTC's: near midnight they differ.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
    const report = (await hub.request('GET', `/api/reports/faq?from=${today.slice(0, 8)}01&to=${today}`, undefined, admin)).body;
    expect(report.answers).to.deep.equal([{ id: ids.get('pin'), question: answers.pin.question.it, months: [1], total: 1 }]);
  });

  it('the kiosk: an information ticket opens the answers in big text, Italian first with English; another service’s does not', async () => {
    await hub.holdAll(); // a desk calls only while a clerk holds it
    const context = await browser.newContext({ viewport: screen, locale: 'it-IT' });
    contexts.push(context);
    const page = await context.newPage();
    await pairPage(page, hub, '/kiosk/entrance');
    await page.goto(`${hub.url}/kiosk/entrance`);
    const take = async (service: string) => {
      await page.locator(`[data-service="${service}"]:enabled`).click();
      await page.click('[data-taps="on"] [data-priority="no"]');
      await page.click('[data-taps="on"] [data-need="continue"]');
      await page.locator('[data-testid="ticket-number"]').waitFor();
    };

    // A certificates ticket: the office has an information service, so no answers here.
    await take('certs');
    await page.waitForTimeout(500); // the answers would have been fetched by now
    expect(await page.locator('[data-action="show-faq"]').count()).to.equal(0);
    await page.click('text=Fine');

    await take('info');
    await page.locator('[data-action="show-faq"]').waitFor();
    // The ticket screen is laid out for the kiosk's own 1920×1080 screen: the button is on it there.
    await page.setViewportSize(viewports.landscape);
    expect(await page.locator('[data-action="show-faq"]').isVisible()).to.equal(true);
    await screenshot(page, 'faq-kiosk-ticket');
    await page.setViewportSize(screen);
    await page.locator('[data-action="show-faq"]').click();
    const faq = page.locator('[data-testid="kiosk-faq"]');
    await faq.waitFor();
    // The information service has no answers of its own: the general one only.
    expect(await faq.locator('[data-answer] h2').allTextContents()).to.deep.equal([answers.hours.question.it]);
    expect(await faq.locator('[data-answer] .en').allTextContents()).to.deep.equal([answers.hours.question.en, answers.hours.answer.en]);
    expect(await faq.locator('.number').textContent()).to.contain('C001');
    const size = await faq.locator('.answer').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size, 'big text').to.be.at.least(28);
    expect(await seriousViolations(page), 'kiosk FAQ').to.deep.equal([]);
    await screenshot(page, 'faq-kiosk');
    await page.click('[data-action="faq-done"]');
    await page.locator('[data-service="certs"]').waitFor();
  });
});

/** The editor of the shared answers and the FAQ report, in the manager app at the manager's PC. */
describe('shared answers (FAQ) in the manager app', function () {
  this.timeout(90_000);
  const suite = useBrowserSuite();

  /** The built-in `admin`, a network admin, logged in on the manager page. */
  async function openAsNetworkAdmin(): Promise<Page> {
    const page = await suite.newPage(managerPc);
    await page.goto(`${suite.hub.url}/manager`);
    await page.fill('input[name="username"]', 'admin');
    await page.fill('input[name="password"]', adminPassword);
    await page.click('button[type="submit"]');
    await page.locator('[data-tab][aria-selected="true"]').first().waitFor();
    return page;
  }

  it('a network admin adds and edits an answer on the editable table (a bad one is said and not sent); an office admin has no such section', async () => {
    const page = await openAsNetworkAdmin();
    await page.click('[data-tab="admin"]');
    await page.click('#admin-tab-faq'); // the main tabs have a "faq" too: the report
    await page.locator('[data-testid="faq-table-intro"]').waitFor();
    await page.click('[data-action="add-faq"]');
    const form = page.locator('[data-testid="faq-form"]');
    await form.locator('input[name="question-it"]').fill('Quali sono gli orari?');
    await form.locator('input[name="tags"]').fill('orari, a b');
    await form.locator('[data-action="save"]').click();
    await form.locator('[data-testid="form-problems"] li', { hasText: 'Scrivi la risposta in italiano' }).waitFor();
    await form.locator('[data-testid="form-problems"] li', { hasText: 'Parole chiave' }).waitFor();
    const admin = await suite.hub.login();
    expect((await suite.hub.request('GET', '/api/network/faq', undefined, admin)).body.answers).to.deep.equal([]);

    await form.locator('textarea[name="answer-it"]').fill('Dal lunedì al venerdì, dalle 8 alle 18:30.');
    await form.locator('input[name="tags"]').fill('orari');
    await form.locator('input[name="services-all"]').uncheck();
    await form.locator('input[name="services"][value="certs"]').check();
    await form.locator('[data-action="save"]').click();
    await page.locator('[data-testid="faq-table"] tbody tr').first().waitFor();
    const [stored] = (await suite.hub.request('GET', '/api/network/faq', undefined, admin)).body.answers;
    expect(stored).to.deep.include({ question: { it: 'Quali sono gli orari?' }, services: ['certs'], tags: ['orari'], updatedBy: 'admin' });

    await page.locator(`tr[data-answer="${stored.id}"] [data-action="edit"]`).click();
    await form.locator('input[name="question-en"]').fill('What are the opening hours?');
    await form.locator('[data-action="save"]').click();
    await eventually(async () =>
      expect((await suite.hub.request('GET', '/api/network/faq', undefined, admin)).body.answers[0].question).to.deep.equal({ it: 'Quali sono gli orari?', en: 'What are the opening hours?' }),
    );
    expect(await seriousViolations(page), 'Risposte (FAQ)').to.deep.equal([]);
    await screenshot(page, 'faq-manager-editor');

    // An admin of this office only: no Risposte section.
    const ada = await suite.openAdmin();
    await ada.locator('[data-tab="services"]').waitFor();
    expect(await ada.locator('#admin-tab-faq').count()).to.equal(0);
  });

  it('the FAQ tab counts this office’s uses per month', async () => {
    const admin = await suite.hub.login();
    const created = (await suite.hub.request('POST', '/api/network/faq', { question: { it: 'Serve la marca da bollo?' }, answer: { it: 'Sì, da 16 euro.' } }, admin)).body;
    for (let i = 0; i < 2; i++) expect((await suite.hub.request('POST', `/api/faq/${created.id}/used`, undefined, admin)).status).to.equal(200);
    const page = await suite.openManager('mara', 'manager');
    await page.click('#main-tab-faq');
    const row = page.locator('[data-testid="faq-table"] tbody tr', { hasText: 'Serve la marca da bollo?' });
    await row.waitFor();
    expect((await row.locator('td').last().textContent())?.trim()).to.equal('2');
    expect(await seriousViolations(page), 'FAQ report').to.deep.equal([]);
  });
});
