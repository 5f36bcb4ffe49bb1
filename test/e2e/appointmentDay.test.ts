import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import type { AppointmentView, SlotsView } from '../../protocol/appointments.ts';
import type { TicketView } from '../../protocol/views.ts';
import { eventually, launchBrowser, pairPage, screenshot, viewports } from '../helpers/browser.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';

/**
 * The appointment's day, end to end in the browser: booked at a desk for today, checked in at the kiosk
 * with its code, then called by the desk ahead of the walk-ins who came earlier once it is due, and shown
 * as an appointment on the waiting-room display.
 */
describe('an appointment booked for today is called ahead of walk-ins after the kiosk check-in', function () {
  this.timeout(90_000);
  const morning = [{ open: '09:00', close: '12:00' }];
  const hours = { mon: morning, tue: morning, wed: morning, thu: morning, fri: morning, sat: morning, sun: morning };
  // The hub's clock runs from 09:00 (Rome) on a Tuesday; the test moves it on.
  const nineAm = Date.parse('2026-11-24T08:00:00Z');
  let offset = nineAm - Date.now();
  let browser: Browser;
  let hub: TestHub;

  before(async () => {
    hub = await startTestHub({
      clock: () => Date.now() + offset,
      office: testOffice({
        appointmentOffices: [{ id: 'anagrafe', name: { it: 'Ufficio anagrafe', en: 'Registry office' }, serviceId: 'certs', slotMinutes: 20, hours }],
      }),
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('books, checks in at the kiosk, calls it first at the desk and marks it on the display', async () => {
    const clerk = await hub.loginAs('carla', 'clerk');
    const slots = (await hub.request('GET', '/api/appointments/slots?officeId=anagrafe&date=2026-11-24', undefined, clerk)).body as SlotsView;
    const slot = slots.slots.find((s) => s.time === '09:20')!;
    const booking = await hub.request('POST', '/api/appointments', { officeId: 'anagrafe', startsAt: slot.startsAt, name: 'Anna Verdi', phone: '333 123 4567', deskId: 'desk-2' }, clerk);
    expect(booking.status, JSON.stringify(booking.body)).to.equal(201);
    const appointment = booking.body.appointment as AppointmentView;

    // Two citizens walk in before the appointment's citizen arrives.
    const walkIns: TicketView[] = [];
    for (let i = 0; i < 2; i++) walkIns.push((await hub.issue({ serviceId: 'certs' })).body.ticket);

    const display = await browser.newPage({ viewport: viewports.landscape });
    await pairPage(display, hub, '/display');
    await display.goto(`${hub.url}/display`);
    await display.waitForSelector('.display[data-synced=true]');

    // 09:05: check-in at the kiosk with the code from the slip.
    offset += 5 * 60_000;
    const kiosk = await browser.newPage({ viewport: viewports.portrait });
    await pairPage(kiosk, hub, '/kiosk/info-point');
    await kiosk.goto(`${hub.url}/kiosk/info-point`);
    await kiosk.click('[data-action="appointment"]');
    for (const key of appointment.code) await kiosk.click(`[data-key="${key}"]`);
    await kiosk.click('[data-action="confirm"]');
    const number = (await kiosk.locator('[data-testid="ticket-number"]').textContent())!.trim();
    const ticketId = Number(await kiosk.locator('[data-ticket-id]').getAttribute('data-ticket-id'));
    expect((await hub.request('GET', `/api/appointments/${appointment.code}`, undefined, clerk)).body.appointment).to.include({ status: 'checked-in', ticketId });
    await screenshot(kiosk, 'appointment-day-kiosk');

    // The desk: still early (the window opens 10 minutes before 09:20), so the first walk-in goes first.
    await hub.hub.ctx.auth.createUser('dario', 'dario-password', 'clerk');
    const desk = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await desk.goto(`${hub.url}/counter`);
    await desk.fill('input[name="username"]', 'dario');
    await desk.fill('input[name="password"]', 'dario-password');
    await desk.click('button[type="submit"]');
    await desk.click('[data-desk="desk-1"]');
    await desk.locator('.desk-screen[data-synced="true"]').waitFor();
    const current = desk.locator('[data-testid="current-number"]');
    await desk.keyboard.press('n');
    await expectText(current, walkIns[0]!.number);
    await desk.keyboard.press('f');
    await desk.keyboard.press('Enter');
    await desk.locator('[data-testid="status"][data-key="result.finished"]').waitFor();

    // 09:12: the appointment is due and goes ahead of the second walk-in, who arrived before it.
    offset += 7 * 60_000;
    await desk.keyboard.press('n');
    await expectText(current, number);
    await eventually(async () => expect(await desk.locator('[data-testid="current"]').textContent()).to.include('Appuntamento'));
    await screenshot(desk, 'appointment-day-desk');
    const snapshot = (await hub.read('/api/queue')).body;
    expect(snapshot.waiting.map((t: TicketView) => t.id)).to.deep.equal([walkIns[1]!.id]);

    await display.waitForSelector('[data-test=current-appointment]');
    await eventually(async () => expect((await display.locator('[data-test=current-number]').textContent())!.trim()).to.equal(number));
    await screenshot(display, 'appointment-day-display');
  });

  async function expectText(locator: ReturnType<Page['locator']>, text: string) {
    await locator.filter({ hasText: text }).waitFor();
  }
});
