import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { seriousViolations } from '../helpers/axe.ts';
import { eventually, screenshot } from '../helpers/browser.ts';
import { useBrowserSuite } from '../helpers/browserSuite.ts';
import { RatingStore } from '../../server/store/ratingStore.ts';

const phone = { width: 390, height: 844 };

/** Mettiamoci la faccia: the phone page's faces after the ticket is done, the desk's feedback tablet, the report. */
describe('ratings in the browser: the phone, the feedback tablet, the report', function () {
  this.timeout(90_000);
  let staff: string;
  const suite = useBrowserSuite(undefined, async (hub) => {
    staff = await hub.login();
    await hub.request('POST', '/api/desks/desk-1/mode', { mode: 'front' }, staff);
    await hub.hold('desk-1'); // a desk calls only while a clerk holds it
  });
  const newPage = (viewport: { width: number; height: number }, mobile = false) => suite.newPage(viewport, mobile ? { hasTouch: true, isMobile: true } : {});
  async function openTablet(viewport: { width: number; height: number }, desk = 'desk-1'): Promise<Page> {
    const token = await suite.hub.device('feedback', desk);
    const page = await newPage(viewport);
    await page.addInitScript(([key, value]) => localStorage.setItem(key!, value!), ['punto-comune.device-token.feedback', token]);
    await page.goto(`${suite.hub.url}/feedback`);
    await page.locator('[data-testid="feedback-idle"]').waitFor();
    return page;
  }
  const ratings = () => new RatingStore(suite.hub.hub.ctx.database).list({ from: '2000-01-01', to: '2100-01-01' });
  const serveNext = async () => {
    expect((await suite.hub.request('POST', '/api/desks/desk-1/call-next', {}, staff)).status).to.equal(200);
    expect((await suite.hub.request('POST', '/api/desks/desk-1/finish', {}, staff)).status).to.equal(200);
  };

  it('the phone shows no faces while waiting, three faces once done, takes one tap and thanks', async () => {
    const issued = (await suite.hub.issue({ serviceId: 'certs' })).body;
    const page = await newPage(phone, true);
    await page.goto(issued.statusUrl);
    await page.locator('[data-status="waiting"]').waitFor();
    expect(await page.locator('[data-testid="rating-faces"]').count()).to.equal(0);

    await serveNext();
    const faces = page.locator('[data-testid="rating-faces"]');
    await faces.waitFor();
    for (const word of ['Soddisfatto', 'Così così', 'Insoddisfatto']) await faces.getByRole('button', { name: word, exact: true }).waitFor();
    expect(await seriousViolations(page)).to.deep.equal([]);
    await screenshot(page, 'rating-phone-faces');
    // English on one tap: the words change with the page.
    await page.getByRole('button', { name: 'English' }).tap();
    for (const word of ['Satisfied', 'So-so', 'Dissatisfied']) await faces.getByRole('button', { name: word, exact: true }).waitFor();
    await faces.getByText('How did we serve you today?').waitFor();
    await screenshot(page, 'rating-phone-faces-en');
    await page.getByRole('button', { name: 'Italiano' }).tap();
    await faces.getByRole('button', { name: 'Soddisfatto', exact: true }).waitFor();

    await faces.getByRole('button', { name: 'Soddisfatto', exact: true }).tap();
    await page.locator('[data-testid="rating-thanks"]').getByText('Grazie per il tuo giudizio!').waitFor();
    await screenshot(page, 'rating-phone-thanks');
    expect(await page.locator('[data-testid="rating-faces"]').count()).to.equal(0);
    await eventually(async () => expect((await ratings()).map((r) => [r.rating, r.source])).to.deep.equal([['good', 'phone']]));

    // A reload asks no more: the hub says the ticket has been rated.
    await page.reload();
    await page.locator('[data-testid="rating-thanks"]').getByText('Hai già dato il tuo giudizio').waitFor();
    expect(await page.locator('[data-testid="rating-faces"]').count()).to.equal(0);
  });

  it('the paired feedback tablet asks right after its desk finishes, thanks, then goes back to idle', async () => {
    const tablet = await openTablet({ width: 1280, height: 800 });
    const portrait = await openTablet({ width: 800, height: 1280 });
    await screenshot(tablet, 'rating-tablet-idle');
    const issued = (await suite.hub.issue({ serviceId: 'certs' })).body;
    await serveNext();
    const asking = tablet.locator('[data-testid="feedback-asking"]');
    await asking.getByText(`Numero ${issued.ticket.number}`).waitFor();
    await portrait.locator('[data-testid="feedback-asking"]').waitFor();
    expect(await seriousViolations(tablet)).to.deep.equal([]);
    await screenshot(tablet, 'rating-tablet-asking-1280x800');
    await screenshot(portrait, 'rating-tablet-asking-800x1280');

    await asking.getByRole('button', { name: 'Così così' }).click();
    await tablet.locator('[data-testid="feedback-thanks"]').getByText('Grazie per il tuo giudizio!').waitFor();
    await screenshot(tablet, 'rating-tablet-thanks');
    await eventually(async () => expect((await ratings()).map((r) => [r.rating, r.source, r.deskId])).to.deep.equal([['ok', 'tablet', 'desk-1']]));
    // The second tablet of the same desk was asked too: its tap is refused, kindly.
    await portrait.locator('[data-testid="feedback-asking"]').getByRole('button', { name: 'Soddisfatto', exact: true }).click();
    await portrait.locator('[data-testid="feedback-thanks"]').getByText('Hai già dato il tuo giudizio').waitFor();
    await tablet.locator('[data-testid="feedback-idle"]').waitFor({ timeout: 10_000 });
    expect(await ratings()).to.have.length(1);

    // The phone of the same ticket is not asked again.
    const page = await newPage(phone, true);
    await page.goto(issued.statusUrl);
    await page.locator('[data-testid="rating-thanks"]').getByText('Hai già dato il tuo giudizio').waitFor();
    expect(await page.locator('[data-testid="rating-faces"]').count()).to.equal(0);
  });

  it('with satisfaction off the tablet says it is not in use and the phone shows no faces', async () => {
    const tablet = await openTablet({ width: 1280, height: 800 });
    const issued = (await suite.hub.issue({ serviceId: 'certs' })).body;
    expect((await suite.hub.request('PATCH', '/api/admin/office', { satisfaction: { enabled: false } }, staff)).status).to.equal(200);
    await tablet.locator('[data-testid="feedback-off"]').getByText('Servizio non attivo').waitFor();
    await screenshot(tablet, 'rating-tablet-off');
    await serveNext();
    const page = await newPage(phone, true);
    await page.goto(issued.statusUrl);
    await page.locator('[data-status="done"]').waitFor();
    expect(await page.locator('[data-testid="rating-faces"]').count()).to.equal(0);
    expect(await tablet.locator('[data-testid="feedback-asking"]').count()).to.equal(0);
  });

  it('an admin pairs a feedback tablet to a desk from the manager app, as the README says', async () => {
    const tablet = await newPage({ width: 1280, height: 800 });
    await tablet.goto(`${suite.hub.url}/feedback`);
    await tablet.waitForFunction(() => /^\d{3} \d{3}$/.test(document.querySelector('[data-testid="pairing-code"]')?.textContent?.trim() ?? ''));
    await tablet.getByText('Tablet del gradimento allo sportello').waitFor();
    await screenshot(tablet, 'rating-tablet-pairing');
    const code = (await tablet.locator('[data-testid="pairing-code"]').textContent())!.trim();

    const page = await suite.openAdmin('devices');
    await page.fill('input[name="device-name"]', 'Tablet sportello 2');
    await page.check('input[name="device-kind"][value="feedback"]');
    await page.selectOption('select[name="device-profile"]', 'desk-2');
    await page.fill('input[name="device-code"]', code);
    await page.click('[data-action="add-device"]');
    await page.locator('[data-testid="devices-table"] tr[data-device="Tablet sportello 2"][data-paired="true"]').waitFor({ timeout: 10_000 });
    await tablet.locator('[data-testid="feedback-idle"]').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="devices-table"] tr[data-device="Tablet sportello 2"][data-connected="true"]').waitFor({ timeout: 10_000 });
    await screenshot(page, 'rating-manager-devices');

    // It asks for the tickets its own desk (desk 2) finishes; desk 1's finish is filtered out by the page and refused by the hub (ratings.test.ts).
    await suite.hub.request('POST', '/api/desks/desk-2/mode', { mode: 'front' }, staff);
    await suite.hub.hold('desk-2');
    await suite.hub.issue({ serviceId: 'certs' });
    await serveNext();
    const second = (await suite.hub.issue({ serviceId: 'certs' })).body;
    expect((await suite.hub.request('POST', '/api/desks/desk-2/call-next', {}, staff)).status).to.equal(200);
    expect((await suite.hub.request('POST', '/api/desks/desk-2/finish', {}, staff)).status).to.equal(200);
    await tablet.locator('[data-testid="feedback-asking"]').getByText(`Numero ${second.ticket.number}`).waitFor();
  });

  it('the manager reads the ratings table and the admin turns the ratings off', async () => {
    for (const face of ['good', 'good', 'bad'] as const) {
      const issued = (await suite.hub.issue({ serviceId: 'certs' })).body;
      await serveNext();
      const key = new URL(issued.statusUrl).searchParams.get('k')!;
      expect((await suite.hub.request('POST', `/api/tickets/${issued.ticket.id}/rating?key=${key}`, { rating: face })).status).to.equal(201);
    }
    const page = await suite.openManager('anna', 'admin');
    await page.locator('[data-tab="ratings"]').click();
    const table = page.locator('[data-testid="ratings-table"]');
    await table.locator('tr[data-row="service:certs"] td[data-col="percent"]').getByText('66,7').waitFor();
    await eventually(async () => expect((await table.locator('tr[data-row="total"]').innerText()).replace(/\s+/g, ' ')).to.match(/Totale 2 0 1 3 66,7\s?%/));
    expect(await table.locator('tr[data-row="desk:desk-1"] th').innerText()).to.equal('Sportello 1');
    expect(await seriousViolations(page)).to.deep.equal([]);
    await screenshot(page, 'rating-manager-report');

    await page.locator('[data-tab="admin"]').click();
    await page.locator('[data-tab="satisfaction"]').click();
    const form = page.locator('[data-testid="satisfaction-form"]');
    await form.locator('input[name="satisfaction-enabled"]').uncheck();
    await form.locator('[data-action="save"]').click();
    await eventually(() => expect(suite.hub.hub.ctx.office.satisfaction.enabled).to.equal(false));
    await screenshot(page, 'rating-manager-admin');
  });
});
