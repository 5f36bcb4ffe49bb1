import { expect } from 'chai';
import { waitVerdict } from '../../kiosk/src/callbackOffer.ts';

describe('kiosk call-back offer: does the wait run past closing time?', () => {
  // 17:00 in Rome (winter time) on Monday 23 November 2026; the office closes at 18:30.
  const now = Date.parse('2026-11-23T16:00:00.000Z');
  const closesAt = '2026-11-23T17:30:00.000Z';
  const facts = { officeOpen: true, closesAt, now };

  it('offers nothing while the estimate ends before closing time', () => {
    expect(waitVerdict({ ...facts, estimatedWaitMinutes: 0 })).to.deep.equal({ kind: 'fits' });
    expect(waitVerdict({ ...facts, estimatedWaitMinutes: 89 })).to.deep.equal({ kind: 'fits' });
  });

  it('ending exactly at closing time still fits; a minute later does not', () => {
    expect(waitVerdict({ ...facts, estimatedWaitMinutes: 90 })).to.deep.equal({ kind: 'fits' });
    expect(waitVerdict({ ...facts, estimatedWaitMinutes: 91 })).to.deep.equal({ kind: 'past-closing', minutes: 91, closesAt });
  });

  it('offers a call-back when no desk is open for the service (no estimate) while the office is open', () => {
    expect(waitVerdict({ ...facts, estimatedWaitMinutes: null })).to.deep.equal({ kind: 'no-desk' });
  });

  it('offers nothing when the office is closed (the kiosk says so instead)', () => {
    expect(waitVerdict({ officeOpen: false, closesAt: null, now, estimatedWaitMinutes: null })).to.deep.equal({ kind: 'fits' });
    expect(waitVerdict({ officeOpen: false, closesAt, now, estimatedWaitMinutes: 500 })).to.deep.equal({ kind: 'fits' });
  });

  it('without a known closing time only a missing estimate makes an offer', () => {
    expect(waitVerdict({ ...facts, closesAt: null, estimatedWaitMinutes: 600 })).to.deep.equal({ kind: 'fits' });
    expect(waitVerdict({ ...facts, closesAt: null, estimatedWaitMinutes: null })).to.deep.equal({ kind: 'no-desk' });
  });
});
