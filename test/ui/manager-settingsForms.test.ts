import { expect } from 'chai';
import {
  appointmentOfficeProblems, appointmentOfficesWith, appointmentOfficeToForm, newAppointmentOfficeForm,
} from '../../manager/src/forms/appointmentOffices.ts';
import { hoursProblems, hoursToForm } from '../../manager/src/forms/hours.ts';
import { newSpecialDayForm, specialDayProblems, specialDaysWith, specialDayToForm, splitByToday } from '../../manager/src/forms/specialDays.ts';

describe('manager forms: special days', () => {
  const office = { specialDays: [{ date: '2026-12-24', hours: [{ open: '08:00', close: '12:00' }] }], closedDates: ['2026-12-25'] };

  it('names a missing date, one already special, one already a closing day, bad or overlapping intervals, and no hours without "closed"', () => {
    const problems = (change: object) => specialDayProblems({ ...newSpecialDayForm(), ...change }, office);
    expect(problems({})).to.deep.equal(['specialDays.invalid.date']);
    expect(problems({ date: '2026-02-30' })).to.deep.equal(['specialDays.invalid.date']);
    expect(problems({ date: '2026-12-24' })).to.deep.equal(['specialDays.invalid.dateTaken']);
    expect(problems({ date: '2026-12-25' })).to.deep.equal(['specialDays.invalid.closedDate']);
    expect(problems({ date: '2026-12-31', hours: [{ open: '12:00', close: '08:00' }] })).to.deep.equal(['specialDays.invalid.interval']);
    expect(problems({ date: '2026-12-31', hours: [{ open: '08:00', close: '12:00' }, { open: '11:00', close: '13:00' }] })).to.deep.equal(['specialDays.invalid.overlap']);
    expect(problems({ date: '2026-12-31', hours: [] })).to.deep.equal(['specialDays.invalid.noHours']);
    expect(problems({ date: '2026-12-31', hours: [], closed: true })).to.deep.equal([]);
    // Editing a day keeps its own date.
    expect(specialDayProblems(specialDayToForm(office.specialDays[0]!), office)).to.deep.equal([]);
  });

  it('saves by date, closed all day as no hours, a note in one language in both, and folds the past away', () => {
    const form = { ...newSpecialDayForm(), date: '2026-12-07', closed: true, noteIt: 'Sant’Ambrogio' };
    expect(specialDaysWith(office.specialDays, form)).to.deep.equal([
      { date: '2026-12-07', hours: [], note: { it: 'Sant’Ambrogio', en: 'Sant’Ambrogio' } },
      { date: '2026-12-24', hours: [{ open: '08:00', close: '12:00' }] },
    ]);
    const moved = { ...specialDayToForm(office.specialDays[0]!), date: '2026-12-31', hours: [{ open: '14:00', close: '16:00' }, { open: '08:00', close: '12:00' }] };
    expect(specialDaysWith(office.specialDays, moved)).to.deep.equal([{ date: '2026-12-31', hours: [{ open: '08:00', close: '12:00' }, { open: '14:00', close: '16:00' }] }]);
    const split = splitByToday([{ date: '2026-12-24', hours: [] }, { date: '2025-12-24', hours: [] }, { date: '2026-12-04', hours: [] }, { date: '2024-12-24', hours: [] }], '2026-12-04');
    expect(split.upcoming.map((d) => d.date)).to.deep.equal(['2026-12-04', '2026-12-24']);
    expect(split.past.map((d) => d.date)).to.deep.equal(['2025-12-24', '2024-12-24']);
  });
});

describe('manager forms: closing days against special days', () => {
  it('Orari names a closing day that is already a special day', () => {
    const form = hoursToForm({ openingHours: {}, closedDates: ['2026-12-24', '2026-12-25'] });
    expect(hoursProblems(form, ['2026-12-24', '2026-12-31'])).to.deep.equal([{ key: 'hours.invalid.special', date: '2026-12-24' }]);
    expect(hoursProblems(form)).to.deep.equal([]);
  });
});

describe('manager forms: appointment offices', () => {
  const registry = { id: 'anagrafe', name: { it: 'Anagrafe', en: 'Registry' }, serviceId: 'certs', slotMinutes: 20, perSlot: 1, hours: { tue: [{ open: '09:00', close: '12:30' }] } };

  it('names a bad or taken id, missing names, an unknown service, slot figures out of range and a wrong interval with its weekday', () => {
    const problems = (change: object) => appointmentOfficeProblems({ ...newAppointmentOfficeForm('certs'), id: 'tributi', nameIt: 'Tributi', nameEn: 'Taxes', ...change }, [registry], ['certs', 'info']);
    expect(problems({})).to.deep.equal([]);
    expect(problems({ id: 'Tributi!' })).to.deep.equal([{ key: 'appointmentOffices.invalid.id' }]);
    expect(problems({ id: 'anagrafe' })).to.deep.equal([{ key: 'appointmentOffices.invalid.idTaken' }]);
    expect(problems({ nameIt: ' ', nameEn: '' })).to.deep.equal([{ key: 'appointmentOffices.invalid.nameIt' }, { key: 'appointmentOffices.invalid.nameEn' }]);
    expect(problems({ serviceId: 'passports' })).to.deep.equal([{ key: 'appointmentOffices.invalid.service' }]);
    expect(problems({ slotMinutes: 3, perSlot: '' })).to.deep.equal([{ key: 'appointmentOffices.invalid.slotMinutes' }, { key: 'appointmentOffices.invalid.perSlot' }]);
    const days = { ...newAppointmentOfficeForm('certs').days, thu: [{ open: '14:00', close: '9:00' }] };
    expect(problems({ days })).to.deep.equal([{ key: 'hours.invalid.interval', day: 'thu' }]);
  });

  it('replaces an edited office in place and adds a new one at the end, closed weekdays left out', () => {
    const edited = { ...appointmentOfficeToForm(registry), perSlot: 2 };
    expect(appointmentOfficesWith([registry], edited)).to.deep.equal([{ ...registry, perSlot: 2 }]);
    const added = appointmentOfficesWith([registry], { ...newAppointmentOfficeForm('info'), id: 'tributi', nameIt: 'Tributi', nameEn: 'Taxes' });
    expect(added[1]).to.deep.equal({ id: 'tributi', name: { it: 'Tributi', en: 'Taxes' }, serviceId: 'info', slotMinutes: 20, perSlot: 1, hours: { tue: [{ open: '09:00', close: '12:30' }] } });
  });
});
