import { expect } from 'chai';
import { effectScope } from 'vue';
import type { AppointmentOfficeView, AppointmentView, SlotView } from '../../protocol/appointments.ts';
import { useBooking } from '../../counter/src/composables/useBooking.ts';
import { fail, fakeApi, ok } from './counter-fixtures.ts';

const offices: AppointmentOfficeView[] = [
  { id: 'tributi', name: { it: 'Ufficio tributi', en: 'Taxes office' }, serviceId: 'info', slotMinutes: 30 },
  { id: 'anagrafe', name: { it: 'Ufficio anagrafe', en: 'Registry office' }, serviceId: 'certs', slotMinutes: 20 },
];
const slot = (date: string, time: string, free: number): SlotView => ({ startsAt: `${date}T${time}:00.000Z`, time, free });
const appointment = (startsAt: string): AppointmentView => ({
  code: 'K7P3QX', officeId: 'anagrafe', officeName: offices[1]!.name, startsAt, date: startsAt.slice(0, 10), time: startsAt.slice(11, 16),
  name: 'Maria Rossi', phone: '333 1234567', email: null, status: 'booked', ticketId: null, createdAt: startsAt, calendar: 'BEGIN:VEVENT',
});

/** Slots per day: today is full, tomorrow has one free slot, the day after is closed. */
function hub() {
  const days: Record<string, SlotView[]> = {
    '2026-11-23': [slot('2026-11-23', '09:00', 0)],
    '2026-11-24': [slot('2026-11-24', '09:00', 0), slot('2026-11-24', '09:20', 1)],
  };
  let taken = false;
  const fake = fakeApi({
    'GET /api/appointments/offices': () => ok({ offices }),
    'GET /api/appointments/slots*': (_b, path) => {
      const date = new URL(path, 'http://x').searchParams.get('date')!;
      return ok({ officeId: 'anagrafe', date, slots: days[date] ?? [] });
    },
    'POST /api/appointments': (body) => {
      const { startsAt } = body as { startsAt: string };
      if (taken) return fail('slot-taken');
      return ok({ appointment: appointment(startsAt) });
    },
    'POST /api/appointments/K7P3QX/print': () => ok({ print: { ok: false, printer: 'none', message: 'This desk has no printer.' } }),
  });
  return { ...fake, days, takeAll: () => (taken = true) };
}

function booking(h: ReturnType<typeof hub>) {
  const scope = effectScope();
  return scope.run(() => useBooking({ api: h.api, deskId: 'desk-1', ticketId: 12, serviceId: 'certs', today: '2026-11-23' }))!;
}

describe('counter appointment booking', () => {
  it('starts on the office of the ticket’s service and on the first day with a free slot', async () => {
    const h = hub();
    const b = booking(h);
    await b.start();
    expect(b.form.officeId).to.equal('anagrafe');
    expect(b.date.value).to.equal('2026-11-24');
    expect(b.slots.value.map((s) => [s.time, s.free])).to.deep.equal([['09:00', 0], ['09:20', 1]]);
    expect(b.canGoBack.value).to.equal(true);
    b.shiftDay(-1);
    await new Promise((r) => setTimeout(r, 0));
    expect(b.date.value).to.equal('2026-11-23');
    expect(b.canGoBack.value).to.equal(false);
  });

  it('does not send a form without a slot or a contact, and books a complete one from the ticket and desk', async () => {
    const h = hub();
    const b = booking(h);
    await b.start();
    b.form.name = 'Maria Rossi';
    expect(await b.book()).to.equal(null);
    expect(Object.keys(b.problems.value)).to.have.members(['slot', 'contact']);
    expect(h.calls.filter((c) => c.method === 'POST')).to.deep.equal([]);

    b.form.startsAt = '2026-11-24T09:20:00.000Z';
    b.form.phone = '333 1234567';
    const booked = await b.book();
    expect(booked?.code).to.equal('K7P3QX');
    expect(h.calls.find((c) => c.method === 'POST')!.body).to.deep.equal({
      officeId: 'anagrafe', startsAt: '2026-11-24T09:20:00.000Z', name: 'Maria Rossi', phone: '333 1234567', fromTicketId: 12, deskId: 'desk-1',
    });
    await b.print();
    expect(b.printed.value).to.deep.include({ ok: false, message: 'This desk has no printer.' });
  });

  it('a slot taken meanwhile says so and shows the day’s slots again, without the lost choice', async () => {
    const h = hub();
    const b = booking(h);
    await b.start();
    Object.assign(b.form, { startsAt: '2026-11-24T09:20:00.000Z', name: 'Maria Rossi', email: 'maria@example.org' });
    h.takeAll();
    h.days['2026-11-24'] = [slot('2026-11-24', '09:00', 0), slot('2026-11-24', '09:20', 0)];
    expect(await b.book()).to.equal(null);
    await new Promise((r) => setTimeout(r, 0));
    expect(b.error.value?.code, 'still said once the slots are back').to.equal('slot-taken');
    expect(b.slots.value.every((s) => s.free === 0)).to.equal(true);
    expect(b.form.startsAt).to.equal(null);
  });
});
