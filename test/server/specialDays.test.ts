import { expect } from 'chai';
import type { AppointmentView, SlotsView } from '../../protocol/appointments.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';

const weekday = [{ open: '08:00', close: '12:30' }, { open: '14:30', close: '18:30' }];
const hours = { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday };
const registry = { id: 'anagrafe', name: { it: 'Ufficio anagrafe', en: 'Registry office' }, serviceId: 'certs', slotMinutes: 30, hours };
const christmasEve = { date: '2026-12-24', hours: [{ open: '08:00', close: '12:00' }], note: { it: 'Vigilia di Natale', en: 'Christmas Eve' } };
const minute = 60_000;

describe('special days over REST: a shortened day applied live', () => {
  // Thursday 24 December 2026, 10:30 in Rome (UTC+1).
  let now: number;
  let hub: TestHub;
  let admin: string;

  beforeEach(async () => {
    now = Date.parse('2026-12-24T09:30:00Z');
    hub = await startTestHub({ clock: () => now, office: testOffice({ openingHours: hours, appointmentOffices: [registry] }) });
    admin = await hub.login();
  });
  afterEach(() => hub.close());

  const patch = (body: unknown) => hub.request('PATCH', '/api/admin/office', body, admin);

  it('the kiosk issues before 12:00 on a special day and is refused after, and /api/office says when it closes', async () => {
    expect((await patch({ specialDays: [christmasEve] })).status).to.equal(200);
    expect((await hub.read('/api/office')).body).to.include({ open: true, closesAt: '2026-12-24T11:00:00.000Z' });
    expect((await hub.issue({ serviceId: 'certs' })).status).to.equal(201);

    now = Date.parse('2026-12-24T11:05:00Z'); // 12:05, when a normal Thursday is still open until 12:30
    const refused = await hub.issue({ serviceId: 'certs' });
    expect(refused.status, JSON.stringify(refused.body)).to.equal(409);
    expect(refused.body.error.code).to.equal('office-closed');
    expect((await hub.read('/api/office')).body).to.include({ open: false, closesAt: null, nextOpeningAt: '2026-12-25T07:00:00.000Z' });
  });

  it('the same hour on a normal Thursday still issues: the special day is what closes the kiosk', async () => {
    now = Date.parse('2026-12-24T11:05:00Z');
    expect((await hub.issue({ serviceId: 'certs' })).status).to.equal(201);
    expect((await patch({ specialDays: [christmasEve] })).status).to.equal(200);
    expect((await hub.issue({ serviceId: 'certs' })).body.error.code).to.equal('office-closed');
    expect((await patch({ specialDays: [] })).status).to.equal(200);
    expect((await hub.issue({ serviceId: 'certs' })).status).to.equal(201);
  });

  it('offers the desk no appointment slot outside the shortened day', async () => {
    expect((await patch({ specialDays: [{ ...christmasEve, date: '2026-12-31' }] })).status).to.equal(200);
    const clerk = await hub.loginAs('clerk1', 'clerk');
    const res = await hub.request('GET', '/api/appointments/slots?officeId=anagrafe&date=2026-12-31', undefined, clerk);
    expect((res.body as SlotsView).slots.map((s) => s.time)).to.deep.equal(['08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
  });

  it('refuses a special day given twice or also among the closed dates, with a clear error and no change', async () => {
    for (const [body, expected] of [
      [{ specialDays: [christmasEve, { date: '2026-12-24', hours: [] }] }, /duplicate special day "2026-12-24"/],
      [{ specialDays: [christmasEve], closedDates: ['2026-12-24'] }, /2026-12-24 is also a closed date/],
      [{ specialDays: [{ date: '2026-12-24', hours: [{ open: '13:00', close: '12:00' }] }] }, /open must be before close/],
    ] as const) {
      const res = await patch(body);
      expect(res.status).to.equal(400);
      expect(res.body.error.message).to.match(expected);
    }
    const office = (await hub.request('GET', '/api/admin/office', undefined, admin)).body;
    expect(office.specialDays).to.deep.equal([]);
    expect(office.closedDates).to.deep.equal([]);
  });
});

describe('removing an appointment office', () => {
  let now: number;
  let hub: TestHub;
  let admin: string;

  beforeEach(async () => {
    now = Date.parse('2026-12-22T07:30:00Z'); // Tuesday 08:30 in Rome
    hub = await startTestHub({ clock: () => now, office: testOffice({ openingHours: hours, appointmentOffices: [registry] }) });
    admin = await hub.login();
  });
  afterEach(() => hub.close());

  it('is refused while it has booked appointments to come, and allowed once they are past', async () => {
    const clerk = await hub.loginAs('clerk1', 'clerk');
    const booked = await hub.request('POST', '/api/appointments', { officeId: 'anagrafe', startsAt: '2026-12-23T09:00:00.000Z', name: 'Maria Rossi', phone: '055 123456' }, clerk);
    expect(booked.status, JSON.stringify(booked.body)).to.equal(201);
    expect((booked.body.appointment as AppointmentView).officeId).to.equal('anagrafe');

    const refused = await hub.request('PATCH', '/api/admin/office', { appointmentOffices: [] }, admin);
    expect(refused.status).to.equal(409);
    expect(refused.body.error).to.deep.equal({
      code: 'in-use',
      message: 'The appointment office "anagrafe" still has 1 booked appointment to come; cancel or move them before removing it.',
    });
    expect((await hub.request('GET', '/api/admin/office', undefined, admin)).body.appointmentOffices).to.have.length(1);

    now = Date.parse('2026-12-23T09:00:00Z') + 16 * minute; // past its check-in grace (15 minutes)
    admin = await hub.login(); // a new day, a new session
    const removed = await hub.request('PATCH', '/api/admin/office', { appointmentOffices: [] }, admin);
    expect(removed.status, JSON.stringify(removed.body)).to.equal(200);
    expect(removed.body.office.appointmentOffices).to.deep.equal([]);
  });
});
