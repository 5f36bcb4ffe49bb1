import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { VirtualPrinter } from '../../printer/virtual/index.ts';
import type { QueueSnapshot, TicketView } from '../../protocol/views.ts';
import { seriousViolations } from '../helpers/axe.ts';
import { eventually, launchBrowser, screenshot } from '../helpers/browser.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';

const clerkPc = { width: 1366, height: 768 };
const allDay = [{ open: '00:00', close: '24:00' }];
const everyDay = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };
const anagrafe = { id: 'anagrafe', name: { it: 'Ufficio anagrafe', en: 'Registry office' }, serviceId: 'certs', slotMinutes: 20, hours: everyDay };

describe('counter desk page in a real browser', function () {
  this.timeout(90_000);
  let browser: Browser;
  let hub: TestHub;
  let printer: VirtualPrinter;
  let contexts: BrowserContext[] = [];

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    printer = await VirtualPrinter.start();
    hub = await startTestHub({
      office: testOffice({
        appointmentOffices: [anagrafe],
        desks: [
          { id: 'desk-1', name: 'Sportello 1', kind: 'front', services: ['certs', 'idcard', 'info'], printer: printer.url },
          { id: 'desk-2', name: 'Sportello 2', kind: 'front', services: ['certs', 'idcard', 'info'] },
          { id: 'desk-3', name: 'Sportello 3', kind: 'front', services: ['certs', 'info'] },
          { id: 'back-1', name: 'Back office 1', kind: 'back', services: ['certs', 'idcard'] },
        ],
      }),
    });
  });
  afterEach(async () => {
    for (const c of contexts) await c.close();
    contexts = [];
    await hub.close();
    await printer.close();
  });

  const issue = async (serviceId: string): Promise<TicketView> => {
    const res = await hub.issue({ serviceId });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.ticket as TicketView;
  };
  const queue = async () => (await hub.read('/api/queue')).body as QueueSnapshot;
  const ticket = async (id: number) => (await hub.read(`/api/tickets/${id}`)).body.ticket as TicketView;
  const currentNumber = (page: Page) => page.locator('[data-testid="current-number"]');
  const status = (page: Page) => page.locator('[data-testid="status"]');

  /** A clerk logs in on a fresh browser (their own PC) and sits at a desk. */
  async function openDesk(username: string, deskId: string, shots?: string): Promise<Page> {
    await hub.hub.ctx.auth.createUser(username, `${username}-password`, 'clerk');
    const context = await browser.newContext({ viewport: clerkPc, locale: 'it-IT' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${hub.url}/counter`);
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="password"]', `${username}-password`);
    if (shots) {
      expect(await seriousViolations(page), 'login').to.deep.equal([]);
      await screenshot(page, `${shots}-login`);
    }
    await page.click('button[type="submit"]');
    await page.locator(`[data-desk="${deskId}"]`).waitFor();
    if (shots) {
      expect(await seriousViolations(page), 'desk choice').to.deep.equal([]);
      await screenshot(page, `${shots}-desk-choice`);
    }
    await page.click(`[data-desk="${deskId}"]`);
    await page.locator('.desk-screen[data-synced="true"]').waitFor();
    return page;
  }

  /** Waits until the status line shows the result of an action (a catalogue key such as `result.called`). */
  async function result(page: Page, key: string) {
    await page.locator(`[data-testid="status"][data-key="${key}"]`).waitFor();
  }

  it('two desks pressing "Call next" at the same moment get different tickets', async () => {
    const first = await issue('certs');
    const second = await issue('certs');
    const one = await openDesk('anna', 'desk-1', 'counter');
    const two = await openDesk('bruno', 'desk-2');
    expect(await seriousViolations(one), 'idle desk screen').to.deep.equal([]);
    await screenshot(one, 'counter-idle');

    await Promise.all([one.click('[data-action="call-next"]'), two.click('[data-action="call-next"]')]);
    await Promise.all([result(one, 'result.called'), result(two, 'result.called')]);
    await eventually(async () => {
      const shown = [(await currentNumber(one).textContent())!.trim(), (await currentNumber(two).textContent())!.trim()];
      expect(shown.sort()).to.deep.equal([first.number, second.number].sort());
    });
    const desks = (await queue()).desks;
    const byDesk = (id: string) => desks.find((d) => d.id === id)!.currentTicket?.id;
    expect([byDesk('desk-1'), byDesk('desk-2')].sort()).to.deep.equal([first.id, second.id].sort());
    expect(await seriousViolations(one), 'called').to.deep.equal([]);
    await screenshot(one, 'counter-called');

    // A third press finds nobody left and says so.
    await one.click('[data-action="done"]');
    await one.click('[data-action="confirm-done"]');
    await result(one, 'result.finished');
    await one.click('[data-action="call-next"]');
    await result(one, 'errors.queue-empty');
    await eventually(async () => expect(await status(one).textContent()).to.include('Nessuno in attesa'));
  });

  it('"Done" with outcomes stores them on the ticket', async () => {
    const issued = await issue('certs');
    const page = await openDesk('carla', 'desk-1');
    await page.click('[data-action="call-next"]');
    await result(page, 'result.called');
    await page.click('[data-action="start"]');
    await result(page, 'result.started');
    await page.locator('[data-testid="current"][data-status="serving"]').waitFor();
    await screenshot(page, 'counter-serving');

    await page.click('[data-action="done"]');
    await page.click('[data-outcome="certificate"]');
    await page.click('[data-more="certificate"]');
    await page.click('[data-outcome="information"]');
    await eventually(async () => expect((await page.locator('[data-count="certificate"]').textContent())!.trim()).to.equal('×2'));
    expect(await seriousViolations(page), 'done dialog').to.deep.equal([]);
    await screenshot(page, 'counter-done-dialog');
    await page.click('[data-action="confirm-done"]');
    await result(page, 'result.finished');

    const done = await ticket(issued.id);
    expect(done.status).to.equal('done');
    expect(done.outcomes).to.deep.equal([{ code: 'certificate', count: 2 }, { code: 'information', count: 1 }]);
    await page.locator('[data-count="served"] dd', { hasText: '1' }).waitFor();
  });

  it('a transfer puts the ticket in the other queue at its arrival place, and the other desk sees where it came from', async () => {
    const earlier = await issue('idcard'); // B001, before A001
    const moved = await issue('certs'); // A001
    const later = await issue('idcard'); // B002, after A001
    const three = await openDesk('dario', 'desk-3'); // serves certs and info: calls A001
    await three.click('[data-action="call-next"]');
    await result(three, 'result.called');
    await eventually(async () => expect((await currentNumber(three).textContent())!.trim()).to.equal(moved.number));

    await three.click('[data-action="transfer"]');
    await three.locator('[data-testid="transfer"]').waitFor();
    await three.click('[data-service="idcard"]');
    expect(await seriousViolations(three), 'transfer dialog').to.deep.equal([]);
    await screenshot(three, 'counter-transfer-dialog');
    await three.click('[data-action="confirm-transfer"]');
    await result(three, 'result.transferred');
    await eventually(async () => expect(await status(three).textContent()).to.include(`${moved.number} trasferito a Carta d'identità`));

    const idcardQueue = (await queue()).waiting.filter((t) => t.serviceId === 'idcard').map((t) => t.number);
    expect(idcardQueue).to.deep.equal([earlier.number, moved.number, later.number]);

    // Desk 2 sees the same order in its queue panel and calls the transferred ticket out of order.
    const two = await openDesk('elena', 'desk-2');
    const rows = two.locator('[data-testid="queue"] li');
    await rows.first().waitFor();
    await eventually(async () =>
      expect(await rows.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-ticket')))).to.deep.equal([earlier.number, moved.number, later.number]),
    );
    await two.click(`[data-ticket="${moved.number}"] [data-action="call"]`);
    await result(two, 'result.called');
    await two.locator('[data-testid="current"] .transfers').waitFor();
    await eventually(async () =>
      expect(await two.locator('[data-testid="current"] .transfers').textContent()).to.include('Da Certificati a Carta').and.to.include('Sportello 3'),
    );
    await screenshot(two, 'counter-called-after-transfer');
  });

  it('a back-office desk is alerted when the room turns busy and opens to the public with one tap', async () => {
    const back = await openDesk('franco', 'back-1');
    await back.locator('[data-testid="mode"][data-mode="back"]').waitFor();
    await back.locator('[data-testid="callbacks"]').waitFor(); // a back desk at its own work starts on call-backs
    const tickets: TicketView[] = [];
    for (let i = 0; i < 6; i++) tickets.push(await issue(i % 2 ? 'idcard' : 'certs'));
    const alert = back.locator('[data-testid="busy-alert"]');
    await alert.waitFor();
    await eventually(async () => expect(await alert.textContent()).to.include('Sala d’attesa affollata'));
    await back.locator('[data-testid="busy-alert"]:not([data-chimes="0"])').waitFor(); // the chime played
    expect(await seriousViolations(back), 'busy alert').to.deep.equal([]);
    await screenshot(back, 'counter-busy-alert-back-desk');

    await back.click('[data-action="open-public"]');
    await result(back, 'result.mode.front');
    expect((await queue()).desks.find((d) => d.id === 'back-1')!.mode).to.equal('front');
    await alert.waitFor({ state: 'detached' });
    await back.click('[data-action="call-next"]');
    await result(back, 'result.called');

    // The room calms down (other desks serve): the back desk is offered its back-office work again.
    const token = await hub.login();
    await hub.request('POST', '/api/desks/back-1/finish', {}, token);
    await hub.hold('desk-1'); // another clerk at desk-1 (a desk calls only while held)
    for (let i = 0; i < 3; i++) {
      await hub.request('POST', '/api/desks/desk-1/call-next', undefined, token);
      await hub.request('POST', '/api/desks/desk-1/finish', {}, token);
    }
    await back.locator('[data-testid="calm-offer"]').waitFor();
    await back.click('[data-testid="calm-offer"] [data-action="back-office"]');
    await result(back, 'result.mode.back');
    expect((await queue()).desks.find((d) => d.id === 'back-1')!.mode).to.equal('back');
  });

  it('works from the keyboard alone: N, R, S, F with digits and Enter, X, T and Esc, ? for help', async () => {
    const first = await issue('certs');
    const second = await issue('info');
    const page = await openDesk('giulia', 'desk-1');
    await page.keyboard.press('n');
    await result(page, 'result.called');
    await page.keyboard.press('r');
    await result(page, 'result.recalled');
    await page.keyboard.press('s');
    await result(page, 'result.started');
    await page.keyboard.press('t');
    await page.locator('[data-testid="transfer"]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="transfer"]').waitFor({ state: 'detached' });
    await page.keyboard.press('f');
    await page.locator('[data-testid="done"]').waitFor();
    await page.keyboard.press('1'); // certificate
    await page.keyboard.press('+');
    await page.keyboard.press('2'); // information
    await page.keyboard.press('2'); // … and off again
    await page.keyboard.press('Enter');
    await result(page, 'result.finished');
    const done = await ticket(first.id);
    expect(done).to.include({ status: 'done', recalls: 1 });
    expect(done.outcomes).to.deep.equal([{ code: 'certificate', count: 2 }]);

    await page.keyboard.press('n');
    await result(page, 'result.called');
    await page.keyboard.press('x');
    await result(page, 'result.noShow');
    expect((await ticket(second.id)).status).to.equal('no-show');

    // P parks the ticket (the citizen went to fetch a document); Resume brings it back.
    const third = await issue('certs');
    await page.keyboard.press('n');
    await result(page, 'result.called');
    await page.keyboard.press('p');
    await result(page, 'result.parked');
    await page.locator(`[data-testid="parked"] [data-ticket="${third.number}"]`).waitFor();
    expect((await ticket(third.id)).status).to.equal('parked');
    await screenshot(page, 'counter-parked');
    await page.click(`[data-testid="parked"] [data-ticket="${third.number}"] [data-action="resume"]`);
    await result(page, 'result.resumed');
    expect((await ticket(third.id)).status).to.equal('called');
    await page.keyboard.press('f');
    await page.keyboard.press('Enter');
    await result(page, 'result.finished');

    await page.keyboard.press('?');
    await page.locator('[data-testid="help"]').waitFor();
    await screenshot(page, 'counter-help');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="help"]').waitFor({ state: 'detached' });
    // A key without a current ticket explains itself instead of doing nothing.
    await page.keyboard.press('f');
    await result(page, 'errors.no-current-ticket');
  });

  it('second level: "Done" books an appointment, shows its code and QR code, prints the slip and finishes the ticket', async () => {
    const issued = await issue('certs');
    const page = await openDesk('ivo', 'desk-1');
    await page.keyboard.press('n');
    await result(page, 'result.called');
    await page.keyboard.press('f');
    await page.click('[data-outcome="second-level"]');
    await page.click('[data-action="book"]');
    const firstFree = page.locator('[data-testid="booking"] [data-slot]:enabled').first();
    await firstFree.waitFor();
    await firstFree.click();
    await page.fill('input[name="name"]', 'Maria Rossi');
    await page.fill('input[name="phone"]', '333 123 4567');
    await screenshot(page, 'counter-booking-form');
    await page.click('[data-action="confirm-booking"]');
    const code = page.locator('[data-testid="appointment-code"]');
    await code.waitFor();
    await eventually(async () => expect((await code.textContent())!.trim()).to.match(/^[ACDEFHJKMNPQRTUVWXY3479]{6}$/));
    await page.locator('[data-testid="finish-state"][data-state="done"]').waitFor();
    await eventually(async () => expect(await page.locator('[data-qr]').getAttribute('data-qr')).to.include('BEGIN:VEVENT'));
    await page.click('[data-action="print"]');
    await page.locator('[data-testid="print-result"]', { hasText: 'stampato' }).waitFor();
    const [slip] = await printer.waitForTickets(1, 10_000);
    expect(slip!.text).to.include((await code.textContent())!.trim());
    expect(await seriousViolations(page), 'appointment booked').to.deep.equal([]);
    await screenshot(page, 'counter-appointment-booked');

    const done = await ticket(issued.id);
    expect(done.status).to.equal('done');
    expect(done.outcomes).to.deep.equal([{ code: 'second-level', count: 1 }]);
    await page.click('[data-action="close-appointment"]');
    await page.locator('[data-count="booked"] dd', { hasText: '1' }).waitFor();
  });

  it('a reload keeps the login and the desk; after logging out the PC still knows its desk; English on request', async () => {
    await issue('certs');
    const page = await openDesk('olga', 'desk-2');
    await page.keyboard.press('n');
    await result(page, 'result.called');
    await page.reload();
    await eventually(async () => expect((await currentNumber(page).textContent())!.trim()).to.equal('A001'));
    await page.click('button[lang="en"]');
    await page.getByRole('button', { name: /Call next/ }).waitFor();
    await screenshot(page, 'counter-called-en');
    await page.click('[data-action="logout"]');
    // A number is still at the desk: the clerk says what to do with it before leaving.
    await page.locator('[data-testid="release-question"]').waitFor();
    await page.click('[data-choice="requeue"]');
    await page.locator('[data-testid="login"]').waitFor();
    await page.fill('input[name="username"]', 'olga');
    await page.fill('input[name="password"]', 'olga-password');
    await page.click('button[type="submit"]');
    await page.locator('.desk-screen[data-desk="desk-2"][data-synced="true"]').waitFor();
  });

  it('two clerks: the second sees who holds the desk and takes it over only after confirming', async () => {
    await issue('certs');
    const anna = await openDesk('anna', 'desk-1');
    await hub.hub.ctx.auth.createUser('bruno', 'bruno-password', 'clerk');
    for (const [viewport, size] of [['1366', clerkPc], ['1920', { width: 1920, height: 1080 }]] as const) {
      const context = await browser.newContext({ viewport: size, locale: 'it-IT' });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${hub.url}/counter`);
      await page.fill('input[name="username"]', 'bruno');
      await page.fill('input[name="password"]', 'bruno-password');
      await page.click('button[type="submit"]');
      const held = page.locator('[data-desk="desk-1"] [data-testid="holder"]');
      await held.filter({ hasText: 'Occupato da anna' }).waitFor();
      await page.locator('[data-desk="desk-2"] [data-testid="holder"]', { hasText: 'Libero' }).waitFor();
      expect(await seriousViolations(page), 'desk choice with a held desk').to.deep.equal([]);
      await screenshot(page, `counter-desk-choice-held-${viewport}`);
      await page.click('[data-desk="desk-1"]');
      const ask = page.locator('[data-testid="take-over"]');
      await ask.waitFor();
      await ask.getByText('Allo sportello c’è già anna').waitFor();
      expect(await seriousViolations(page), 'take-over question').to.deep.equal([]);
      await screenshot(page, `counter-take-over-${viewport}`);
      if (viewport === '1366') {
        // "No": nothing changes, anna keeps the desk.
        await page.click('[data-action="keep"]');
        await ask.waitFor({ state: 'detached' });
        expect((await queue()).desks.find((d) => d.id === 'desk-1')!.heldBy).to.equal('anna');
        continue;
      }
      await page.click('[data-action="take-over"]');
      await page.locator('.desk-screen[data-desk="desk-1"][data-synced="true"]').waitFor();
    }
    await eventually(async () => expect((await queue()).desks.find((d) => d.id === 'desk-1')!.heldBy).to.equal('bruno'));
    // anna's PC is no longer at the desk: it goes back to the choice, which says who is there now.
    await anna.locator('[data-desk="desk-1"] [data-testid="holder"]', { hasText: 'Occupato da bruno' }).waitFor();
    const audit = (await hub.request('GET', '/api/admin/audit', undefined, await hub.login())).body as { action: string; actor: string; target: string }[];
    expect(audit.filter((e) => e.action === 'desk:take-over').map((e) => [e.actor, e.target])).to.deep.equal([['bruno', 'desk-1']]);
  });

  it('logging out with a number at the desk asks what to do with it; "back in its place" puts it first in line again', async () => {
    const first = await issue('certs');
    await issue('certs');
    const page = await openDesk('piero', 'desk-2');
    await page.keyboard.press('n');
    await result(page, 'result.called');
    for (const [viewport, size] of [['1920', { width: 1920, height: 1080 }], ['1366', clerkPc]] as const) {
      await page.setViewportSize(size);
      await page.click('[data-action="logout"]');
      const ask = page.locator('[data-testid="release-question"]');
      await ask.waitFor();
      await ask.getByText(`Allo sportello c’è ancora il numero ${first.number}`).waitFor();
      expect(await seriousViolations(page), 'release question').to.deep.equal([]);
      await screenshot(page, `counter-release-question-${viewport}`);
      if (viewport === '1920') {
        await page.click('[data-action="stay"]');
        await ask.waitFor({ state: 'detached' });
      }
    }
    await page.click('[data-choice="requeue"]');
    await page.locator('[data-testid="login"]').waitFor();
    await eventually(async () => {
      const q = await queue();
      expect(q.desks.find((d) => d.id === 'desk-2')).to.include({ heldBy: null, currentTicket: null });
      expect(q.waiting.map((t) => t.id)[0]).to.equal(first.id);
    });
    expect(await ticket(first.id)).to.include({ status: 'waiting', issuedAt: first.issuedAt, position: 0 });
  });

  it('says plainly when the hub cannot be reached', async () => {
    await issue('certs');
    const page = await openDesk('nadia', 'desk-1');
    await hub.hub.close();
    await page.keyboard.press('n');
    await result(page, 'errors.unreachable');
    await eventually(async () => expect(await status(page).textContent()).to.include('Collegamento perso'));
    await page.locator('[data-testid="offline"]').waitFor();
    await screenshot(page, 'counter-offline');
    hub.close = async () => {}; // already closed
  });

  it('takes a call-back and a back-office desk closes it from its list', async () => {
    const front = await openDesk('luca', 'desk-1');
    await front.keyboard.press('c');
    await front.locator('[data-testid="callback-form"]').waitFor();
    await front.selectOption('select[name="serviceId"]', 'idcard');
    await front.fill('input[name="phone"]', '055 123456');
    await front.check('input[value="morning"]');
    await front.fill('textarea[name="note"]', 'Rinnovo carta scaduta');
    await front.click('[data-testid="callback-form"] button[type="submit"]');
    await result(front, 'result.callbackCreated');

    const back = await openDesk('marta', 'back-1');
    const item = back.locator('[data-testid="callbacks"] li').first();
    await item.waitFor();
    await eventually(async () => {
      expect(await item.textContent()).to.include('055 123456').and.to.include('Mattina').and.to.include('Sportello 1').and.to.include('Rinnovo');
      expect(await item.locator('a[href^="tel:"]').getAttribute('href')).to.equal('tel:055123456');
    });
    await back.setViewportSize({ width: 1920, height: 1080 });
    expect(await seriousViolations(back), 'call-back list').to.deep.equal([]);
    await screenshot(back, 'counter-callback-list-1920');
    await item.locator('[data-outcome="resolved"]').click();
    await result(back, 'result.callbackClosed');
    await back.locator('[data-testid="callbacks"] .empty').waitFor();
    const closed = await hub.request('GET', '/api/callbacks?status=closed', undefined, await hub.login());
    expect(closed.body.callbacks[0]).to.include({ outcome: 'resolved', closedByDeskId: 'back-1' });
  });
});
