import { expect } from 'chai';
import { createTapGuard, tapQuietMs } from '../../kiosk/src/tapGuard.ts';

describe('kiosk tap guard', () => {
  it('ignores taps for about 400 ms after every screen change, then takes them', () => {
    let now = 1000;
    const guard = createTapGuard(tapQuietMs, () => now);
    expect(tapQuietMs).to.be.within(300, 500);
    expect(guard.accepts(), 'before any change').to.equal(true);
    guard.screenChanged();
    now += 120; // the second tap of a double tap
    expect(guard.accepts()).to.equal(false);
    now += tapQuietMs - 120;
    expect(guard.accepts()).to.equal(true);
    guard.screenChanged();
    now += 1;
    expect(guard.accepts(), 'again after the next change').to.equal(false);
  });
});
