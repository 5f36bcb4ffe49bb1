import { expect } from 'chai';
import { VirtualPrinter } from '../../printer/virtual/index.ts';
import type { OfficeInfo, PrinterStatusView, TicketView } from '../../protocol/views.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';
import { closedPort } from '../printer/fixtures.ts';
import { until } from '../helpers/wire.ts';

describe('kiosk ticket printing through the hub', () => {
  let printer: VirtualPrinter;
  let hub: TestHub;
  let statuses: PrinterStatusView[];

  beforeEach(async () => {
    printer = await VirtualPrinter.start();
    const deadPort = await closedPort();
    hub = await startTestHub({
      office: testOffice({
        kiosks: [
          { id: 'entrance', name: 'Ingresso', printer: printer.url },
          { id: 'broken', name: 'Piano terra', printer: `tcp://127.0.0.1:${deadPort}` },
        ],
        ticketPrint: { paperWidthMm: 80, footer: 'Comune di Prova — città' },
      }),
      publicUrl: 'https://coda.comune.example',
    });
    statuses = [];
    const watcher = await hub.socket();
    watcher.on('printer:status', (s) => statuses.push(s));
    await new Promise<void>((resolve) => watcher.emit('session:join', { role: 'display', id: 'watcher' }, () => resolve()));
  });

  afterEach(async () => {
    await hub.close();
    await printer.close();
  });

  /** Issued by the paired kiosk the body names (as the kiosk app does), else by staff. */
  const issue = async (body: Record<string, unknown>) => {
    const res = await hub.issue(body, typeof body.kioskId === 'string' ? await hub.device('kiosk', body.kioskId) : undefined);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body as { ticket: TicketView; print?: string };
  };

  it('prints the committed ticket on the kiosk printer, with its status link, and reports success', async () => {
    const { ticket, print } = await issue({ serviceId: 'certs', kioskId: 'entrance', requestId: 'tap-0001' });
    expect(print).to.equal('printing');
    const [paper] = await printer.waitForTickets(1, 5000);
    expect(paper!.text.join('\n')).to.include(ticket.number).and.to.include('Certificati').and.to.include('Comune di Prova - città'); // cp850 has à but no em dash
    expect(paper!.qrCodes).to.deep.equal([`https://coda.comune.example/t/${ticket.id}?k=${hub.hub.ctx.statusLinks.key(ticket.id)}`]);
    expect(paper!.cut).to.equal(true);
    await until(() => statuses.length === 1, 'printer:status');
    expect(statuses[0]).to.include({ kioskId: 'entrance', ok: true, ticketId: ticket.id, number: ticket.number });
  });

  it('prints in the language the kiosk sends, marks a priority ticket, and keeps the language out of the ticket', async () => {
    const { ticket } = await issue({ serviceId: 'certs', kioskId: 'entrance', priority: true, language: 'en' });
    const [paper] = await printer.waitForTickets(1, 5000);
    const text = paper!.text.join('\n');
    expect(text).to.include('Certificates').and.include('PRIORITY').and.include('Scan the QR code');
    expect(text).not.to.match(/Certificati|attesa|PRIORITÀ/);
    expect(ticket).not.to.have.property('language');
    await issue({ serviceId: 'certs', kioskId: 'entrance' });
    const [, italian] = await printer.waitForTickets(2, 5000);
    expect(italian!.text.join('\n')).to.include('Certificati').and.not.include('PRIORIT');
  });

  it('refuses a language the ticket cannot be printed in', async () => {
    const res = await hub.issue({ serviceId: 'certs', kioskId: 'entrance', language: 'fr' }, await hub.device('kiosk', 'entrance'));
    expect(res.status).to.equal(400);
    expect(res.body.error.code).to.equal('validation-failed');
  });

  it('does not print a retried request twice', async () => {
    const first = await issue({ serviceId: 'certs', kioskId: 'entrance', requestId: 'tap-0002' });
    const again = await issue({ serviceId: 'certs', kioskId: 'entrance', requestId: 'tap-0002' });
    expect(again.ticket.id).to.equal(first.ticket.id);
    expect(again.print).to.equal('already-printed');
    await printer.waitForTickets(1, 5000);
    await until(() => statuses.length === 1, 'printer:status');
    await new Promise((r) => setTimeout(r, 300));
    expect(printer.tickets).to.have.length(1);
  });

  it('keeps the ticket when the printer is unreachable and reports the fault', async () => {
    const { ticket, print } = await issue({ serviceId: 'info', kioskId: 'broken' });
    expect(print).to.equal('printing');
    await until(() => statuses.length === 1, 'printer:status', 5000);
    expect(statuses[0]).to.include({ kioskId: 'broken', ok: false, fault: 'offline', ticketId: ticket.id });
    const stored = await hub.read(`/api/tickets/${ticket.id}`);
    expect(stored.body.ticket.status).to.equal('waiting');
    const health = await hub.request('GET', '/api/health', undefined, await hub.login());
    expect(health.body.printers).to.have.length(1);
    expect(health.body.printers[0]).to.include({ kioskId: 'broken', ok: false, fault: 'offline' });
  });

  it('a kiosk joining learns whether its printer works before any ticket: checked without printing, pushed as a printer:status', async () => {
    const kiosk = await hub.socket(await hub.device('kiosk', 'broken'));
    const told: PrinterStatusView[] = [];
    kiosk.on('printer:status', (s) => told.push(s));
    await new Promise<void>((resolve) => kiosk.emit('session:join', { role: 'kiosk', id: 'broken' }, () => resolve()));
    await until(() => told.length === 1, 'the kiosk told its printer is down', 5000);
    expect(told[0]).to.include({ kioskId: 'broken', ok: false, fault: 'offline' });
    expect(told[0]).not.to.have.property('ticketId');
    // A kiosk that joins again is told at once what is known (a second check waits 30 s).
    await new Promise<void>((resolve) => kiosk.emit('session:join', { role: 'kiosk', id: 'broken' }, () => resolve()));
    await until(() => told.length === 2, 'the known status', 2000);
    expect(told[1]).to.include({ kioskId: 'broken', ok: false });

    // A working printer is checked too, and nothing comes out of it.
    const entrance = await hub.socket(await hub.device('kiosk', 'entrance'));
    await new Promise<void>((resolve) => entrance.emit('session:join', { role: 'kiosk', id: 'entrance' }, () => resolve()));
    await until(() => statuses.some((s) => s.kioskId === 'entrance'), 'the entrance printer checked', 5000);
    expect(statuses.find((s) => s.kioskId === 'entrance')).to.include({ ok: true });
    await new Promise((r) => setTimeout(r, 100));
    expect(printer.tickets).to.have.length(0);
    // A display following a kiosk reads what is known but makes the hub check nothing.
    expect(hub.hub.ctx.printing.kioskPrinter('lobby')).to.equal(undefined);
    const display = await hub.socket();
    await new Promise<void>((resolve) => display.emit('session:join', { role: 'kiosk', id: 'lobby' }, () => resolve()));
    await new Promise((r) => setTimeout(r, 100));
    expect(hub.hub.ctx.printing.kioskPrinter('lobby')).to.equal(undefined);
  });

  it('a kiosk without a printer gets an on-screen ticket only; no kiosk id, no printing at all', async () => {
    const unknownKiosk = await issue({ serviceId: 'certs', kioskId: 'corridor' });
    expect(unknownKiosk.print).to.equal('no-printer');
    const api = await issue({ serviceId: 'certs' });
    expect(api).not.to.have.property('print');
    await new Promise((r) => setTimeout(r, 200));
    expect(printer.tickets).to.have.length(0);
  });

  it('refuses a malformed kiosk id and issues nothing', async () => {
    const res = await hub.issue({ serviceId: 'certs', kioskId: '../../etc' });
    expect(res.status).to.equal(400);
    expect(res.body.error.code).to.equal('validation-failed');
    const queue = await hub.read('/api/queue');
    expect(queue.body.waiting).to.have.length(0);
  });

  it('GET /api/office gives the public facts a kiosk needs', async () => {
    const res = await hub.read('/api/office');
    const office = res.body as OfficeInfo;
    expect(office.open).to.equal(true);
    expect(office.closesAt).to.be.a('string');
    expect(office.nextOpeningAt).to.equal(null);
    expect(office.publicUrl).to.equal('https://coda.comune.example');
    expect(office.kiosks.map((k) => k.id)).to.deep.equal(['entrance', 'broken']);
    expect(office.priorityReasons.map((r) => r.id)).to.deep.equal(['disability', 'pregnancy', 'elderly']);
    expect(office.services[0]).to.deep.equal({ id: 'certs', prefix: 'A', name: { it: 'Certificati', en: 'Certificates' }, icon: 'document' });
    expect(JSON.stringify(office)).not.to.include(printer.url.replace('tcp://', ''));
  });
});

describe('appointment check-in printing through the hub', () => {
  const morning = [{ open: '09:00', close: '12:00' }];
  const hours = { mon: morning, tue: morning, wed: morning, thu: morning, fri: morning, sat: morning, sun: morning };
  let printer: VirtualPrinter;
  let hub: TestHub;

  beforeEach(async () => {
    const now = Date.parse('2026-11-24T08:30:00Z'); // 09:30 in Rome
    printer = await VirtualPrinter.start();
    hub = await startTestHub({
      clock: () => now,
      office: testOffice({
        appointmentOffices: [{ id: 'anagrafe', name: { it: 'Ufficio anagrafe', en: 'Registry office' }, serviceId: 'certs', slotMinutes: 20, hours }],
        kiosks: [{ id: 'entrance', name: 'Ingresso', printer: printer.url }],
      }),
    });
  });

  afterEach(async () => {
    await hub.close();
    await printer.close();
  });

  it('prints the appointment\'s time in office time instead of a queue estimate, in the chosen language', async () => {
    const clerk = await hub.loginAs('clerk1', 'clerk');
    const walkIn = await hub.issue({ serviceId: 'certs' }); // someone ahead: an estimate would be printed
    expect(walkIn.status).to.equal(201);
    const booking = await hub.request('POST', '/api/appointments', { officeId: 'anagrafe', startsAt: '2026-11-24T10:00:00Z', name: 'Anna Verdi', phone: '3339876543' }, clerk);
    expect(booking.status, JSON.stringify(booking.body)).to.equal(201);
    const kiosk = await hub.device('kiosk', 'entrance');
    const res = await hub.request('POST', '/api/appointments/check-in', { code: booking.body.appointment.code, kioskId: 'entrance', language: 'en' }, kiosk);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const [paper] = await printer.waitForTickets(1, 5000);
    const text = paper!.text.join('\n');
    expect(text).to.include('Appointment at 11:00').and.include('Certificates');
    expect(text).not.to.match(/wait|ahead|attesa/i);
  });
});
