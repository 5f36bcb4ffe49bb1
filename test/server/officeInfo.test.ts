import { expect } from 'chai';
import { createState } from '../../server/engine/index.ts';
import { officeInfo } from '../../server/officeInfo.ts';
import { snapshot } from '../../server/views.ts';
import { testOffice } from '../helpers/office.ts';

describe('officeInfo(): when the office is open, closes and opens again', () => {
  const office = testOffice({
    openingHours: { mon: [{ open: '08:00', close: '12:30' }, { open: '14:30', close: '18:30' }], sat: [{ open: '08:00', close: '12:45' }] },
    closedDates: ['2026-12-07'],
  });
  const info = (iso: string) => officeInfo(createState(office, Date.parse(iso), undefined), Date.parse(iso), undefined);

  it('open now: closes at the end of the current interval', () => {
    expect(info('2026-11-23T09:00:00Z')).to.include({ open: true, closesAt: '2026-11-23T11:30:00.000Z', nextOpeningAt: null });
  });

  it('at lunch: opens again in the afternoon', () => {
    expect(info('2026-11-23T12:00:00Z')).to.include({ open: false, closesAt: null, nextOpeningAt: '2026-11-23T13:30:00.000Z' });
  });

  it('on Sunday: opens on Monday morning; a closed Monday is skipped to Saturday', () => {
    expect(info('2026-11-22T10:00:00Z').nextOpeningAt).to.equal('2026-11-23T07:00:00.000Z');
    expect(info('2026-12-06T10:00:00Z').nextOpeningAt).to.equal('2026-12-12T07:00:00.000Z');
  });
});

describe('snapshot(): the closing and reopening times a display switches at by itself', () => {
  const office = testOffice({ openingHours: { mon: [{ open: '08:00', close: '12:30' }, { open: '14:30', close: '18:30' }] } });
  const at = (iso: string) => snapshot(createState(office, Date.parse(iso), undefined), 0, Date.parse(iso));

  it('open: closesAt is the end of the current interval; closed at lunch: opensAt is the afternoon; after the last, neither', () => {
    expect(at('2026-11-23T09:00:00Z')).to.include({ open: true, closesAt: '2026-11-23T11:30:00.000Z', opensAt: null });
    expect(at('2026-11-23T12:00:00Z')).to.include({ open: false, closesAt: null, opensAt: '2026-11-23T13:30:00.000Z' });
    expect(at('2026-11-23T06:00:00Z')).to.include({ open: false, closesAt: null, opensAt: '2026-11-23T07:00:00.000Z' });
    expect(at('2026-11-23T18:00:00Z')).to.include({ open: false, closesAt: null, opensAt: null });
  });
});
