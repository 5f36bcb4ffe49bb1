import { expect } from 'chai';
import { createFormat } from '../../counter/src/format.ts';

describe('counter format helper', () => {
  it('shows times in the office\'s time zone, whatever the PC\'s', () => {
    const rome = createFormat('it', 'Europe/Rome');
    const tokyo = createFormat('it', 'Asia/Tokyo');
    expect(rome.time('2026-11-24T08:05:00Z')).to.equal('09:05');
    expect(tokyo.time('2026-11-24T08:05:00Z')).to.equal('17:05');
    expect(rome.dayOf('2026-11-24T23:30:00Z')).to.equal('2026-11-25');
    expect(createFormat('en', 'Europe/Rome').time('2026-11-24T13:05:00Z')).to.equal('14:05');
  });

  it('writes numbers with the screen language\'s decimal mark and durations as "8 h 03"', () => {
    const it = createFormat('it', 'Europe/Rome');
    const en = createFormat('en', 'Europe/Rome');
    expect(it.minutes(0.1)).to.equal('0,1 min');
    expect(en.minutes(0.1)).to.equal('0.1 min');
    expect(it.minutes(42)).to.equal('42 min');
    expect(it.minutes(483)).to.equal('8 h 03');
    expect(it.minutes(60)).to.equal('1 h 00');
    expect(it.number(1234.56)).to.equal('1234,6');
    expect(it.day('2026-11-24')).to.equal('martedì 24 novembre');
  });
});
