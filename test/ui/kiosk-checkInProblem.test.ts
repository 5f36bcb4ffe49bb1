import { expect } from 'chai';
import { checkInProblem, formatDay } from '../../kiosk/src/checkInProblem.ts';

describe('kiosk check-in problems', () => {
  it('maps each error code to what the citizen is told', () => {
    const key = (code: string) => checkInProblem({ code, message: 'x' } as never).key;
    expect(key('unknown-appointment')).to.equal('unknown');
    expect(key('appointment-missed')).to.equal('missed');
    expect(key('validation-failed')).to.equal('invalid');
    expect(key('office-closed')).to.equal('closed');
    expect(key('unreachable')).to.equal('unreachable');
    expect(key('internal')).to.equal('other');
  });

  it('reads the day and time of an appointment that is not today from the hub’s message, when it names them', () => {
    expect(checkInProblem({ code: 'appointment-not-today', message: 'The appointment K7P3QX is on 2026-11-24 at 10:30, not today.' }))
      .to.deep.equal({ key: 'notToday', date: '2026-11-24', time: '10:30' });
    expect(checkInProblem({ code: 'appointment-not-today', message: 'Not today.' }))
      .to.deep.equal({ key: 'notToday', date: null, time: null });
  });

  it('names the day in the citizen’s language', () => {
    expect(formatDay('2026-11-24', 'it')).to.equal('martedì 24 novembre');
    expect(formatDay('2026-11-24', 'en')).to.equal('Tuesday, November 24');
  });
});
