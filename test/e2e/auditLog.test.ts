import { expect } from 'chai';
import { seriousViolations } from '../helpers/axe.ts';
import { eventually, pairPage, screenshot } from '../helpers/browser.ts';
import { useBrowserSuite } from '../helpers/browserSuite.ts';

/** The admin's change log in words, and the office ticker reaching a whole-office display live. */
describe('audit log and office ticker in a real browser', function () {
  this.timeout(120_000);
  const suite = useBrowserSuite();
  const newPage = suite.newPage;
  const openAdmin = () => suite.openAdmin(undefined, 'giulia');

  it('the office ticker edited in the manager scrolls on a whole-office display without a reload', async () => {
    const display = await newPage({ width: 1280, height: 720 });
    await pairPage(display, suite.hub, '/display');
    await display.goto(`${suite.hub.url}/display`);
    await display.locator('[data-test="current-call"]').waitFor();
    expect(await display.locator('[data-test="ticker"]').count(), 'no ticker before there are messages').to.equal(0);
    await display.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    const page = await openAdmin();
    await page.click('[data-tab="displays"]');
    const form = page.locator('[data-testid="office-ticker-form"]');
    await form.locator('[data-action="add-office-message"]').click();
    await form.locator('input[name="ticker-it-0"]').fill('Il 24 dicembre l’ufficio chiude alle 12');
    await form.locator('input[name="ticker-en-0"]').fill('On 24 December the office closes at noon');
    await form.locator('[data-action="add-office-message"]').click();
    await form.locator('input[name="ticker-it-1"]').fill('Portate la tessera sanitaria');
    // The second message goes first; an empty English text takes the Italian one.
    await form.locator('li[data-index="1"] [data-action="up"]').click();
    await form.locator('[data-action="save-ticker"]').click();
    await page.locator('[data-testid="status"][data-key="admin.saved"]').waitFor();
    expect((await suite.hub.request('GET', '/api/admin/office', undefined, await suite.hub.login())).body.ticker).to.deep.equal([
      { it: 'Portate la tessera sanitaria', en: 'Portate la tessera sanitaria' },
      { it: 'Il 24 dicembre l’ufficio chiude alle 12', en: 'On 24 December the office closes at noon' },
    ]);
    expect(await seriousViolations(page), 'Messaggi dell’ufficio').to.deep.equal([]);
    await screenshot(page, 'manager-admin-office-ticker');

    const ticker = display.locator('[data-test="ticker"] p');
    await ticker.filter({ hasText: /Portate la tessera sanitaria|chiude alle 12/ }).waitFor({ timeout: 15_000 });
    expect(await display.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded), 'the display was not reloaded').to.equal(true);
    await ticker.filter({ hasText: 'chiude alle 12' }).waitFor({ timeout: 30_000 });
    await screenshot(display, 'display-office-ticker-1280x720');

    // An empty message is refused in the form, before it reaches the hub.
    await form.locator('[data-action="add-office-message"]').click();
    await form.locator('[data-action="save-ticker"]').click();
    await form.locator('[data-testid="form-problems"] li').waitFor();
  });

  it('shows config changes field by field, device actions in words and the command line as an actor', async () => {
    const admin = await suite.hub.login();
    const office = (await suite.hub.request('GET', '/api/admin/office', undefined, admin)).body;
    const desks = office.desks.map((d: { id: string }) => (d.id === 'desk-3' ? { ...d, services: ['certs', 'idcard', 'info'] } : d));
    expect((await suite.hub.request('PATCH', '/api/admin/office', { desks, thresholds: { ...office.thresholds, busyWhenWaitingAtLeast: 20 } }, admin)).status).to.equal(200);
    const code = (await suite.hub.request('POST', '/api/pairings', { kind: 'display' })).body.code as string;
    const added = await suite.hub.request('POST', '/api/admin/devices', { name: 'Sala A', kind: 'display', profile: 'all', code }, admin);
    expect((await suite.hub.request('POST', `/api/admin/devices/${added.body.device.id}/unpair`, undefined, admin)).status).to.equal(200);
    await suite.hub.hub.ctx.audit.record(Date.now(), 'cli', 'user:add', 'mario.rossi', { role: 'clerk' });

    const page = await openAdmin();
    await page.click('[data-tab="audit"]');
    const table = page.locator('[data-testid="audit-table"]');
    await eventually(async () => {
      expect(await table.locator('[data-testid="audit-changes"] li').allTextContents()).to.deep.equal([
        "Sportello 3: servizi Certificati, Informazioni → Certificati, Carta d'identità, Informazioni",
        'Soglie: persone in attesa per «affollato» 6 → 20',
      ]);
    });
    const row = (action: string) => table.locator(`tr[data-action="${action}"]`);
    await eventually(async () => {
      expect(await row('device:unpair').locator('td').nth(1).textContent()).to.equal('Schermo «Sala A» scollegato');
      expect(await row('device:pair').locator('td').nth(1).textContent()).to.equal('Schermo «Sala A» abbinato');
      expect(await row('device:unpair').locator('td').nth(2).textContent()).to.equal('profilo: tutto l’ufficio');
      expect(await row('user:add').locator('td').first().textContent()).to.equal('riga di comando');
    });
    expect(await seriousViolations(page), 'Registro').to.deep.equal([]);
    await screenshot(page, 'manager-admin-audit-diff');
  });
});
