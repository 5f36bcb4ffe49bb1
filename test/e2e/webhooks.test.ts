import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { seriousViolations } from '../helpers/axe.ts';
import { eventually, pairPage, screenshot, viewports } from '../helpers/browser.ts';
import { useBrowserSuite } from '../helpers/browserSuite.ts';
import { startReceiver, type WebhookReceiver } from '../helpers/webhookReceiver.ts';

const screen = { width: 1280, height: 720 };

/** Outbound webhooks and SMS notices (issue 25) in the apps: the manager's editor and banner, the kiosk's SMS option, the desk's mark. */
describe('webhooks and SMS in a real browser', function () {
  this.timeout(120_000);
  let receiver: WebhookReceiver;
  const suite = useBrowserSuite(() => ({ webhookDelivery: { backoffMs: [20, 20], pollMs: 50, timeoutMs: 1000 } }));

  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  it('the manager: a bad address is said and not sent, the secret shows once, a test lands in the log, and a failing endpoint is re-enabled from the banner', async () => {
    const page = await suite.openAdmin('webhooks');
    await page.locator('[data-testid="webhooks-table-intro"]').waitFor();
    await page.click('[data-action="add-webhook"]');
    const form = page.locator('[data-testid="webhook-form"]');
    await form.locator('input[name="url"]').fill('ftp://example.org');
    await form.locator('[data-action="save"]').click();
    await form.locator('[data-testid="form-problems"] li', { hasText: 'http://' }).waitFor();
    const admin = await suite.hub.login();
    expect((await suite.hub.request('GET', '/api/admin/webhooks', undefined, admin)).body.endpoints).to.deep.equal([]);

    await form.locator('input[name="url"]').fill(receiver.url);
    await form.locator('input[name="events"][value="ticket:finished"]').check();
    await screenshot(page, 'webhooks-form');
    await form.locator('[data-action="save"]').click();
    const secret = page.locator('[data-testid="webhook-secret-value"]');
    await secret.waitFor();
    expect(await secret.textContent()).to.match(/^whsec_/);
    const [stored] = (await suite.hub.request('GET', '/api/admin/webhooks', undefined, admin)).body.endpoints;
    expect(stored.events).to.deep.equal(['ticket:issued', 'ticket:called', 'ticket:finished']);
    await screenshot(page, 'webhooks-secret');
    await page.click('[data-action="hide-secret"]');
    await page.locator('[data-testid="webhook-secret"]').waitFor({ state: 'detached' });

    const row = page.locator(`tr[data-webhook="${stored.id}"]`);
    await row.locator('[data-action="test-webhook"]').click();
    const log = page.locator('[data-testid="webhook-log"]');
    await log.locator('tbody tr[data-status="200"]').waitFor();
    await log.scrollIntoViewIfNeeded();
    expect(await log.locator('tbody tr').first().textContent()).to.include('webhook:test');
    expect(receiver.accepted()[0]!.json.type).to.equal('webhook:test');
    expect(await seriousViolations(page), 'webhook editor').to.deep.equal([]);
    await screenshot(page, 'webhooks-log');

    // The receiver fails: after the retries the hub turns the endpoint off and the banner says so.
    receiver.mode = 'fail';
    expect((await suite.hub.issue({ serviceId: 'certs' })).status).to.equal(201);
    await eventually(() => expect(suite.hub.hub.ctx.warnings.has('webhooks-disabled')).to.equal(true));
    await page.reload();
    const banner = page.locator('[data-testid="hub-warning"][data-code="webhooks-disabled"]');
    await banner.waitFor();
    await page.click('[data-tab="admin"]');
    await page.click('[data-tab="webhooks"]');
    await page.locator(`tr[data-webhook="${stored.id}"][data-state="failing"]`).waitFor();
    await screenshot(page, 'webhooks-disabled-banner');
    receiver.mode = 'ok';
    await banner.locator('[data-action="enable-webhook"]').click();
    await banner.waitFor({ state: 'detached' });
    await eventually(() => expect(receiver.accepted().some((r) => r.json.type === 'ticket:issued')).to.equal(true));
  });

  async function takeTicket(page: Page, service: string): Promise<string> {
    await page.locator(`[data-service="${service}"]:enabled`).click();
    await page.click('[data-taps="on"] [data-priority="no"]');
    await page.click('[data-taps="on"] [data-need="continue"]');
    const number = page.locator('[data-testid="ticket-number"]');
    await number.waitFor();
    return (await number.textContent())!.trim();
  }

  it('the kiosk offers the SMS only with a gateway on; the citizen types a number; the desk sees the SMS went', async () => {
    const hub = suite.hub;
    const admin = await hub.login();
    const other = await hub.hold('desk-2'); // a desk open: the kiosk gives numbers (not a call-back offer)
    for (let i = 0; i < 4; i++) await hub.issue({ serviceId: 'certs' });
    const kiosk = await suite.newPage(screen);
    await pairPage(kiosk, hub, '/kiosk/entrance');
    await kiosk.goto(`${hub.url}/kiosk/entrance`);
    await takeTicket(kiosk, 'certs');
    await kiosk.waitForTimeout(500); // the offer would have been asked for by now
    expect(await kiosk.locator('[data-action="sms-notice"]').count(), 'no SMS gateway: no offer').to.equal(0);
    await kiosk.click('text=Fine');

    const gateway = await hub.request('POST', '/api/admin/webhooks', { kind: 'sms', url: receiver.url }, admin);
    expect(gateway.status).to.equal(201);
    const number = await takeTicket(kiosk, 'certs'); // five people ahead
    // Laid out for the kiosk's own 1920×1080 screen.
    await kiosk.setViewportSize(viewports.landscape);
    await kiosk.locator('[data-action="sms-notice"]').waitFor();
    await screenshot(kiosk, 'sms-kiosk-ticket');
    await kiosk.setViewportSize(viewports.portrait);
    await kiosk.locator('[data-action="sms-notice"]').waitFor();
    await screenshot(kiosk, 'sms-kiosk-ticket-portrait');
    await kiosk.setViewportSize(viewports.landscape);
    await kiosk.locator('[data-action="sms-notice"]').click();
    await kiosk.locator('#phone-title', { hasText: 'cellulare' }).waitFor();
    for (const key of '3331234567') await kiosk.click(`[data-key="${key}"]`);
    await eventually(async () => expect(await kiosk.locator('[data-testid="phone-typed"]').getAttribute('data-phone')).to.equal('3331234567'));
    await screenshot(kiosk, 'sms-kiosk-phone');
    expect(await seriousViolations(kiosk), 'kiosk SMS keypad').to.deep.equal([]);
    await kiosk.click('[data-action="confirm"]');
    await kiosk.locator('[data-testid="sms-done"]').waitFor();
    await screenshot(kiosk, 'sms-kiosk-done');

    // Another desk serves the five ahead (the SMS goes when three are left); then this desk calls the citizen.
    for (let i = 0; i < 5; i++) {
      expect((await hub.request('POST', '/api/desks/desk-2/call-next', {}, other)).status).to.equal(200);
      expect((await hub.request('POST', '/api/desks/desk-2/finish', {}, other)).status).to.equal(200);
      if (i === 1) await eventually(() => expect(receiver.accepted().length).to.equal(1));
    }
    await hub.hub.ctx.auth.createUser('carla', 'carla-password', 'clerk');
    const desk = await suite.newPage(screen);
    await desk.goto(`${hub.url}/counter`);
    await desk.fill('input[name="username"]', 'carla');
    await desk.fill('input[name="password"]', 'carla-password');
    await desk.click('button[type="submit"]');
    await desk.click('[data-desk="desk-1"]');
    await desk.locator('.desk-screen[data-synced="true"]').waitFor();
    await desk.click('[data-action="call-next"]');
    await eventually(async () => expect((await desk.locator('[data-testid="current-number"]').textContent())?.trim()).to.equal(number));
    const mark = desk.locator('[data-testid="sms-mark"][data-sent="true"]');
    await mark.waitFor();
    expect(await mark.textContent()).to.include('Avvisato con SMS');
    expect(receiver.accepted()[0]!.json.data).to.include({ to: '3331234567' });
    await screenshot(desk, 'sms-counter-mark');
  });
});
