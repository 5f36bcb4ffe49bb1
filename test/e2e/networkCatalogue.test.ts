import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually, launchBrowser, screenshot } from '../helpers/browser.ts';
import { adminPassword, startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';

/**
 * The Rete tab's new parts (issue 22) in a real browser, as the built-in admin (a network admin): the anonymous
 * archive by month and outcome group over two offices, its service filter, and the catalogue editor, whose
 * change reaches the other office at once.
 */
describe('the network archive and the outcome catalogue in the manager (Rete tab)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let hub: TestHub;
  let admin: string;
  const contexts: BrowserContext[] = [];
  const office = testOffice({ outcomeGroups: [{ id: 'certificates', name: { it: 'Certificati', en: 'Certificates' }, outcomes: ['certificate'] }] });

  /** One ticket of `serviceId` served at desk-1 of the office under `prefix`, with these outcomes. */
  async function serve(prefix: string, serviceId: string, outcomes: { code: string; count: number }[]) {
    const ok = async (r: Promise<{ status: number; body: unknown }>, status = 200) => expect((await r).status, JSON.stringify((await r).body)).to.equal(status);
    await ok(hub.request('POST', `${prefix}/tickets`, { serviceId }, admin), 201);
    await ok(hub.request('POST', `${prefix}/desks/desk-1/call-next`, {}, admin));
    await ok(hub.request('POST', `${prefix}/desks/desk-1/finish`, { outcomes }, admin));
  }

  before(async () => {
    browser = await launchBrowser();
    hub = await startTestHub({ office });
    admin = await hub.login();
    const vingone = { ...testOffice({ name: 'Ufficio Vingone', outcomeGroups: [] }), id: 'vingone' };
    expect((await hub.request('POST', '/api/admin/offices', { office: vingone }, admin)).status).to.equal(201);
    for (const prefix of ['/api', '/api/offices/vingone']) expect((await hub.request('POST', `${prefix}/desks/desk-1/hold`, {}, admin)).status).to.equal(200);
    await serve('/api', 'certs', [{ code: 'certificate', count: 2 }, { code: 'information', count: 1 }]);
    await serve('/api', 'idcard', [{ code: 'id-card-electronic', count: 1 }]);
    await serve('/api/offices/vingone', 'certs', [{ code: 'certificate', count: 3 }]);
    await serve('/api/offices/vingone', 'info', [{ code: 'information', count: 1 }]);
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await hub?.close();
    await browser?.close();
  });

  async function managerPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${hub.url}/manager`);
    await page.fill('input[name="username"]', 'admin');
    await page.fill('input[name="password"]', adminPassword);
    await page.click('button[type="submit"]');
    await page.locator('[data-tab="accesses"][aria-selected="true"]').waitFor();
    await page.click('[data-tab="network"]');
    return page;
  }

  it('shows this month by outcome group over both offices, filters by service, and edits the catalogue live for every office', async () => {
    const page = await managerPage();
    const month = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
    const cells = (m: string) => page.locator(`[data-testid="archive-table"] tr[data-month="${m}"] td`);
    // certificate 2 + 3 (the group), information 1 + 1 and the electronic ID card 1 (no group): 8 in all.
    await eventually(async () => expect((await cells(month).allTextContents()).map((s) => s.trim())).to.deep.equal(['5', '3', '8']));
    await page.selectOption('select[name="archive-service"]', 'info');
    await eventually(async () => expect((await cells(month).allTextContents()).map((s) => s.trim())).to.deep.equal(['0', '1', '1']));
    await page.selectOption('select[name="archive-service"]', '');
    await eventually(async () => expect((await cells('total').allTextContents()).map((s) => s.trim())).to.deep.equal(['5', '3', '8']));
    await page.locator('[data-testid="network-archive"]').scrollIntoViewIfNeeded();
    await page.evaluate(() => document.querySelector('[data-testid="network-archive"]')!.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'network-archive');

    // The catalogue: rename "Certificato" for the whole network.
    const outcomes = page.locator('[data-testid="catalogue-outcomes"]');
    await outcomes.locator('tr[data-code="certificate"] [data-action="edit"]').click();
    const form = page.locator('[data-testid="catalogue-outcome-form"]');
    await form.locator('input[name="outcome-name-it"]').fill('Certificato anagrafico');
    await form.locator('[data-action="save"]').click();
    await eventually(async () => expect((await outcomes.locator('tr[data-code="certificate"] th').textContent())?.trim()).to.match(/^Certificato anagrafico/));
    const vingone = await hub.request('GET', '/api/offices/vingone/admin/office', undefined, admin);
    expect(vingone.body.services[0].outcomes[0]).to.deep.equal({ code: 'certificate', name: { it: 'Certificato anagrafico', en: 'Certificate' } });
    // A code already taken is caught in the form, before the hub.
    await page.locator('[data-action="add-catalogue-outcome"]').click();
    await form.locator('input[name="outcome-code"]').fill('information');
    await form.locator('input[name="outcome-name-it"]').fill('Doppione');
    await form.locator('input[name="outcome-name-en"]').fill('Duplicate');
    await form.locator('[data-action="save"]').click();
    await form.getByText('Esiste già una prestazione con questo codice.').waitFor();
    await page.evaluate(() => document.querySelector('[data-testid="catalogue-editor"]')!.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'network-catalogue');
  });
});
