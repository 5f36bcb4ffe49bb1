import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { TicketView } from '../../protocol/views.ts';
import { seriousViolations } from '../helpers/axe.ts';
import { eventually, screenshot } from '../helpers/browser.ts';
import { useBrowserSuite } from '../helpers/browserSuite.ts';
import { testOffice } from '../helpers/office.ts';

const clerkPc = { width: 1366, height: 768 };
const bigScreen = { width: 1920, height: 1080 };

describe('counter desk page: every slip can be undone', function () {
  this.timeout(90_000);
  const suite = useBrowserSuite(() => ({
    office: testOffice({ policy: { maxPriorityInRow: 2, appointmentWindowMinutes: 10, serviceTimeSamples: 20, requireOutcome: true } }),
  }));

  const issue = async (): Promise<TicketView> => (await suite.hub.issue({ serviceId: 'certs' })).body.ticket as TicketView;
  const ticket = async (id: number) => (await suite.hub.read(`/api/tickets/${id}`)).body.ticket as TicketView;
  const rows = (page: Page) => page.locator('[data-testid="queue"] li[data-ticket]');

  async function openDesk(username: string, deskId: string): Promise<Page> {
    await suite.hub.hub.ctx.auth.createUser(username, `${username}-password`, 'clerk');
    const page = await suite.newPage(clerkPc);
    await page.goto(`${suite.hub.url}/counter`);
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="password"]', `${username}-password`);
    await page.click('button[type="submit"]');
    await page.locator(`[data-desk="${deskId}"]`).waitFor();
    await page.click(`[data-desk="${deskId}"]`);
    await page.locator('.desk-screen[data-synced="true"]').waitFor();
    return page;
  }
  const result = (page: Page, key: string) => page.locator(`[data-testid="status"][data-key="${key}"]`).waitFor();
  /** The desk's waiting list as shown, once it equals `numbers`. */
  const listShows = (page: Page, numbers: string[]) =>
    page.waitForFunction(
      (want) => JSON.stringify([...document.querySelectorAll('[data-testid="queue"] li[data-ticket]')].map((li) => li.getAttribute('data-ticket'))) === want,
      JSON.stringify(numbers),
      { timeout: 10_000 },
    );
  /** Content outside any landmark (axe's `region` rule, a best practice the WCAG run leaves out). */
  async function outsideLandmarks(page: Page): Promise<string[]> {
    await seriousViolations(page); // loads axe-core into the page
    return page.evaluate(async () => {
      const { axe } = window as unknown as { axe: { run(ctx: Document, options: object): Promise<{ violations: { nodes: { target: string[] }[] }[] }> } };
      const result = await axe.run(document, { runOnly: { type: 'rule', values: ['region'] } });
      return result.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')));
    });
  }
  async function shots(page: Page, name: string) {
    await screenshot(page, `${name}-1366`);
    await page.setViewportSize(bigScreen);
    await screenshot(page, `${name}-1920`);
    await page.setViewportSize(clerkPc);
  }

  it('"Chiama" on a row, then Annulla: the ticket is back in its own place', async () => {
    const [a1, a2, a3] = [await issue(), await issue(), await issue()];
    const page = await openDesk('anna', 'desk-1');
    await listShows(page, [a1.number, a2.number, a3.number]);
    await page.locator(`[data-testid="queue"] li[data-ticket="${a2.number}"] [data-action="call"]`).click();
    await page.locator('[data-testid="undo-toast"][data-kind="call"]').waitFor();
    await listShows(page, [a1.number, a3.number]);
    expect(await seriousViolations(page), 'desk with the undo toast').to.deep.equal([]);
    expect(await outsideLandmarks(page), 'the side panel, the search and the toast are in landmarks').to.deep.equal([]);
    await shots(page, 'counter-undo-toast');

    await page.click('[data-action="undo"]');
    await result(page, 'result.requeued');
    await listShows(page, [a1.number, a2.number, a3.number]);
    await page.locator('[data-testid="undo-toast"]').waitFor({ state: 'detached' });
    await eventually(async () => expect(await ticket(a2.id)).to.include({ status: 'waiting', position: 1 }));
    expect(await rows(page).count()).to.equal(3);
  });

  it('"Assente", then Annulla: the ticket waits again, first in line', async () => {
    const [a1, a2] = [await issue(), await issue()];
    const page = await openDesk('bruno', 'desk-1');
    await page.click('[data-action="call-next"]');
    await result(page, 'result.called');
    await page.click('[data-action="no-show"]');
    await page.locator('[data-testid="undo-toast"][data-kind="no-show"]').waitFor();
    await listShows(page, [a2.number]);
    await page.click('[data-action="undo"]');
    await result(page, 'result.recovered');
    await listShows(page, [a1.number, a2.number]);
    await eventually(async () => expect(await ticket(a1.id)).to.include({ status: 'waiting', position: 0 }));
  });

  it('"Fine" needs an outcome here and says so first; then Annulla reopens the ticket at the desk', async () => {
    const a1 = await issue();
    const page = await openDesk('carla', 'desk-1');
    await page.click('[data-action="call-next"]');
    await result(page, 'result.called');
    await page.click('[data-action="done"]');
    const dialog = page.locator('[data-testid="done"]');
    await dialog.locator('[data-testid="outcome-required"]').waitFor();
    // Names in the screen's language, never a raw code.
    await eventually(async () => expect(await dialog.locator('[data-outcome="second-level"]').textContent()).to.include('Secondo livello'));
    expect(await dialog.textContent()).not.to.include('second-level');
    await page.click('[data-action="confirm-done"]');
    await dialog.locator('[role="alert"]', { hasText: 'Scegli almeno un esito' }).waitFor();
    expect((await ticket(a1.id)).status, 'nothing was sent').to.equal('called');
    await page.click('[data-outcome="certificate"]');
    await page.fill('[data-testid="done-note"]', 'Deve tornare con la delega');
    expect(await seriousViolations(page), 'done dialog').to.deep.equal([]);
    await shots(page, 'counter-done-required');
    await page.click('[data-action="confirm-done"]');
    await page.locator('[data-testid="undo-toast"][data-kind="finish"]').waitFor();
    await eventually(async () => expect(await ticket(a1.id)).to.include({ status: 'done' }));

    await page.click('[data-action="undo"]');
    await result(page, 'result.reopened');
    await page.locator('[data-testid="current"][data-status="serving"]').waitFor();
    await eventually(async () => expect(await ticket(a1.id)).to.include({ status: 'serving', finishedAt: null }));
    expect((await ticket(a1.id)).outcomes).to.deep.equal([]);
  });

  it('the search finds "A 2" with its history and brings the absent citizen back', async () => {
    const [, a2] = [await issue(), await issue()];
    const token = await suite.hub.login();
    await suite.hub.hold('desk-2'); // another clerk at desk-2 (a desk calls only while held)
    await suite.hub.request('POST', `/api/desks/desk-2/call`, { ticketId: a2.id }, token);
    await suite.hub.request('POST', '/api/desks/desk-2/no-show', {}, token);
    const page = await openDesk('dario', 'desk-1');
    await page.fill('#ticket-search-q', 'A 2');
    await page.click('[data-action="search"]');
    const dialog = page.locator('[data-testid="ticket-detail"]');
    await dialog.locator(`[data-ticket="${a2.id}"][data-status="no-show"]`).waitFor();
    await dialog.locator('[data-step="ticket:called"]').waitFor();
    expect(await dialog.locator('[data-step]').count()).to.equal(3);
    expect(await seriousViolations(page), 'search result').to.deep.equal([]);
    await shots(page, 'counter-search-result');

    await dialog.locator('[data-action="recover"]').click();
    await dialog.locator(`[data-ticket="${a2.id}"][data-status="waiting"]`).waitFor();
    await dialog.locator('[data-step="ticket:recovered"]').waitFor();
    await eventually(async () => expect(await ticket(a2.id)).to.include({ status: 'waiting', position: 0 }));
  });

  it('the search cancels a waiting ticket with a reason from the list, and shows the reason after', async () => {
    const [a1, a2] = [await issue(), await issue()];
    const page = await openDesk('elena', 'desk-1');
    await listShows(page, [a1.number, a2.number]);
    await page.fill('#ticket-search-q', 'a1');
    await page.keyboard.press('Enter');
    const dialog = page.locator('[data-testid="ticket-detail"]');
    await dialog.locator(`[data-ticket="${a1.id}"][data-status="waiting"]`).waitFor();
    await dialog.locator('[data-action="cancel-ticket"]').click();
    await dialog.locator('input[name="reason"][value="duplicate"]').check();
    await dialog.locator('[data-action="confirm-cancel"]').click();
    await dialog.locator(`[data-ticket="${a1.id}"][data-status="cancelled"]`).waitFor();
    await dialog.getByText('Biglietto doppio').waitFor();
    await listShows(page, [a2.number]);
    await eventually(async () => expect(await ticket(a1.id)).to.include({ status: 'cancelled' }));
  });
});
