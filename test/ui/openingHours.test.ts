import { expect } from 'chai';
import { formatWhen, openingHoursRows } from '../../kiosk/src/openingHours.ts';

describe('kiosk opening hours text', () => {
  const scandicci = {
    mon: [{ open: '08:00', close: '18:30' }], tue: [{ open: '08:00', close: '18:30' }], wed: [{ open: '08:00', close: '18:30' }],
    thu: [{ open: '08:00', close: '18:30' }], fri: [{ open: '08:00', close: '18:30' }], sat: [{ open: '08:00', close: '12:45' }],
  };

  it('groups consecutive days with the same hours, closed days included', () => {
    expect(openingHoursRows(scandicci, 'it')).to.deep.equal([
      { days: 'lunedì – venerdì', hours: '08:00–18:30' },
      { days: 'sabato', hours: '08:00–12:45' },
      { days: 'domenica', hours: null },
    ]);
  });

  it('shows split days and English names', () => {
    const rows = openingHoursRows({ mon: [{ open: '08:30', close: '12:30' }, { open: '14:30', close: '17:00' }], tue: [{ open: '08:30', close: '12:30' }] }, 'en');
    expect(rows[0]).to.deep.equal({ days: 'Monday', hours: '08:30–12:30, 14:30–17:00' });
    expect(rows[1]).to.deep.equal({ days: 'Tuesday', hours: '08:30–12:30' });
    expect(rows[2]).to.deep.equal({ days: 'Wednesday – Sunday', hours: null });
  });

  it('says when the office reopens in its own time zone', () => {
    // 07:00 UTC on Monday 30 March 2026 is 09:00 in Rome (summer time).
    expect(formatWhen('2026-03-30T07:00:00.000Z', 'it', 'Europe/Rome')).to.equal('lunedì 30 marzo alle 09:00');
    expect(formatWhen('2026-03-30T07:00:00.000Z', 'en', 'Europe/Rome')).to.equal('Monday, March 30 at 09:00');
  });
});
