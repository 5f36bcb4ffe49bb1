import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { SlotsView } from '../../protocol/appointments.ts';
import { seriousViolations } from '../helpers/axe.ts';
import { eventually, pairPage, screenshot } from '../helpers/browser.ts';
import { useBrowserSuite } from '../helpers/browserSuite.ts';

/** A day in Rome, where the test office is, `plus` days from today. */
const romeDay = (plus = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date(Date.now() + plus * 86_400_000));

describe('manager: special days and appointment offices in a real browser', function () {
  this.timeout(120_000);
  // The hub's clock runs from 09:00 today (Rome), so "today 08:00–12:00" is open now and "08:00–08:30" is over.
  const suite = useBrowserSuite(() => {
    const offset = Date.parse(`${romeDay()}T08:00:00Z`) - Date.now();
    return { clock: () => Date.now() + offset };
  });
  const adminSection = (section: string) => suite.openAdmin(section);
  const stored = async () => (await suite.hub.request('GET', '/api/admin/office', undefined, await suite.hub.login())).body;
  const saved = (page: Page) => page.locator('[data-testid="status"][data-key="admin.saved"]').waitFor();

  it('special days: add with a mistake first, the kiosk closes at the new time at once, edit to closed all day, the past folded away, remove', async () => {
    const today = romeDay();
    const admin = await suite.hub.login();
    expect((await suite.hub.request('PATCH', '/api/admin/office', { specialDays: [{ date: '2020-05-04', hours: [] }], closedDates: [romeDay(3)] }, admin)).status).to.equal(200);

    const kiosk = await suite.newPage({ width: 1920, height: 1080 });
    await pairPage(kiosk, suite.hub, '/kiosk');
    await kiosk.goto(`${suite.hub.url}/kiosk`);
    await kiosk.locator('[data-service="certs"]').waitFor();

    const page = await adminSection('specialDays');
    await page.locator('.pc-empty', { hasText: 'Nessun giorno speciale in programma' }).waitFor();
    const past = page.locator('[data-testid="special-days-past"]');
    expect(await past.getAttribute('open'), 'the past is folded away').to.equal(null);
    expect(await past.locator('summary').textContent()).to.include('(1)');
    // Unfolded, the past day is a row of the same table, with the same columns.
    await past.locator('summary').click();
    await past.locator('tr[data-date="2020-05-04"] td .closed', { hasText: 'Chiuso tutto il giorno' }).waitFor();
    expect(await seriousViolations(page), 'past special days unfolded').to.deep.equal([]);
    await screenshot(page, 'manager-admin-special-days-past');
    await past.locator('summary').click();

    await page.click('[data-action="add-special-day"]');
    const form = page.locator('[data-testid="special-day-form"]');
    // Two mistakes: a date that is already a closing day, and an interval that closes before it opens.
    await form.locator('input[name="date"]').fill(romeDay(3));
    await form.locator('input[name="special-0-close"]').fill('07:00');
    await form.locator('[data-action="save"]').click();
    await form.locator('[data-testid="form-problems"] li', { hasText: 'la data è già tra i giorni di chiusura' }).waitFor();
    await form.locator('[data-testid="form-problems"] li', { hasText: 'l’apertura deve essere prima della chiusura' }).waitFor();
    expect((await stored()).specialDays, 'nothing sent').to.deep.equal([{ date: '2020-05-04', hours: [] }]);
    expect(await seriousViolations(page), 'special day form with problems').to.deep.equal([]);
    await screenshot(page, 'manager-admin-special-day-problems');

    await form.locator('input[name="date"]').fill(today);
    await form.locator('input[name="special-0-close"]').fill('12:00');
    await form.locator('input[name="noteIt"]').fill('Vigilia');
    await form.locator('[data-action="save"]').click();
    await saved(page);
    const row = page.locator(`[data-testid="special-days-table"] tr[data-date="${today}"]`);
    await row.locator('td', { hasText: '08:00–12:00' }).waitFor();
    await row.locator('td', { hasText: 'Vigilia' }).waitFor();
    expect((await stored()).specialDays).to.deep.equal([
      { date: '2020-05-04', hours: [] },
      { date: today, hours: [{ open: '08:00', close: '12:00' }], note: { it: 'Vigilia', en: 'Vigilia' } },
    ]);
    // Applied live: the kiosk now says it is open until 12:00 (it was open until midnight).
    await kiosk.locator('header .hours', { hasText: '12:00' }).waitFor({ timeout: 10_000 });
    await screenshot(kiosk, 'kiosk-special-day-closes-at-12');
    expect((await suite.hub.read('/api/office')).body.open).to.equal(true);
    expect(await seriousViolations(page), 'special days').to.deep.equal([]);
    await screenshot(page, 'manager-admin-special-days');

    // Edit: closed all day; the kiosk shows it is closed.
    await row.locator('[data-action="edit"]').click();
    await form.locator('input[name="closed"]').check();
    await form.locator('[data-action="save"]').click();
    await row.locator('td .closed', { hasText: 'Chiuso tutto il giorno' }).waitFor();
    await kiosk.locator('#closed-title').waitFor({ timeout: 10_000 });
    expect((await stored()).specialDays[1]).to.deep.equal({ date: today, hours: [], note: { it: 'Vigilia', en: 'Vigilia' } });

    // Remove: the kiosk opens again.
    await row.locator('[data-action="remove"]').click();
    await row.locator('[data-action="remove"][data-confirm="true"]').click();
    await row.waitFor({ state: 'detached' });
    await kiosk.locator('[data-service="certs"]').waitFor({ timeout: 10_000 });
    expect((await stored()).specialDays).to.deep.equal([{ date: '2020-05-04', hours: [] }]);
  });

  it('appointment offices: add with a mistake first, edit, and removal refused while appointments are booked', async () => {
    const page = await adminSection('appointmentOffices');
    await page.locator('.pc-empty', { hasText: 'Nessun ufficio per appuntamenti' }).waitFor();
    await page.click('[data-action="add-appointment-office"]');
    const form = page.locator('[data-testid="appointment-office-form"]');
    await form.locator('input[name="id"]').fill('anagrafe');
    await form.locator('input[name="nameIt"]').fill('Ufficio anagrafe');
    await form.locator('input[name="nameEn"]').fill('Registry office');
    await form.locator('select[name="serviceId"]').selectOption('certs');
    await form.locator('input[name="slotMinutes"]').fill('3');
    await form.locator('[data-action="save"]').click();
    await form.locator('[data-testid="form-problems"] li', { hasText: 'minuti per appuntamento: un numero intero tra 5 e 240' }).waitFor();
    expect((await stored()).appointmentOffices, 'nothing sent').to.deep.equal([]);
    await screenshot(page, 'manager-admin-appointment-office-problem');

    await form.locator('input[name="slotMinutes"]').fill('30');
    // Weekly hours through the same table as the office's: Monday to Sunday, 09:00–13:00 each.
    for (const day of ['mon', 'wed', 'thu', 'fri', 'sat', 'sun']) await form.locator(`[data-add="appointment-${day}"]`).click();
    await form.locator('input[name="appointment-tue-0-close"]').fill('13:00');
    for (const day of ['mon', 'wed', 'thu', 'fri', 'sat', 'sun']) await form.locator(`input[name="appointment-${day}-0-open"]`).fill('09:00');
    expect(await seriousViolations(page), 'appointment office form').to.deep.equal([]);
    await screenshot(page, 'manager-admin-appointment-office-form');
    await form.locator('[data-action="save"]').click();
    await saved(page);
    const row = page.locator('[data-testid="appointment-offices-table"] tr[data-office="anagrafe"]');
    await row.waitFor();
    const everyDay = [{ open: '09:00', close: '13:00' }];
    expect((await stored()).appointmentOffices).to.deep.equal([
      { id: 'anagrafe', name: { it: 'Ufficio anagrafe', en: 'Registry office' }, serviceId: 'certs', slotMinutes: 30, perSlot: 1,
        hours: { mon: everyDay, tue: everyDay, wed: everyDay, thu: everyDay, fri: everyDay, sat: everyDay, sun: everyDay } },
    ]);

    // Edit: two appointments per slot.
    await row.locator('[data-action="edit"]').click();
    await form.locator('input[name="perSlot"]').fill('2');
    await form.locator('[data-action="save"]').click();
    await row.locator('td', { hasText: '2' }).first().waitFor();
    await eventually(async () => expect((await stored()).appointmentOffices[0].perSlot).to.equal(2));
    expect(await seriousViolations(page), 'appointment offices').to.deep.equal([]);
    await screenshot(page, 'manager-admin-appointment-offices');

    // A citizen books for tomorrow: the office cannot be removed until that appointment is cancelled.
    const clerk = await suite.hub.loginAs('carlo', 'clerk');
    const slots = (await suite.hub.request('GET', `/api/appointments/slots?officeId=anagrafe&date=${romeDay(1)}`, undefined, clerk)).body as SlotsView;
    const booked = await suite.hub.request('POST', '/api/appointments', { officeId: 'anagrafe', startsAt: slots.slots[0]!.startsAt, name: 'Maria Rossi', phone: '055 123456' }, clerk);
    expect(booked.status, JSON.stringify(booked.body)).to.equal(201);
    await row.locator('[data-action="remove"]').click();
    await row.locator('[data-action="remove"][data-confirm="true"]').click();
    const refused = page.locator('[data-testid="status"][data-key="appointmentOffices.inUse"]');
    await refused.waitFor();
    await eventually(async () => expect(await refused.textContent()).to.include('ha ancora appuntamenti prenotati'));
    expect((await stored()).appointmentOffices).to.have.length(1);
    await screenshot(page, 'manager-admin-appointment-office-in-use');

    const cancelled = await suite.hub.request('POST', `/api/appointments/${booked.body.appointment.code}/cancel`, { reason: 'la cittadina ha disdetto', deskId: 'desk-1' }, clerk);
    expect(cancelled.status, JSON.stringify(cancelled.body)).to.equal(200);
    await row.locator('[data-action="remove"]').click();
    await row.locator('[data-action="remove"][data-confirm="true"]').click();
    await row.waitFor({ state: 'detached' });
    expect((await stored()).appointmentOffices).to.deep.equal([]);
  });
});
