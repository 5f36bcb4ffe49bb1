import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import QRCode from 'qrcode';
import { VirtualPrinter } from '../../printer/virtual/index.ts';
import { chromiumPath, launchBrowser, pairPage, screenshot } from '../helpers/browser.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';

const phone = { width: 390, height: 844 };
const kioskScreen = { width: 1280, height: 720 };
const minute = 60_000;

/**
 * Joining the queue from home in real pages: the phone page (390×844), the kiosk's check-in, a desk calling.
 * The hub runs on a clock the test moves (the hold of 30 minutes passes at once); the phone page asks again
 * every 300 ms (`?refresh=300`) so a change shows without waiting the real 15 seconds.
 */
describe('joining the queue from home in a real browser', function () {
  this.timeout(90_000);
  let browser: Browser;
  let printer: VirtualPrinter;
  let hub: TestHub;
  let now: number;
  const pages: Page[] = [];

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    printer = await VirtualPrinter.start();
    now = Date.parse('2026-11-24T09:00:00Z'); // Tuesday, 10:00 in Rome
    hub = await startTestHub({
      clock: () => now,
      office: testOffice({
        services: [
          { id: 'certs', prefix: 'A', name: { it: 'Certificati', en: 'Certificates' }, icon: 'certificate', outcomes: ['certificate'], defaultServiceMinutes: 5, remoteJoin: { enabled: true, dailyLimit: 40 } },
          { id: 'idcard', prefix: 'B', name: { it: "Carta d'identità", en: 'Identity card' }, icon: 'id-card', outcomes: ['id-card-electronic'], defaultServiceMinutes: 15, remoteJoin: { enabled: true, dailyLimit: 20 } },
          { id: 'info', prefix: 'C', name: { it: 'Informazioni', en: 'Information' }, outcomes: ['information'], defaultServiceMinutes: 4 },
        ],
        desks: [
          { id: 'desk-1', name: 'Sportello 1', kind: 'front', services: ['certs', 'idcard', 'info'] },
          { id: 'desk-2', name: 'Sportello 2', kind: 'front', services: ['certs', 'idcard', 'info'] },
        ],
        kiosks: [{ id: 'entrance', name: 'Ingresso', printer: printer.url }],
      }),
    });
    await hub.holdAll();
  });
  afterEach(async () => {
    for (const p of pages.splice(0)) await p.context().close();
    await hub.close();
    await printer.close();
  });

  async function newPage(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'it-IT', timezoneId: 'Europe/Rome' });
    const page = await context.newPage();
    pages.push(page);
    return page;
  }
  const issue = async (serviceId = 'certs') => (await hub.issue({ serviceId })).body.ticket as { id: number; number: string };
  const callNext = async (deskId: string) => {
    const res = await hub.request('POST', `/api/desks/${deskId}/call-next`, {}, await hub.hold(deskId));
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body.ticket as { id: number; number: string };
  };
  const finish = async (deskId: string) => {
    const res = await hub.request('POST', `/api/desks/${deskId}/finish`, {}, await hub.hold(deskId));
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
  };

  /** Takes a place for `serviceId` on the phone page; returns the page (now the place's own) and the code. */
  async function joinOnPhone(serviceId = 'certs'): Promise<{ page: Page; code: string }> {
    const page = await newPage(phone);
    await page.goto(`${hub.url}/join?refresh=300`);
    await page.locator(`[data-service="${serviceId}"] button.take`).click();
    const code = page.locator('[data-testid="place-code"]');
    await code.waitFor();
    return { page, code: (await code.textContent())!.trim() };
  }

  async function openKiosk(): Promise<Page> {
    const page = await newPage(kioskScreen);
    await pairPage(page, hub, '/kiosk/entrance');
    await page.goto(`${hub.url}/kiosk/entrance`);
    await page.locator('[data-action="remote"]:enabled').waitFor();
    return page;
  }
  async function typeCode(kiosk: Page, code: string) {
    await kiosk.click('[data-action="remote"]');
    await kiosk.locator('[data-kind="remote"]').waitFor();
    for (const k of code) await kiosk.click(`[data-key="${k}"]`);
    await kiosk.click('[data-action="confirm"]');
  }

  it('joins on a phone, watches the wait, checks in at the kiosk and is called before a later walk-in', async () => {
    const early1 = await issue();
    const early2 = await issue();
    now += minute;
    const list = await newPage(phone);
    await list.goto(`${hub.url}/join`);
    await list.locator('[data-service="certs"] [data-testid="service-wait"]').waitFor();
    expect(await list.locator('[data-service]').evaluateAll((els) => els.map((e) => e.getAttribute('data-service')))).to.deep.equal(['certs', 'idcard']);
    await screenshot(list, 'remote-join-phone-services');

    const { page, code } = await joinOnPhone();
    expect(code).to.match(/^[ACDEFHJKMNPQRTUVWXY3479]{6}$/);
    expect(page.url()).to.match(new RegExp(`/join/${code}\\?refresh=300$`));
    await page.locator('[data-testid="place-ahead"]', { hasText: 'Prima di te: 2 persone' }).waitFor();
    await page.locator('[data-testid="arrive-by"]', { hasText: /^Vieni entro le \d\d:\d\d$/ }).waitFor();
    expect(await page.locator('.qr').getAttribute('data-qr')).to.equal(`${hub.url}/join/${code}`);
    await screenshot(page, 'remote-join-phone-place');

    // The wait moves as the room is served: one of the two ahead is called.
    expect((await callNext('desk-1')).id).to.equal(early1.id);
    await page.locator('[data-testid="place-ahead"]', { hasText: 'Prima di te: 1 persona' }).waitFor();

    now += 2 * minute;
    const later = await issue(); // walked in after the place was taken
    now += 5 * minute;
    const kiosk = await openKiosk();
    await screenshot(kiosk, 'remote-join-kiosk-start');
    await kiosk.click('[data-action="remote"]');
    await kiosk.locator('[data-kind="remote"]').waitFor();
    for (const k of code.slice(0, 3)) await kiosk.click(`[data-key="${k}"]`);
    await screenshot(kiosk, 'remote-join-kiosk-code');
    for (const k of code.slice(3)) await kiosk.click(`[data-key="${k}"]`);
    await kiosk.click('[data-action="confirm"]');
    const number = kiosk.locator('[data-testid="ticket-number"]');
    await number.waitFor();
    const ticketId = Number(await kiosk.locator('[data-ticket-id]').getAttribute('data-ticket-id'));
    await screenshot(kiosk, 'remote-join-kiosk-ticket');
    const [paper] = await printer.waitForTickets(1, 10_000);
    expect(JSON.stringify(paper)).to.include((await number.textContent())!.trim());

    await page.locator('[data-testid="place-checked-in"]', { hasText: (await number.textContent())!.trim() }).waitFor();
    await screenshot(page, 'remote-join-phone-checked-in');

    // The desks: the one who came before, then the place (by its joining time), then the later walk-in.
    expect((await callNext('desk-2')).id).to.equal(early2.id);
    await finish('desk-1');
    expect((await callNext('desk-1')).id).to.equal(ticketId);
    await finish('desk-2');
    expect((await callNext('desk-2')).id).to.equal(later.id);
  });

  it('tells the phone when its turn came and when the place expired; the kiosk then refuses it', async () => {
    await issue();
    await issue();
    await callNext('desk-1');
    await callNext('desk-2'); // both desks busy, nobody waiting
    now += minute;
    const { page, code } = await joinOnPhone();
    await page.locator('[data-testid="place-ahead"]', { hasText: 'Prima di te: nessuno' }).waitFor();
    now += minute;
    const later = await issue();
    await finish('desk-1');
    expect((await callNext('desk-1')).id).to.equal(later.id); // its turn came: the later walk-in is called
    const due = page.locator('[data-testid="arrive-by"]', { hasText: /^È il tuo turno: vieni subito al totem, entro le \d\d:\d\d\.$/ });
    await due.waitFor();
    expect(await due.textContent()).to.include('entro le 10:32');
    await screenshot(page, 'remote-join-phone-due');

    now += 30 * minute;
    await page.locator('[data-testid="place-expired"]').waitFor();
    await screenshot(page, 'remote-join-phone-expired');
    const kiosk = await openKiosk();
    await typeCode(kiosk, code);
    await kiosk.locator('[role="alert"][data-error="place-expired"]').waitFor();
    await screenshot(kiosk, 'remote-join-kiosk-expired');
  });

  it('says so on the page when joining is refused: a flood from one address, the daily cap, a pause', async () => {
    const list = await newPage(phone);
    await list.goto(`${hub.url}/join`);
    await list.locator('[data-service="idcard"] button.take').waitFor();
    for (let i = 0; i < 10; i++) await hub.request('POST', '/api/remote-join', { serviceId: 'idcard' }); // ten phones behind one address
    await list.locator('[data-service="idcard"] button.take').click();
    await list.locator('[data-testid="join-refused"]', { hasText: 'Troppe richieste' }).waitFor();
    await screenshot(list, 'remote-join-phone-refused');

    const manager = await hub.loginAs('manager1', 'manager');
    expect((await hub.request('PUT', '/api/remote-join/paused', { paused: true }, manager)).status).to.equal(200);
    await list.reload();
    await list.locator('[data-testid="join-notice"]', { hasText: 'non è possibile mettersi in coda da casa' }).waitFor();
    expect(await list.locator('[data-service]').count()).to.equal(0);
  });

  it('an admin opens a service to joining from home in the services editor, with its daily places', async () => {
    await hub.hub.ctx.auth.createUser('ada', 'ada-password', 'admin');
    const page = await newPage({ width: 1366, height: 768 });
    await page.goto(`${hub.url}/manager#admin`);
    await page.fill('input[name="username"]', 'ada');
    await page.fill('input[name="password"]', 'ada-password');
    await page.click('button[type="submit"]');
    await page.click('[data-tab="admin"]');
    await page.click('[data-tab="services"]');
    await page.locator('[data-testid="services-table"] [data-service="info"] [data-action="edit"]').click();
    const form = page.locator('[data-testid="service-form"]');
    await form.locator('input[name="remoteJoin"]').check();
    await form.locator('input[name="remoteLimit"]').fill('7');
    await screenshot(page, 'remote-join-admin-service');
    await form.locator('[data-action="save"]').click();
    await page.locator('[data-testid="status"][data-key="admin.saved"]').waitFor();
    expect(hub.hub.ctx.office.services.find((s) => s.id === 'info')?.remoteJoin).to.deep.equal({ enabled: true, dailyLimit: 7 });
    expect(((await hub.request('GET', '/api/remote-join')).body.services as { id: string }[]).map((s) => s.id)).to.deep.equal(['certs', 'idcard', 'info']);
  });

  it('shows the manager the places joined, checked in and expired per day, and pauses joining live', async () => {
    const taken: string[] = [];
    for (let i = 0; i < 3; i++) taken.push((await hub.request('POST', '/api/remote-join', { serviceId: 'certs' })).body.place.code as string);
    expect((await hub.request('POST', '/api/remote-join/check-in', { code: taken[0] }, await hub.device('kiosk', 'entrance'))).status).to.equal(201);

    await hub.hub.ctx.auth.createUser('marta', 'marta-password', 'manager');
    const page = await newPage({ width: 1366, height: 768 });
    await page.goto(`${hub.url}/manager#remote`);
    await page.fill('input[name="username"]', 'marta');
    await page.fill('input[name="password"]', 'marta-password');
    await page.click('button[type="submit"]');
    const row = page.locator('[data-row="2026-11-24:certs"]');
    await row.waitFor();
    expect(await row.locator('[data-col]').allTextContents()).to.deep.equal(['3', '1', '0']);
    await screenshot(page, 'remote-join-manager');

    await page.click('[data-action="toggle-remote-join"]');
    await page.locator('.switch[data-paused="true"]').waitFor();
    expect((await hub.request('GET', '/api/remote-join')).body.paused).to.equal(true);
    await screenshot(page, 'remote-join-manager-paused');
    await page.click('[data-action="toggle-remote-join"]');
    await page.locator('.switch[data-paused="false"]').waitFor();
    expect((await hub.request('GET', '/api/remote-join')).body.paused).to.equal(false);
  });
});

/**
 * A camera for chromium's fake capture device: a Y4M video (4:2:0) whose frames show `text` as a QR code on white,
 * as a citizen holds their phone up to the kiosk.
 */
async function qrVideo(path: string, text: string, width = 640, height = 480): Promise<void> {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const scale = Math.floor(Math.min(width, height) / (n + 8));
  const left = Math.floor((width - n * scale) / 2);
  const top = Math.floor((height - n * scale) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < n * scale; y++) {
    for (let x = 0; x < n * scale; x++) if (qr.modules.get(Math.floor(y / scale), Math.floor(x / scale))) luma[(top + y) * width + left + x] = 16;
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  await writeFile(path, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), frame, frame, frame]));
}

describe('the kiosk camera reads a remote place’s QR code (chromium’s fake camera)', function () {
  this.timeout(90_000);
  let hub: TestHub;
  let browser: Browser | undefined;

  afterEach(async () => {
    await browser?.close();
    browser = undefined;
    await hub?.close();
  });

  it('checks the place in from the QR code shown to the camera', async () => {
    hub = await startTestHub({
      office: testOffice({
        services: [{ id: 'certs', prefix: 'A', name: { it: 'Certificati', en: 'Certificates' }, outcomes: ['certificate'], remoteJoin: { enabled: true, dailyLimit: 5 } }],
        desks: [{ id: 'desk-1', name: 'Sportello 1', kind: 'front', services: ['certs'] }],
        kiosks: [{ id: 'entrance', name: 'Ingresso', printer: 'none' }],
      }),
    });
    const place = (await hub.request('POST', '/api/remote-join', { serviceId: 'certs' })).body.place as { code: string; pagePath: string };
    const video = join(hub.dir, 'qr.y4m');
    await qrVideo(video, `${hub.url}${place.pagePath}`);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
    await context.grantPermissions(['camera'], { origin: hub.url });
    const page = await context.newPage();
    await pairPage(page, hub, '/kiosk/entrance');
    await page.goto(`${hub.url}/kiosk/entrance`);
    await page.click('[data-action="remote"]');
    await page.locator('[data-action="scan"]').waitFor();
    await screenshot(page, 'remote-join-kiosk-camera');
    await page.click('[data-action="scan"]');
    await page.locator('[data-testid="ticket-number"]', { hasText: 'A001' }).waitFor();
    const seen = (await hub.request('GET', `/api/remote-join/places/${place.code}`)).body.place as { status: string; ticket: { number: string } };
    expect(seen.status).to.equal('checked-in');
    expect(seen.ticket.number).to.equal('A001');
  });
});
