import { expect } from 'chai';
import { VirtualPrinter } from '../../printer/virtual/index.ts';
import type { AppointmentListView, AppointmentView, SlotsView } from '../../protocol/appointments.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';

const morning = [{ open: '09:00', close: '12:00' }];
const everyMorning = { mon: morning, tue: morning, wed: morning, thu: morning, fri: morning, sat: morning, sun: morning };
const minute = 60_000;

describe('appointment management at the desks', () => {
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
        appointmentOffices: [
          { id: 'anagrafe', name: { it: 'Ufficio anagrafe', en: 'Registry office' }, serviceId: 'certs', slotMinutes: 20, hours: everyMorning },
          { id: 'tributi', name: { it: 'Ufficio tributi', en: 'Taxes office' }, serviceId: 'info', slotMinutes: 30, hours: everyMorning },
        ],
        desks: [
          { id: 'desk-1', name: 'Sportello 1', kind: 'front', services: ['certs', 'idcard', 'info'], printer: printer.url },
          { id: 'desk-2', name: 'Sportello 2', kind: 'front', services: ['certs', 'idcard', 'info'] },
        ],
      }),
    });
    clerk = await hub.loginAs('clerk1', 'clerk');
    await hub.holdAll(); // a desk calls only while a clerk holds it
  });

  afterEach(async () => {
    await hub.close();
    await printer.close();
  });

  const booked = async (startsAt: string, name = 'Maria Rossi', officeId = 'anagrafe') => {
    // No fromTicketId: booked for a phone caller, with no ticket at the desk.
    const res = await hub.request('POST', '/api/appointments', { officeId, startsAt, name, phone: '333 123 4567', deskId: 'desk-2' }, clerk);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.appointment as AppointmentView;
  };
  const list = async (query = '') => {
    const res = await hub.request('GET', `/api/appointments${query}`, undefined, clerk);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body as AppointmentListView;
  };
  const cancel = (code: string, body: unknown) => hub.request('POST', `/api/appointments/${code}/cancel`, body, clerk);
  const reschedule = (code: string, body: unknown) => hub.request('POST', `/api/appointments/${code}/reschedule`, body, clerk);
  const freeAt = async (date: string, _time: string) => (await hub.request('GET', `/api/appointments/slots?officeId=anagrafe&date=${date}`, undefined, clerk)).body as SlotsView;

  it('books without a ticket and lists the office day, today by default, with each appointment\'s state', async () => {
    const early = await booked('2026-11-24T08:00:00Z', 'Anna Verdi'); // 09:00 today
    const late = await booked('2026-11-24T10:00:00Z', 'Luca Neri'); // 11:00 today
    const taxes = await booked('2026-11-24T09:00:00Z', 'Sara Blu', 'tributi'); // 10:00 today
    await booked('2026-11-25T08:00:00Z', 'Paolo Viola'); // tomorrow
    expect(early).to.include({ status: 'booked', ticketId: null });

    const today = await list();
    expect(today).to.include({ date: '2026-11-24', timeZone: 'Europe/Rome' });
    expect(today.appointments.map((a) => [a.time, a.name, a.status])).to.deep.equal([
      ['09:00', 'Anna Verdi', 'booked'], ['10:00', 'Sara Blu', 'booked'], ['11:00', 'Luca Neri', 'booked'],
    ]);
    expect((await list('?officeId=tributi')).appointments.map((a) => a.code)).to.deep.equal([taxes.code]);
    expect((await list('?date=2026-11-25')).appointments.map((a) => a.name)).to.deep.equal(['Paolo Viola']);

    // 09:10: Anna checks in; the desk calls her, serves her. Luca never comes.
    now = Date.parse('2026-11-24T08:10:00Z');
    const checkIn = await hub.request('POST', '/api/appointments/check-in', { code: early.code }, await hub.device('kiosk'));
    expect(checkIn.status, JSON.stringify(checkIn.body)).to.equal(201);
    const stateOf = async (code: string) => (await list()).appointments.find((a) => a.code === code)!.status;
    expect(await stateOf(early.code)).to.equal('checked-in');
    expect((await hub.request('POST', '/api/desks/desk-1/call-next', {}, clerk)).body.ticket.id).to.equal(checkIn.body.ticket.id);
    expect(await stateOf(early.code)).to.equal('called');
    await hub.request('POST', '/api/desks/desk-1/finish', {}, clerk);
    expect(await stateOf(early.code)).to.equal('served');
    now = Date.parse('2026-11-24T10:16:00Z'); // 11:16, past the 15 minutes allowed
    expect(await stateOf(late.code)).to.equal('no-show');
  });

  it('cancels with a reason, prints the note at the desk, frees the slot and stops the code', async () => {
    const a = await booked('2026-11-25T08:20:00Z');
    const other = await booked('2026-11-25T09:00:00Z');
    expect((await freeAt('2026-11-25', '09:20')).slots[1]!.free).to.equal(0);
    const res = await cancel(a.code, { reason: 'Il cittadino ha telefonato', deskId: 'desk-1' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.appointment).to.include({ status: 'cancelled', cancelReason: 'Il cittadino ha telefonato', cancelledBy: 'clerk1' });
    expect(res.body.print).to.include({ ok: true });
    const [note] = await printer.waitForTickets(1, 5000);
    expect(note!.text.join('\n')).to.include('APPUNTAMENTO ANNULLATO').and.include('Il cittadino ha telefonato').and.include(a.code);
    expect(note!.qrCodes, 'no calendar QR on a cancellation').to.have.length(0);
    expect((await freeAt('2026-11-25', '09:20')).slots[1]!.free, 'the place is free again').to.equal(1);
    expect((await list('?date=2026-11-25')).appointments.map((x) => x.status), 'still listed').to.deep.equal(['cancelled', 'booked']);

    const twice = await cancel(a.code, { reason: 'Di nuovo', deskId: 'desk-1' });
    expect(twice.status).to.equal(409);
    expect(twice.body.error.code).to.equal('wrong-state');
    const noPrinter = await cancel(other.code, { reason: 'Rinuncia', deskId: 'desk-2' });
    expect(noPrinter.body.print).to.include({ ok: false, printer: 'none' });
    now = Date.parse('2026-11-25T08:00:00Z');
    const checkIn = await hub.request('POST', '/api/appointments/check-in', { code: a.code }, await hub.device('kiosk'));
    expect(checkIn.status).to.equal(409);
    expect(checkIn.body.error.code).to.equal('appointment-cancelled');
  });

  it('reschedules to a free future slot, and refuses a full one, a past one or a time that is no slot', async () => {
    const a = await booked('2026-11-25T08:00:00Z', 'Anna Verdi'); // 09:00 tomorrow
    const b = await booked('2026-11-25T08:20:00Z', 'Luca Neri'); // 09:20 tomorrow
    const refusals: [unknown, number, string][] = [
      [{ startsAt: '2026-11-25T08:20:00Z', deskId: 'desk-1' }, 409, 'slot-taken'], // Luca's place
      [{ startsAt: '2026-11-24T07:00:00Z', deskId: 'desk-1' }, 400, 'validation-failed'], // 08:00 today: not a slot
      [{ startsAt: '2026-11-24T08:00:00Z', deskId: 'desk-1' }, 400, 'validation-failed'], // 09:00 today, in the past at 09:30
      [{ startsAt: '2026-11-25T08:10:00Z', deskId: 'desk-1' }, 400, 'validation-failed'], // 09:10 is not a slot
      [{ startsAt: '2026-11-25T08:00:00Z', deskId: 'desk-1' }, 400, 'validation-failed'], // where it already is
      [{ startsAt: '2026-11-25T08:40:00Z', deskId: 'nowhere' }, 404, 'unknown-desk'],
      [{ startsAt: 'tomorrow', deskId: 'desk-1' }, 400, 'validation-failed'],
      [{ startsAt: '2026-11-25T08:40:00Z' }, 400, 'validation-failed'],
      [[], 400, 'validation-failed'],
    ];
    now = Date.parse('2026-11-24T08:30:00Z'); // 09:30 today: 09:00 today is in the past
    for (const [body, status, code] of refusals) {
      const res = await reschedule(a.code, body);
      expect([res.status, res.body.error?.code], JSON.stringify(body)).to.deep.equal([status, code]);
    }
    expect((await list('?date=2026-11-25')).appointments.map((x) => [x.time, x.name])).to.deep.equal([['09:00', 'Anna Verdi'], ['09:20', 'Luca Neri']]);

    const moved = await reschedule(a.code, { startsAt: '2026-11-26T09:40:00Z', deskId: 'desk-1' }); // 10:40 on the 26th
    expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
    expect(moved.body.appointment).to.include({ code: a.code, date: '2026-11-26', time: '10:40', status: 'booked', rescheduledFrom: '2026-11-25T08:00:00.000Z' });
    expect((await freeAt('2026-11-25', '09:00')).slots[0]!.free, 'the old place is free').to.equal(1);
    expect((await hub.request('GET', '/api/appointments/slots?officeId=anagrafe&date=2026-11-26', undefined, clerk)).body.slots.find((s: { time: string }) => s.time === '10:40').free).to.equal(0);
    const reprint = await hub.request('POST', `/api/appointments/${a.code}/print`, { deskId: 'desk-1' }, clerk);
    expect(reprint.body.print).to.include({ ok: true });
    const [slip] = await printer.waitForTickets(1, 5000);
    expect(slip!.text.join('\n')).to.include('ore 10:40').and.include('giovedì 26 novembre 2026');
    expect(b.status).to.equal('booked');
  });

  it('refuses to cancel or move an appointment already checked in, and bad input changes nothing', async () => {
    const a = await booked('2026-11-24T08:00:00Z'); // 09:00 today
    now += 20 * minute;
    await hub.request('POST', '/api/appointments/check-in', { code: a.code }, await hub.device('kiosk'));
    expect((await cancel(a.code, { reason: 'Per errore', deskId: 'desk-1' })).body.error.code).to.equal('wrong-state');
    expect((await reschedule(a.code, { startsAt: '2026-11-25T08:00:00Z', deskId: 'desk-1' })).body.error.code).to.equal('wrong-state');
    const b = await booked('2026-11-25T08:00:00Z');
    const bad: [string, unknown, number][] = [
      [b.code, { reason: 'x', deskId: 'desk-1' }, 400], // too short a reason
      [b.code, { deskId: 'desk-1' }, 400],
      [b.code, { reason: 'Rinuncia', deskId: 'desk-1', extra: 1 }, 400],
      [b.code, 'Rinuncia', 400],
      ['not-a-code', { reason: 'Rinuncia', deskId: 'desk-1' }, 400],
      ['KKKKKK', { reason: 'Rinuncia', deskId: 'desk-1' }, 404],
    ];
    for (const [code, body, status] of bad) expect((await cancel(code, body)).status, JSON.stringify(body)).to.equal(status);
    expect((await hub.request('GET', '/api/appointments?date=24-11-2026', undefined, clerk)).status).to.equal(400);
    expect((await hub.request('GET', '/api/appointments?officeId=nowhere', undefined, clerk)).status).to.equal(404);
    expect((await hub.request('GET', '/api/appointments?x=1', undefined, clerk)).status).to.equal(400);
    expect((await hub.request('GET', '/api/appointments')).status, 'staff only').to.equal(401);
    expect((await hub.request('POST', `/api/appointments/${b.code}/cancel`, { reason: 'Rinuncia', deskId: 'desk-1' }, await hub.device('kiosk'))).status).to.equal(403);
    expect((await list('?date=2026-11-25')).appointments.map((x) => x.status)).to.deep.equal(['booked']);
  });

  it('forgets the cancellation reason with the contact data after the retention period', async () => {
    const a = await booked('2026-11-25T08:00:00Z');
    await cancel(a.code, { reason: 'Ha telefonato la figlia', deskId: 'desk-2' });
    now += 32 * 86_400_000;
    const { forgetExpiredContacts } = await import('../../server/privacy/retention.ts');
    expect((await forgetExpiredContacts(hub.hub.ctx)).appointments).to.equal(1);
    const row = await hub.hub.ctx.appointments.find(a.code);
    expect(row).to.include({ name: null, phone: null, cancel_reason: null, cancelled_by: 'clerk1' });
  });
});
