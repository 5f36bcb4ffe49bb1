import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { VirtualPrinter } from '../../printer/virtual/index.ts';
import type { AppointmentView, CallbackView, SlotView } from '../../protocol/appointments.ts';
import type { TicketView } from '../../protocol/views.ts';
import { seriousViolations } from '../helpers/axe.ts';
import { eventually, launchBrowser, pairPage, screenshot, viewports } from '../helpers/browser.ts';
import { startTestHub, type TestHub, type TestHubOptions } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';

const allDay = [{ open: '00:00', close: '24:00' }];
const everyDay = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };
const anagrafe = {
  id: 'anagrafe', name: { it: 'Ufficio anagrafe', en: 'Registry office' }, serviceId: 'certs', slotMinutes: 20, hours: everyDay,
};
/** The test office's desks, except that only the back office serves identity cards: no estimate for them. */
const noFrontDeskForIdCards = [
  { id: 'desk-1', name: 'Sportello 1', kind: 'front' as const, services: ['certs', 'info'] },
  { id: 'desk-2', name: 'Sportello 2', kind: 'front' as const, services: ['certs', 'info'] },
  { id: 'back-1', name: 'Back office 1', kind: 'back' as const, services: ['certs', 'idcard'] },
];

describe('kiosk appointment check-in and call-back offer in a real browser', function () {
  this.timeout(60_000);
  let browser: Browser;
  let printer: VirtualPrinter;
  let hub: TestHub;
  let page: Page | undefined;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    printer = await VirtualPrinter.start();
  });
  afterEach(async () => {
    await page?.context().close();
    page = undefined;
    await hub?.close();
    await printer.close();
  });

  const kiosks = () => [{ id: 'entrance', name: 'Ingresso', printer: printer.url }];
  async function start(office: Parameters<typeof testOffice>[0], extra: Omit<TestHubOptions, 'office'> = {}) {
    hub = await startTestHub({ office: testOffice({ kiosks: kiosks(), ...office }), ...extra });
    await hub.holdAll(); // a clerk at every desk: only held desks count as open for the estimates and offers
  }
  async function open(viewport: keyof typeof viewports = 'landscape'): Promise<Page> {
    page = await browser.newPage({ viewport: viewports[viewport] });
    await pairPage(page, hub, '/kiosk/entrance');
    await page.goto(`${hub.url}/kiosk/entrance`);
    await page.locator('[data-service="certs"]:enabled').waitFor();
    return page;
  }

  /** Books the first free slot still ahead on a day (the hub's today by default) as a clerk would. */
  async function bookToday(now: number, daysAhead = 0): Promise<AppointmentView> {
    const token = await hub.loginAs(`clerk${Math.random().toString(36).slice(2, 8)}`, 'clerk');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(now);
    const day = new Date(Date.parse(`${today}T12:00:00Z`) + daysAhead * 86_400_000).toISOString().slice(0, 10);
    const slots = await hub.request('GET', `/api/appointments/slots?officeId=anagrafe&date=${day}`, undefined, token);
    expect(slots.status, JSON.stringify(slots.body)).to.equal(200);
    const slot = (slots.body.slots as SlotView[]).find((s) => s.free > 0);
    if (!slot) throw new Error(`no free slot on ${day}`);
    const booked = await hub.request('POST', '/api/appointments', { officeId: 'anagrafe', startsAt: slot.startsAt, name: 'Maria Rossi', phone: '333 123 4567' }, token);
    expect(booked.status, JSON.stringify(booked.body)).to.equal(201);
    return booked.body.appointment as AppointmentView;
  }

  /** A hub clock at 09:00 on Monday 23 November 2026 in Rome, running: today's slots never run out mid-test. */
  const morning = Date.parse('2026-11-23T08:00:00.000Z');
  const morningClock = () => {
    const offsetMs = morning - Date.now();
    return () => Date.now() + offsetMs;
  };

  async function typeOnScreen(p: Page, keys: string) {
    for (const k of keys) await p.click(`[data-key="${k}"]`);
  }
  async function shownTicket(p: Page): Promise<{ number: string; ticket: TicketView }> {
    const number = (await p.locator('[data-testid="ticket-number"]').textContent())!.trim();
    const id = await p.locator('[data-ticket-id]').getAttribute('data-ticket-id');
    const res = await hub.read(`/api/tickets/${id}`);
    expect(res.status).to.equal(200);
    return { number, ticket: res.body.ticket as TicketView };
  }

  describe('"Ho un appuntamento"', () => {
    it('a wrong code says so and can be corrected; the right code shows the hub’s appointment ticket and prints it', async () => {
      await start({ appointmentOffices: [anagrafe] }, { clock: morningClock() });
      const appointment = await bookToday(morning);
      const p = await open();
      const button = p.locator('[data-action="appointment"]');
      await eventually(async () => expect(await button.textContent()).to.include('Ho un appuntamento'));
      await screenshot(p, 'kiosk-landscape-start-appointments');
      expect(await seriousViolations(p), 'start screen').to.deep.equal([]);

      await button.click();
      await p.getByRole('heading', { name: 'Scrivi il codice del tuo appuntamento' }).waitFor();
      // Exactly the code alphabet and a backspace; Confirm only once six characters are typed.
      await eventually(async () => {
        const keys = await p.locator('[data-key]').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
        expect(keys.join(',')).to.equal([...'ACDEFHJKMNPQRTUVWXY3479', 'backspace'].join(','));
      });
      const confirm = p.locator('[data-action="confirm"]');
      const wrong = appointment.code === 'AAAAAA' ? 'CCCCCC' : 'AAAAAA';
      await typeOnScreen(p, wrong.slice(0, 5));
      await eventually(async () => expect(await confirm.isDisabled()).to.equal(true));
      await typeOnScreen(p, wrong.slice(5));
      await eventually(async () => expect(await p.locator('[data-testid="code-typed"]').getAttribute('data-code')).to.equal(wrong));
      await screenshot(p, 'kiosk-landscape-code-entry');
      expect(await seriousViolations(p), 'code entry').to.deep.equal([]);

      await confirm.click();
      const problem = p.locator('[data-error="unknown-appointment"]');
      await problem.waitFor();
      await eventually(async () =>
        expect(await problem.textContent()).to.include('Codice non trovato: controlla il foglio dell’appuntamento'),
      );
      await screenshot(p, 'kiosk-landscape-code-not-found');
      expect(await seriousViolations(p), 'code not found').to.deep.equal([]);

      // Still on the code screen: delete and type the right code.
      for (let i = 0; i < 6; i++) await p.click('[data-key="backspace"]');
      await typeOnScreen(p, appointment.code);
      await eventually(async () => expect(await problem.count()).to.equal(0));
      await confirm.click();

      const { number, ticket } = await shownTicket(p);
      expect(ticket).to.include({ number, appointment: true, serviceId: 'certs' });
      // The screen, the paper and the phone page say the same: the booked time, 24-hour, and no queue estimate.
      await eventually(async () => expect(await p.locator('[data-testid="appointment-line"]').textContent()).to.equal(`Appuntamento ore ${appointment.time}`));
      expect(appointment.time).to.match(/^\d\d:\d\d$/);
      await eventually(async () => expect(await p.textContent('main')).to.include('Ufficio anagrafe').and.to.include('Sarai chiamato all’ora dell’appuntamento.'));
      expect(await p.textContent('main')).not.to.match(/attesa|davanti a te/i);
      await eventually(async () =>
        expect(await p.locator('[data-qr]').getAttribute('data-qr')).to.match(new RegExp(`/t/${ticket.id}\\?k=[\\w-]{16}$`)),
      );
      const [paper] = await printer.waitForTickets(1, 10_000);
      expect(paper!.text).to.include(number).and.to.include(`Appuntamento ore ${appointment.time}`);
      expect(paper!.text.join('\n')).not.to.match(/attesa stimata|persone in attesa/i);
      const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'it-IT' });
      try {
        await phone.goto((await p.locator('[data-qr]').getAttribute('data-qr'))!);
        await phone.locator('[data-testid="appointment"]').getByText(`Appuntamento ore ${appointment.time}`).waitFor();
        await phone.getByText('Sarai chiamato all’ora dell’appuntamento.').waitFor();
        expect(await phone.locator('[data-testid="wait"], [data-testid="ahead"]').count()).to.equal(0);
        expect(await phone.textContent('main')).not.to.match(/attesa stimata|davanti a te/i);
        await screenshot(phone, 'ticket-phone-appointment');
      } finally {
        await phone.context().close();
      }
      await p.locator('[data-paper="take"]').waitFor();
      expect(await seriousViolations(p), 'check-in ticket').to.deep.equal([]);
      await screenshot(p, 'kiosk-landscape-checkin-ticket');
    });

    it('on a portrait totem, in English: checking in twice shows the same ticket, and there is no button without appointment offices', async () => {
      await start({ appointmentOffices: [anagrafe] }, { clock: morningClock() });
      const appointment = await bookToday(morning);
      const p = await open('portrait');
      await p.click('button[lang="en"]');
      await p.getByText('I have an appointment').waitFor();
      await screenshot(p, 'kiosk-portrait-start-appointments-en');
      await p.click('[data-action="appointment"]');
      await typeOnScreen(p, appointment.code.slice(0, 4));
      await screenshot(p, 'kiosk-portrait-code-entry-en');
      expect(await seriousViolations(p), 'code entry, portrait').to.deep.equal([]);
      await typeOnScreen(p, appointment.code.slice(4));
      await p.click('[data-action="confirm"]');
      const first = await shownTicket(p);
      expect(first.ticket.appointment).to.equal(true);
      await eventually(async () => expect(await p.locator('[data-testid="appointment-line"]').textContent()).to.equal(`Appointment at ${appointment.time}`));
      await eventually(async () => expect(await p.textContent('main')).to.include('Registry office'));
      await p.locator('[data-paper="take"]').waitFor();
      // Checked in in English: the paper is English too.
      const [paper] = await printer.waitForTickets(1, 10_000);
      expect(paper!.text).to.include(`Appointment at ${appointment.time}`);
      expect(paper!.text.join(' ')).to.include('Scan the QR code to follow your turn on your phone');
      expect(paper!.text.join('\n')).not.to.match(/appuntamento|inquadra|wait/i);
      await screenshot(p, 'kiosk-portrait-checkin-ticket-en');

      await p.getByRole('button', { name: 'Done' }).click();
      await p.click('[data-action="appointment"]');
      await typeOnScreen(p, appointment.code);
      await p.click('[data-action="confirm"]');
      const again = await shownTicket(p);
      expect(again.number).to.equal(first.number);
      expect(again.ticket.id).to.equal(first.ticket.id);
      await p.locator('[data-paper="already"]').waitFor();

      // An office without appointment offices has no such button.
      await p.context().close();
      await hub.close();
      await start({});
      const plain = await open();
      await plain.locator('[data-service="certs"]:enabled').waitFor();
      expect(await plain.locator('[data-action="appointment"]').count()).to.equal(0);
    });

    it('an appointment on another day, or one missed, is told plainly and the code stays to be corrected', async () => {
      // The hub's clock starts at 09:00 and can be moved on.
      let offsetMs = morning - Date.now();
      await start({ appointmentOffices: [anagrafe] }, { clock: () => Date.now() + offsetMs });
      const now = Date.now() + offsetMs;
      const tomorrow = await bookToday(now, 1);
      const today = await bookToday(now);
      const p = await open();
      await p.click('[data-action="appointment"]');
      await typeOnScreen(p, tomorrow.code);
      await p.click('[data-action="confirm"]');
      const notToday = p.locator('[data-error="appointment-not-today"]');
      await notToday.waitFor();
      await eventually(async () =>
        expect(await notToday.textContent()).to.include(`Il tuo appuntamento non è oggi: è martedì 24 novembre alle ${tomorrow.time}.`),
      );
      await eventually(async () => expect(await p.locator('[data-testid="code-typed"]').getAttribute('data-code')).to.equal(tomorrow.code));
      expect(await seriousViolations(p), 'not today').to.deep.equal([]);

      offsetMs += Date.parse(today.startsAt) + 20 * 60_000 - (Date.now() + offsetMs); // 20 minutes after the appointment
      for (let i = 0; i < 6; i++) await p.click('[data-key="backspace"]');
      await typeOnScreen(p, today.code);
      await p.click('[data-action="confirm"]');
      const missed = p.locator('[data-error="appointment-missed"]');
      await missed.waitFor();
      await eventually(async () =>
        expect(await missed.textContent()).to.include('L’orario dell’appuntamento è passato da troppo: chiedi al personale'),
      );
      expect(await p.locator('[data-testid="ticket-number"]').count()).to.equal(0);
    });

    it('a keyboard types too; Back returns to the services', async () => {
      await start({ appointmentOffices: [anagrafe] });
      const p = await open();
      await p.click('[data-action="appointment"]');
      await p.keyboard.type('k7o');
      await eventually(async () => expect(await p.locator('[data-testid="code-typed"]').getAttribute('data-code')).to.equal('K7'));
      await p.getByRole('button', { name: 'Indietro' }).click();
      await p.locator('[data-service="certs"]').waitFor();
    });
  });

  describe('call-back when the wait runs past closing time', () => {
    it('with no desk open for the service, choosing it offers a call-back; the number is stored for the back office', async () => {
      await start({ desks: noFrontDeskForIdCards });
      const p = await open();
      await p.click('[data-service="idcard"]');
      const offer = p.locator('[data-offer="no-desk"]');
      await offer.waitFor();
      await eventually(async () =>
        expect(await offer.textContent()).to.include('nessuno sportello è aperto').and.to.include('Richiamatemi entro 24 ore').and.to.include('Prendo comunque il numero'),
      );
      expect(await seriousViolations(p), 'offer').to.deep.equal([]);
      await screenshot(p, 'kiosk-landscape-callback-offer');

      await p.click('[data-action="callback"]');
      await p.getByRole('heading', { name: 'Il tuo numero di telefono' }).waitFor();
      await eventually(async () =>
        expect(await p.textContent('main')).to.include('Usiamo il numero solo per richiamarti; lo cancelliamo dopo 30 giorni.'),
      );
      const confirm = p.locator('[data-action="confirm"]');
      await typeOnScreen(p, '33312');
      await eventually(async () => expect(await confirm.isDisabled()).to.equal(true));
      await typeOnScreen(p, '345678');
      await p.click('[data-key="backspace"]');
      await eventually(async () =>
        expect(await p.locator('[data-testid="phone-typed"]').getAttribute('data-phone')).to.equal('3331234567'),
      );
      await eventually(async () => expect(await p.locator('[data-testid="phone-typed"]').textContent()).to.include('333 123 4567'));
      await p.getByText('Mattina', { exact: true }).click();
      await eventually(async () => expect(await p.locator('input[data-time="morning"]').isChecked()).to.equal(true));
      expect(await seriousViolations(p), 'phone entry').to.deep.equal([]);
      await screenshot(p, 'kiosk-landscape-phone-entry');

      await confirm.click();
      const done = p.locator('[data-testid="callback-done"]');
      await done.waitFor();
      await eventually(async () =>
        expect(await done.textContent()).to.include('Ti richiameremo al 333 123 4567 (mattina)').and.to.include("Carta d'identità"),
      );
      expect(await seriousViolations(p), 'confirmation').to.deep.equal([]);
      await screenshot(p, 'kiosk-landscape-callback-done');

      const token = await hub.loginAs('clerk1', 'clerk');
      const list = await hub.request('GET', '/api/callbacks?status=open', undefined, token);
      expect(list.status).to.equal(200);
      const callbacks = list.body.callbacks as CallbackView[];
      expect(callbacks).to.have.length(1);
      expect(callbacks[0]).to.include({ serviceId: 'idcard', phone: '3331234567', preferredTime: 'morning', source: 'kiosk', sourceId: 'entrance', status: 'open' });
      // No ticket was issued.
      expect((await hub.read('/api/queue')).body.waiting).to.deep.equal([]);

      await p.getByRole('button', { name: 'Fine' }).click();
      await p.locator('[data-service="idcard"]').waitFor();
    });

    it('a service with open desks goes straight on; "Prendo comunque il numero" still gives a ticket', async () => {
      await start({ desks: noFrontDeskForIdCards });
      const p = await open();
      await p.click('[data-service="certs"]');
      await p.locator('[data-priority="no"]').waitFor();
      await p.click('[data-priority="no"]');
      await p.click('[data-taps="on"] [data-need="continue"]');
      expect((await shownTicket(p)).number).to.equal('A001');
      await p.getByRole('button', { name: 'Fine' }).click();

      await p.click('[data-service="idcard"]');
      await p.click('[data-action="ticket-anyway"]');
      await p.click('[data-priority="no"]');
      await p.click('[data-taps="on"] [data-need="continue"]');
      expect((await shownTicket(p)).number).to.equal('B001');
    });

    it('a wait past closing time names the estimate and the closing time (the hub’s clock, not the browser’s)', async () => {
      // The hub thinks it is 18:00 on Monday 23 November 2026 in Rome; the office closes at 18:30.
      const startedAt = Date.now();
      const clock = () => Date.parse('2026-11-23T17:00:00.000Z') + (Date.now() - startedAt);
      const weekday = [{ open: '08:00', close: '18:30' }];
      await start({ openingHours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday } }, { clock });
      // Six identity cards waiting, 15 minutes each, two desks: about 45 minutes.
      for (let i = 0; i < 6; i++) expect((await hub.issue({ serviceId: 'idcard' })).status).to.equal(201);
      const p = await open('portrait');
      await p.click('[data-service="idcard"]');
      const offer = p.locator('[data-offer="past-closing"]');
      await offer.waitFor();
      await eventually(async () =>
        expect(await offer.textContent()).to.include('L’attesa stimata (circa 45 minuti) supera l’orario di chiusura (18:30).'),
      );
      expect(await seriousViolations(p), 'offer, portrait').to.deep.equal([]);
      await screenshot(p, 'kiosk-portrait-callback-offer');

      await p.click('[data-action="callback"]');
      await typeOnScreen(p, '+39055123456');
      await p.getByText('Pomeriggio', { exact: true }).click();
      expect(await seriousViolations(p), 'phone entry, portrait').to.deep.equal([]);
      await screenshot(p, 'kiosk-portrait-phone-entry');
      // Back to the offer keeps the choice open: take a number after all.
      await p.getByRole('button', { name: 'Indietro' }).click();
      await p.click('[data-action="callback"]');
      await eventually(async () => expect(await p.locator('[data-testid="phone-typed"]').getAttribute('data-phone')).to.equal(''));
      await typeOnScreen(p, '+39055123456');
      await p.click('[data-action="confirm"]');
      await p.locator('[data-testid="callback-done"]').waitFor();
      await eventually(async () =>
        expect(await p.textContent('[data-testid="callback-done"]')).to.include('Ti richiameremo al +39 055 123 456 (a qualsiasi ora)'),
      );
      await screenshot(p, 'kiosk-portrait-callback-done');
    });

    it('a refused or unanswered request says so in plain words and keeps the number on screen', async () => {
      await start({ desks: noFrontDeskForIdCards });
      const p = await open();
      await p.click('[data-service="idcard"]');
      await p.click('[data-action="callback"]');
      await typeOnScreen(p, '3331234567');

      await p.route('**/api/callbacks', (route) => route.fulfill({
        status: 400, contentType: 'application/json', body: JSON.stringify({ error: { code: 'validation-failed', message: 'phone: a phone number has 6 to 15 digits' } }),
      }));
      await p.click('[data-action="confirm"]');
      await p.locator('[data-error="validation-failed"]').getByText('Il numero non sembra valido').waitFor();
      await eventually(async () =>
        expect(await p.locator('[data-testid="phone-typed"]').getAttribute('data-phone')).to.equal('3331234567'),
      );
      await screenshot(p, 'kiosk-landscape-phone-invalid');

      await p.unroute('**/api/callbacks');
      await p.route('**/api/callbacks', (route) => route.abort('connectionrefused'));
      await p.click('[data-action="confirm"]');
      await p.locator('[data-error="unreachable"]').getByText('Il sistema non risponde').waitFor();

      // Typing again clears the message; the next confirmation reaches the hub.
      await p.unroute('**/api/callbacks');
      await p.click('[data-key="backspace"]');
      await typeOnScreen(p, '7');
      await eventually(async () => expect(await p.locator('[data-error]').count()).to.equal(0));
      await p.click('[data-action="confirm"]');
      await p.locator('[data-testid="callback-done"]').waitFor();
    });
  });
});
