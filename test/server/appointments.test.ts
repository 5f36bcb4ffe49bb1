import { expect } from 'chai';
import { VirtualPrinter } from '../../printer/virtual/index.ts';
import type { AppointmentView, SlotsView } from '../../protocol/appointments.ts';
import type { TicketView } from '../../protocol/views.ts';
import { KioskRate } from '../../server/auth/kioskRate.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';
import { ask } from '../helpers/wire.ts';

const morning = [{ open: '09:00', close: '12:00' }];
const everyMorning = { mon: morning, tue: morning, wed: morning, thu: morning, fri: morning, sat: morning, sun: morning };
const appointmentOffices = [
  { id: 'anagrafe', name: { it: 'Ufficio anagrafe', en: 'Registry office' }, serviceId: 'certs', slotMinutes: 20, hours: everyMorning },
  { id: 'tributi', name: { it: 'Ufficio tributi', en: 'Taxes office' }, serviceId: 'info', slotMinutes: 30, perSlot: 2, hours: everyMorning },
];
const minute = 60_000;

describe('second-level appointments', () => {
  // Tuesday 24 November 2026, 08:30 in Rome (UTC+1).
  let now: number;
  let hub: TestHub;
  let clerk: string;
  let printer: VirtualPrinter;

  beforeEach(async () => {
    now = Date.parse('2026-11-24T07:30:00Z');
    printer = await VirtualPrinter.start();
    hub = await startTestHub({
      clock: () => now,
      office: testOffice({
        appointmentOffices,
        desks: [
          { id: 'desk-1', name: 'Sportello 1', kind: 'front', services: ['certs', 'idcard', 'info'], printer: printer.url },
          { id: 'desk-2', name: 'Sportello 2', kind: 'front', services: ['certs', 'idcard', 'info'] },
        ],
        privacy: { contactRetentionDays: 30 },
      }),
    });
    clerk = await hub.loginAs('clerk1', 'clerk');
  });

  afterEach(async () => {
    await hub.close();
    await printer.close();
  });

  const slots = async (officeId: string, date: string) => {
    const res = await hub.request('GET', `/api/appointments/slots?officeId=${officeId}&date=${date}`, undefined, clerk);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body as SlotsView;
  };
  const book = (body: Record<string, unknown>) => hub.request('POST', '/api/appointments', body, clerk);
  const booked = async (body: Record<string, unknown>) => {
    const res = await book(body);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.appointment as AppointmentView;
  };
  const checkIn = async (code: string, extra: Record<string, unknown> = {}) => hub.request('POST', '/api/appointments/check-in', { code, ...extra }, await hub.device('kiosk'));

  it('lists the offices and the day\'s slots in office-local time, and a booked slot is no longer free', async () => {
    const offices = await hub.request('GET', '/api/appointments/offices', undefined, clerk);
    expect(offices.body.offices.map((o: { id: string }) => o.id)).to.deep.equal(['anagrafe', 'tributi']);
    const day = await slots('anagrafe', '2026-11-25');
    expect(day.slots).to.have.length(9);
    expect(day.slots[0]).to.deep.equal({ startsAt: '2026-11-25T08:00:00.000Z', time: '09:00', free: 1 });
    expect(day.slots.at(-1)!.time).to.equal('11:40');
    const a = await booked({ officeId: 'anagrafe', startsAt: day.slots[1]!.startsAt, name: 'Maria Rossi', phone: '333 123 4567', deskId: 'desk-1' });
    expect(a).to.include({ officeId: 'anagrafe', date: '2026-11-25', time: '09:20', name: 'Maria Rossi', status: 'booked', ticketId: null });
    expect(a.code).to.match(/^[ACDEFHJKMNPQRTUVWXY3479]{6}$/);
    expect(a.calendar).to.include('DTSTART:20261125T082000Z').and.include(`UID:${a.code}@punto-comune`).and.not.include('Maria');
    expect((await slots('anagrafe', '2026-11-25')).slots[1]!.free).to.equal(0);
  });

  it('gives each place of a slot once, even to bookings that arrive together', async () => {
    const startsAt = (await slots('tributi', '2026-11-25')).slots[0]!.startsAt;
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => book({ officeId: 'tributi', startsAt, name: `Citizen ${i}`, email: `c${i}@example.org` })),
    );
    expect(results.filter((r) => r.status === 201)).to.have.length(2); // perSlot: 2
    expect(results.filter((r) => r.status === 409).map((r) => r.body.error.code)).to.deep.equal(Array(4).fill('slot-taken'));
  });

  it('refuses a booking that is not a future slot, has no contact, or comes without a login', async () => {
    const cases: [Record<string, unknown>, number][] = [
      [{ officeId: 'anagrafe', startsAt: '2026-11-25T08:10:00Z', name: 'Mario Bianchi', phone: '055 123456' }, 400], // 09:10 is not a slot
      [{ officeId: 'anagrafe', startsAt: '2026-11-23T08:00:00Z', name: 'Mario Bianchi', phone: '055 123456' }, 400], // yesterday
      [{ officeId: 'anagrafe', startsAt: '2026-11-25T08:00:00Z', name: 'Mario Bianchi' }, 400], // no phone or e-mail
      [{ officeId: 'anagrafe', startsAt: '2026-11-25T08:00:00Z', name: 'Mario Bianchi', phone: 'call me' }, 400],
      [{ officeId: 'nowhere', startsAt: '2026-11-25T08:00:00Z', name: 'Mario Bianchi', phone: '055 123456' }, 404],
    ];
    for (const [body, status] of cases) expect((await book(body)).status, JSON.stringify(body)).to.equal(status);
    const anonymous = await hub.request('POST', '/api/appointments', cases[0]![0]);
    expect(anonymous.status).to.equal(401);
    expect((await slots('anagrafe', '2026-11-25')).slots.every((s) => s.free === 1)).to.equal(true);
  });

  it('checks in on the day with the code, once, and the desk calls the appointment ahead of walk-ins when it is due', async () => {
    const a = await booked({ officeId: 'anagrafe', startsAt: '2026-11-24T09:00:00Z', name: 'Anna Verdi', phone: '+39 333 9876543' }); // 10:00
    const walkIn = (await hub.issue({ serviceId: 'certs' })).body.ticket as TicketView;
    now += 60 * minute; // 09:30: early for a 10:00 appointment
    const first = await checkIn(a.code.toLowerCase(), { kioskId: 'info-point' });
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    const ticket = first.body.ticket as TicketView;
    expect(ticket).to.include({ serviceId: 'certs', appointment: true, status: 'waiting' });
    expect(first.body.appointment).to.include({ code: a.code, time: '10:00' });
    const again = await checkIn(a.code);
    expect(again.body.ticket.id, 'checking in twice gives the same ticket').to.equal(ticket.id);
    expect((await hub.request('GET', `/api/appointments/${a.code}`, undefined, clerk)).body.appointment).to.include({ status: 'checked-in', ticketId: ticket.id });

    await hub.hold('desk-1', clerk);
    const call = () => hub.request('POST', '/api/desks/desk-1/call-next', {}, clerk);
    const finish = () => hub.request('POST', '/api/desks/desk-1/finish', {}, clerk);
    expect((await call()).body.ticket.id, 'not yet due: the walk-in goes first').to.equal(walkIn.id);
    await finish();
    await hub.issue({ serviceId: 'certs' });
    now += 22 * minute; // 09:52, within the 10-minute window
    expect((await call()).body.ticket.id, 'due: ahead of the walk-in').to.equal(ticket.id);
  });

  it('a kiosk at its rate checking in again gets its ticket; a new check-in waits', async () => {
    hub.hub.ctx.kioskRate = new KioskRate(1, () => now);
    const a = await booked({ officeId: 'anagrafe', startsAt: '2026-11-24T08:40:00Z', name: 'Elena Rosa', phone: '3470001111' });
    const b = await booked({ officeId: 'anagrafe', startsAt: '2026-11-24T09:00:00Z', name: 'Anna Verdi', phone: '3470002222' });
    const first = await checkIn(a.code);
    expect(first.status).to.equal(201);
    const again = await checkIn(a.code);
    expect(again.status, JSON.stringify(again.body)).to.equal(201);
    expect(again.body.ticket.id).to.equal(first.body.ticket.id);
    const other = await checkIn(b.code);
    expect(other.status).to.equal(429);
    expect(other.body.error.retryAfterSeconds).to.equal(60);
  });

  it('checks in over the socket too, with the same answer shape', async () => {
    const a = await booked({ officeId: 'anagrafe', startsAt: '2026-11-24T08:40:00Z', name: 'Elena Rosa', phone: '3470001111' });
    const kiosk = await hub.socket(await hub.device('kiosk'));
    const answer = await ask<{ ticket: TicketView; print?: string; appointment: { code: string } }>(kiosk, 'appointment:check-in', [{ code: a.code, kioskId: 'info-point', requestId: 'tap-00000001' }]);
    expect(answer.ok && answer.data.ticket.appointment).to.equal(true);
    expect(answer.ok && answer.data.print).to.equal('no-printer');
    const bad = await ask(kiosk, 'appointment:check-in', [{ code: a.code, extra: 1 }]);
    expect(!bad.ok && bad.error.code).to.equal('validation-failed');
  });

  it('refuses a check-in with an unknown code, on another day, or too late', async () => {
    const tomorrow = await booked({ officeId: 'anagrafe', startsAt: '2026-11-25T08:00:00Z', name: 'Luca Neri', phone: '0551234567' });
    const today = await booked({ officeId: 'anagrafe', startsAt: '2026-11-24T08:00:00Z', name: 'Sara Blu', phone: '0557654321' }); // 09:00
    expect((await checkIn('KKKKKK')).body.error.code).to.equal('unknown-appointment');
    expect((await checkIn('not a code')).status).to.equal(400);
    const notToday = await checkIn(tomorrow.code);
    expect(notToday.status).to.equal(409);
    expect(notToday.body.error).to.include({ code: 'appointment-not-today' });
    expect(notToday.body.error.message).to.include('2026-11-25');
    now = Date.parse('2026-11-24T08:16:00Z'); // 09:16, 16 minutes late
    expect((await checkIn(today.code)).body.error.code).to.equal('appointment-missed');
    expect((await hub.read('/api/queue')).body.waiting).to.have.length(0);
  });

  it('prints the slip on the desk printer, with the code and the calendar QR', async () => {
    const a = await booked({ officeId: 'anagrafe', startsAt: '2026-11-25T09:40:00Z', name: 'Giulia Gialli', phone: '3331112222' });
    const res = await hub.request('POST', `/api/appointments/${a.code}/print`, { deskId: 'desk-1' }, clerk);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.print).to.include({ ok: true });
    const [slip] = await printer.waitForTickets(1, 5000);
    const text = slip!.text.join('\n');
    expect(text).to.include(a.code).and.include('ore 10:40').and.include('mercoledì 25 novembre 2026').and.not.include('Giulia');
    expect(slip!.qrCodes[0]).to.include('BEGIN:VEVENT').and.include(a.code);
    const noPrinter = await hub.request('POST', `/api/appointments/${a.code}/print`, { deskId: 'desk-2' }, clerk);
    expect(noPrinter.body.print).to.include({ ok: false, printer: 'none' });
  });

  it('forgets the citizen\'s name and contact after the retention period', async () => {
    const a = await booked({ officeId: 'anagrafe', startsAt: '2026-11-25T08:00:00Z', name: 'Paolo Viola', email: 'paolo@example.org' });
    now += 29 * 86_400_000;
    const { forgetExpiredContacts } = await import('../../server/privacy/retention.ts');
    expect(await forgetExpiredContacts(hub.hub.ctx)).to.deep.equal({ appointments: 0, callbacks: 0, notes: 0 });
    now += 3 * 86_400_000; // 31 days and a bit after the appointment
    expect((await forgetExpiredContacts(hub.hub.ctx)).appointments).to.equal(1);
    const manager = await hub.loginAs('manager1', 'manager'); // the clerk's session expired long ago
    const after = (await hub.request('GET', `/api/appointments/${a.code}`, undefined, manager)).body.appointment as AppointmentView;
    expect(after).to.include({ name: null, phone: null, email: null, officeId: 'anagrafe', code: a.code });
  });
});
