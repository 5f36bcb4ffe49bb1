import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { seriousViolations } from '../helpers/axe.ts';
import { eventually, pairPage, screenshot } from '../helpers/browser.ts';
import { useBrowserSuite } from '../helpers/browserSuite.ts';

/**
 * The editors built on the one editable table: priority reasons, kiosks and their printers, desk printers,
 * display profiles' desks and services. Each adds, edits and removes; a bad value shows a problem and
 * changes nothing at the hub; a saved change is live at once (the kiosk, GET /api/displays/:id).
 */
describe('admin editors on the editable table: priority reasons, printers, display profiles', function () {
  this.timeout(120_000);
  // The kiosk offers a service only while a desk serving it is open.
  const suite = useBrowserSuite(undefined, (hub) => hub.holdAll());
  const newPage = suite.newPage;
  /** The admin's PC (1366×768) on Amministrazione → `section`. */
  const openSection = (section: string) => suite.openAdmin(section);
  const office = async () => (await suite.hub.request('GET', '/api/admin/office', undefined, await suite.hub.login())).body;
  const saved = (page: Page) => page.locator('[data-testid="status"][data-key="admin.saved"]').last().waitFor();
  /** Presses "Elimina" and then "Conferma eliminazione" in a row. */
  async function remove(page: Page, row: string) {
    await page.locator(`${row} [data-action="remove"]`).click();
    await page.locator(`${row} [data-action="remove"][data-confirm="true"]`).click();
  }

  it('priority reasons: add, a bad one changes nothing, edit, remove; an empty list leaves the kiosk without the priority step', async () => {
    const kiosk = await newPage({ width: 1920, height: 1080 });
    await pairPage(kiosk, suite.hub, '/kiosk');
    await kiosk.goto(`${suite.hub.url}/kiosk`);
    await kiosk.locator('[data-service="certs"]:enabled').waitFor();

    const page = await openSection('priority');
    const table = '[data-testid="priority-table"]';
    await page.locator(`${table} tr[data-reason="elderly"]`).waitFor();
    expect(await page.locator(`${table} tbody tr`).count()).to.equal(3);
    await page.locator('[data-testid="priority-table-intro"]', { hasText: 'il chiosco non chiede la precedenza' }).waitFor();
    expect(await seriousViolations(page), 'Precedenze').to.deep.equal([]);
    await screenshot(page, 'editors-priority');

    // A taken id and an empty text: the form says so and the hub's config stays as it was.
    const before = (await office()).priorityReasons;
    await page.click('[data-action="add-reason"]');
    const form = page.locator('[data-testid="priority-form"]');
    await form.locator('input[name="id"]').fill('elderly');
    await form.locator('input[name="labelIt"]').fill('Accompagnato da un bambino piccolo');
    await form.locator('[data-action="save"]').click();
    await form.locator('[data-testid="form-problems"] li', { hasText: 'codice già usato' }).waitFor();
    await form.locator('[data-testid="form-problems"] li', { hasText: 'testo inglese mancante' }).waitFor();
    expect(await form.locator('input[name="labelEn"]').getAttribute('aria-invalid')).to.equal('true');
    expect(await seriousViolations(page), 'priority form with problems').to.deep.equal([]);
    await screenshot(page, 'editors-priority-problem');
    expect((await office()).priorityReasons).to.deep.equal(before);

    await form.locator('input[name="id"]').fill('small-child');
    await form.locator('input[name="labelEn"]').fill('With a small child');
    await form.locator('select[name="icon"]').selectOption('other');
    await form.locator('[data-action="save"]').click();
    await page.locator(`${table} tr[data-reason="small-child"]`).waitFor();
    await eventually(async () => expect((await office()).priorityReasons.at(-1)).to.deep.equal({
      id: 'small-child', icon: 'other', label: { it: 'Accompagnato da un bambino piccolo', en: 'With a small child' },
    }));
    // The kiosk shows the new reason at once.
    await kiosk.click('[data-service="certs"]');
    await kiosk.locator('[data-priority="small-child"]').waitFor();
    await kiosk.click('[data-priority="no"]');
    await kiosk.click('[data-taps="on"] [data-need="continue"]');
    await kiosk.locator('[data-testid="ticket-number"]').waitFor();

    // Edit in place.
    await page.click(`${table} tr[data-reason="pregnancy"] [data-action="edit"]`);
    await form.locator('input[name="labelIt"]').fill('Donna in attesa');
    await form.locator('[data-action="save"]').click();
    await page.locator(`${table} tr[data-reason="pregnancy"]`, { hasText: 'Donna in attesa' }).waitFor();
    expect((await office()).priorityReasons.find((r: { id: string }) => r.id === 'pregnancy').label.it).to.equal('Donna in attesa');

    // Remove them all, one by one: the table says the kiosk no longer asks, and the kiosk skips the step.
    for (const id of ['disability', 'pregnancy', 'elderly', 'small-child']) {
      await remove(page, `${table} tr[data-reason="${id}"]`);
      await page.locator(`${table} tr[data-reason="${id}"]`).waitFor({ state: 'detached' });
    }
    await page.locator('.pc-empty', { hasText: 'Nessun motivo: il chiosco non chiede la precedenza.' }).waitFor();
    await eventually(async () => expect((await office()).priorityReasons).to.deep.equal([]));
    await screenshot(page, 'editors-priority-empty');
    // The same kiosk page, never reloaded: back from its ticket, the next tap goes straight to the needs step.
    await kiosk.locator('.actions button', { hasText: 'Fine' }).click();
    await kiosk.locator('[data-service="certs"]:enabled').waitFor();
    await kiosk.click('[data-service="certs"]');
    await kiosk.locator('[data-taps="on"] [data-need="continue"]').waitFor();
    expect(await kiosk.locator('[data-priority]').count(), 'no priority step').to.equal(0);
  });

  it('kiosks and desk printers: a bad printer URL is named with the parser’s reason and changes nothing; add, edit, remove', async () => {
    const page = await openSection('kiosks');
    await page.locator('.pc-empty', { hasText: 'Nessun chiosco configurato' }).waitFor();
    await page.click('[data-action="add-kiosk"]');
    const form = page.locator('[data-testid="kiosk-form"]');
    await form.locator('input[name="id"]').fill('entrance');
    await form.locator('input[name="name"]').fill('Ingresso');
    await form.locator('input[name="printer"]').fill('192.168.1.50:9100');
    await form.locator('[data-action="save"]').click();
    await form.locator('[data-testid="form-problems"] li', { hasText: 'did you mean tcp://192.168.1.50:9100?' }).waitFor();
    expect(await form.locator('input[name="printer"]').getAttribute('aria-invalid')).to.equal('true');
    expect(await seriousViolations(page), 'kiosk form with a problem').to.deep.equal([]);
    await screenshot(page, 'editors-kiosk-problem');
    expect((await office()).kiosks).to.deep.equal([]);

    await form.locator('input[name="printer"]').fill('tcp://192.168.1.50:9100');
    await form.locator('[data-action="save"]').click();
    const row = '[data-testid="kiosks-table"] tr[data-kiosk="entrance"]';
    await page.locator(row, { hasText: 'tcp://192.168.1.50:9100' }).waitFor();
    expect((await office()).kiosks).to.deep.equal([{ id: 'entrance', name: 'Ingresso', printer: 'tcp://192.168.1.50:9100' }]);
    // The new kiosk id is live: the hub lists it for pairing.
    await eventually(async () => expect((await suite.hub.read('/api/office')).body.kiosks).to.deep.equal([{ id: 'entrance', name: 'Ingresso' }]));

    await page.click(`${row} [data-action="edit"]`);
    await form.locator('input[name="printer"]').fill('');
    await form.locator('[data-action="save"]').click();
    await page.locator(row, { hasText: 'predefinita' }).waitFor();
    expect((await office()).kiosks).to.deep.equal([{ id: 'entrance', name: 'Ingresso' }]);
    expect(await seriousViolations(page), 'Chioschi').to.deep.equal([]);
    await screenshot(page, 'editors-kiosks');
    await remove(page, row);
    await page.locator(row).waitFor({ state: 'detached' });
    await eventually(async () => expect((await office()).kiosks).to.deep.equal([]));

    // A desk's slip printer, in the desk form.
    await page.click('[data-tab="desks"]');
    const desk = '[data-testid="desks-table"] tr[data-desk="desk-2"]';
    await page.click(`${desk} [data-action="edit"]`);
    const deskForm = page.locator('[data-testid="desk-form"]');
    await deskForm.locator('input[name="printer"]').fill('serial:/dev/ttyUSB0?baud=1234');
    await deskForm.locator('[data-action="save"]').click();
    await deskForm.locator('[data-testid="form-problems"] li', { hasText: 'stampante non valida' }).waitFor();
    expect((await office()).desks.find((d: { id: string }) => d.id === 'desk-2')).to.not.have.property('printer');
    await deskForm.locator('input[name="printer"]').fill('serial:/dev/ttyUSB0?baud=9600');
    await screenshot(page, 'editors-desk-printer');
    await deskForm.locator('[data-action="save"]').click();
    await page.locator(desk, { hasText: 'serial:/dev/ttyUSB0?baud=9600' }).waitFor();
    expect((await office()).desks.find((d: { id: string }) => d.id === 'desk-2').printer).to.equal('serial:/dev/ttyUSB0?baud=9600');
    expect(await seriousViolations(page), 'Sportelli with a printer').to.deep.equal([]);
  });

  it('display profiles: which desks and services each shows, live in GET /api/displays/:id; none chosen is refused', async () => {
    const page = await openSection('displays');
    await page.click('[data-action="add-display"]');
    const form = page.locator('[data-testid="display-form"]');
    await form.locator('input[name="id"]').fill('hall');
    await form.locator('input[name="name"]').fill('Sala certificati');
    await form.locator('select[name="language"]').selectOption('it+en');
    await form.locator('input[name="desks-all"]').uncheck();
    await form.locator('input[name="services-all"]').uncheck();
    await form.locator('[data-action="save"]').click();
    await form.locator('[data-testid="form-problems"] li', { hasText: 'scegli almeno uno sportello, o tutti' }).waitFor();
    await form.locator('[data-testid="form-problems"] li', { hasText: 'scegli almeno un servizio, o tutti' }).waitFor();
    expect(await seriousViolations(page), 'display form with problems').to.deep.equal([]);
    await screenshot(page, 'editors-display-problem');
    expect((await office()).displays).to.deep.equal([]);

    await form.locator('input[name="desks"][value="desk-3"]').check();
    await form.locator('input[name="desks"][value="desk-1"]').check();
    await form.locator('input[name="services"][value="certs"]').check();
    await form.locator('[data-action="add-message"]').click();
    await form.locator('input[lang="it"]').fill('Benvenuti');
    await form.locator('input[lang="en"]').fill('Welcome');
    await form.locator('[data-action="save"]').click();
    const row = '[data-testid="displays-table"] tr[data-display="hall"]';
    await page.locator(row).waitFor();
    await eventually(async () => {
      const profile = (await suite.hub.read('/api/displays/hall')).body;
      expect(profile).to.deep.include({ desks: ['desk-1', 'desk-3'], services: ['certs'], language: 'it+en', configured: true });
    });
    expect(await page.locator(`${row} td[data-col="desks"]`).textContent()).to.equal('Sportello 1, Sportello 3');
    expect(await seriousViolations(page), 'Schermi').to.deep.equal([]);
    await screenshot(page, 'editors-displays');

    // Back to every desk, voice off: the lists are left out again.
    await page.click(`${row} [data-action="edit"]`);
    await form.locator('input[name="desks-all"]').check();
    await form.locator('input[name="speak"]').uncheck();
    await form.locator('[data-action="save"]').click();
    await page.locator(`${row} td[data-col="desks"]`, { hasText: 'tutti' }).waitFor();
    await eventually(async () => {
      const profile = (await suite.hub.read('/api/displays/hall')).body;
      expect(profile).to.not.have.property('desks');
      expect(profile).to.deep.include({ services: ['certs'], speak: false });
    });

    await remove(page, row);
    await page.locator('.pc-empty', { hasText: 'Nessuno schermo configurato' }).waitFor();
    await eventually(async () => expect((await suite.hub.read('/api/displays/hall')).body.configured).to.equal(false));
  });

  it('users: a new account with a short password or a taken name is named and not created', async () => {
    const page = await openSection('users');
    await page.locator('[data-testid="users-table"] tr[data-user="ada"]').waitFor();
    const form = page.locator('[data-testid="user-form"]');
    await form.locator('input[name="new-username"]').fill('ADA');
    await form.locator('input[name="new-user-password"]').fill('corta');
    await form.locator('[data-action="add-user"]').click();
    await form.locator('[data-testid="form-problems"] li', { hasText: 'nome utente già usato' }).waitFor();
    await form.locator('[data-testid="form-problems"] li', { hasText: 'la password ha almeno 8 caratteri' }).waitFor();
    expect(await seriousViolations(page), 'user form with problems').to.deep.equal([]);
    const listed = (await suite.hub.request('GET', '/api/admin/users', undefined, await suite.hub.login())).body;
    const users = (Array.isArray(listed) ? listed : listed.users) as { username: string }[];
    expect(users.map((u) => u.username)).to.include('ada').and.not.include('ADA');
    await form.locator('input[name="new-username"]').fill('luisa');
    await form.locator('input[name="new-user-password"]').fill('luisa-password');
    await form.locator('[data-action="add-user"]').click();
    await page.locator('[data-testid="users-table"] tr[data-user="luisa"]').waitFor();
    // The form starts anew for the next account, with no problem left over.
    await eventually(async () => expect(await form.locator('input[name="new-username"]').inputValue()).to.equal(''));
    expect(await form.locator('[data-testid="form-problems"] li').count()).to.equal(0);
  });
});
