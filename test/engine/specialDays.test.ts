import { expect } from 'chai';
import { officeConfigSchema } from '../../protocol/office.ts';
import { createState } from '../../server/engine/index.ts';
import { hoursOfDay, openingIntervals } from '../../server/engine/calendar.ts';
import { slotsOfDay } from '../../server/appointments/slots.ts';
import { officeInfo } from '../../server/officeInfo.ts';
import { arrivalsOfDay, dailyCounts } from '../../server/simulation/arrivalPlan.ts';
import { Random } from '../../server/simulation/random.ts';
import { snapshot } from '../../server/views.ts';
import { testOffice } from '../helpers/office.ts';

const weekday = [{ open: '08:00', close: '12:30' }, { open: '14:30', close: '18:30' }];
const hours = { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday };
const registry = {
  id: 'anagrafe', name: { it: 'Ufficio anagrafe', en: 'Registry office' }, serviceId: 'certs', slotMinutes: 30,
  hours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday },
};
// Thursday 24 December 2026 opens 8–12 only; Monday 28 December is closed all day.
const office = testOffice({
  openingHours: hours,
  closedDates: ['2026-12-25'],
  specialDays: [
    { date: '2026-12-24', hours: [{ open: '08:00', close: '12:00' }], note: { it: 'Vigilia di Natale', en: 'Christmas Eve' } },
    { date: '2026-12-28', hours: [] },
  ],
  appointmentOffices: [registry],
});

describe('special days: hours of their own for one date', () => {
  it('hoursOfDay() gives a special day its own hours, a closed one none, and other days their weekday\'s', () => {
    expect(hoursOfDay(office, '2026-12-24')).to.deep.equal([{ open: '08:00', close: '12:00' }]);
    expect(hoursOfDay(office, '2026-12-28')).to.deep.equal([]);
    expect(hoursOfDay(office, '2026-12-25')).to.deep.equal([]);
    expect(hoursOfDay(office, '2026-12-23')).to.deep.equal(weekday);
    expect(openingIntervals(office, '2026-12-24')).to.deep.equal([{ from: Date.parse('2026-12-24T07:00:00Z'), to: Date.parse('2026-12-24T11:00:00Z') }]);
  });

  it('officeInfo() and the display snapshot close at 12:00 on the shortened day and skip the closed one', () => {
    const info = (iso: string) => officeInfo(createState(office, Date.parse(iso), undefined), Date.parse(iso), undefined);
    expect(info('2026-12-24T09:00:00Z')).to.include({ open: true, closesAt: '2026-12-24T11:00:00.000Z' });
    // After 12:00 on the 24th: the 25th is a closed date, 26–27 a weekend, the 28th a special closed day.
    expect(info('2026-12-24T11:30:00Z')).to.include({ open: false, nextOpeningAt: '2026-12-29T07:00:00.000Z' });
    const at = (iso: string) => snapshot(createState(office, Date.parse(iso), undefined), 0, Date.parse(iso));
    expect(at('2026-12-24T09:00:00Z')).to.include({ open: true, closesAt: '2026-12-24T11:00:00.000Z' });
    expect(at('2026-12-24T11:30:00Z')).to.include({ open: false, closesAt: null, opensAt: null });
  });

  it('slotsOfDay() offers only the slots that fit inside a special day\'s hours, none on a day closed all day', () => {
    const times = (day: string) => slotsOfDay(office, office.appointmentOffices[0]!, day).map((s) => s.time);
    expect(times('2026-12-23')).to.have.length(17);
    expect(times('2026-12-24')).to.deep.equal(['08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
    expect(times('2026-12-28')).to.deep.equal([]);
    const longer = testOffice({ ...office, specialDays: [{ date: '2026-12-24', hours: [{ open: '09:15', close: '20:00' }] }] });
    // Slots still come from the appointment office's own hours: none before 09:15, none at lunch, none after 18:30.
    expect(slotsOfDay(longer, office.appointmentOffices[0]!, '2026-12-24').map((s) => s.time)).to.deep.equal([
      '09:30', '10:00', '10:30', '11:00', '11:30', '12:00', '14:30', '15:00', '15:30', '16:00', '16:30', '17:00', '17:30', '18:00',
    ]);
  });

  it('the simulator plans no arrival on a special day closed all day, and none after 12:00 on a shortened one', () => {
    const plan = dailyCounts(office, '2026-12-21', '2026-12-31', [200], new Random(7, 'special'));
    expect(plan.map((d) => d.day)).to.deep.equal(['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24', '2026-12-29', '2026-12-30', '2026-12-31']);
    const eve = arrivalsOfDay(office, '2026-12-24', 60, new Random(7, 'eve'));
    expect(eve).to.have.length(60);
    for (const at of eve) expect(at).to.be.within(Date.parse('2026-12-24T07:00:00Z'), Date.parse('2026-12-24T11:00:00Z') - 1);
  });

  it('the schema refuses a date given twice, a date that is also a closed date, and overlapping intervals', () => {
    const base = { ...office, specialDays: [] };
    const problems = (specialDays: unknown, closedDates: string[] = []) => {
      const r = officeConfigSchema.safeParse({ ...base, closedDates, specialDays });
      return r.success ? [] : r.error.issues.map((i) => i.message);
    };
    expect(problems([{ date: '2026-12-24', hours: [] }, { date: '2026-12-24', hours: [] }])).to.deep.equal(['duplicate special day "2026-12-24"']);
    expect(problems([{ date: '2026-12-24', hours: [] }], ['2026-12-24'])).to.deep.equal(['2026-12-24 is also a closed date: keep it in one list']);
    expect(problems([{ date: '2026-12-24', hours: [{ open: '08:00', close: '12:00' }, { open: '11:00', close: '13:00' }] }])).to.deep.equal(['2026-12-24: intervals overlap']);
    expect(problems([{ date: '24/12/2026', hours: [] }])).to.have.length(1);
    expect(problems([{ date: '2026-12-24', hours: [{ open: '12:00', close: '08:00' }] }])).to.deep.equal(['open must be before close']);
    expect(problems([{ date: '2026-12-24', hours: [{ open: '08:00', close: '12:00' }] }])).to.deep.equal([]);
  });
});
