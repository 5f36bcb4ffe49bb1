import { expect } from 'chai';
import type { CallView } from '../../protocol/views.ts';
import { callBox } from '../../display/src/callBox.ts';

const call = (ticketId: number, number: string): CallView =>
  ({ ticketId, number, deskId: 'desk-1', deskName: 'Sportello 1', serviceId: 'certs', at: '2026-12-04T10:00:00Z', recall: false, appointment: false, needs: [] });
const numbers = (calls: CallView[]) => calls.map((c) => c.number);

describe('display callBox()', () => {
  const calls = [call(3, 'A003'), call(2, 'A002'), call(1, 'A001')];

  it('shows the newest call large when nothing is being announced', () => {
    const { current, earlier } = callBox(calls, null, true);
    expect(current?.number).to.equal('A003');
    expect(numbers(earlier)).to.deep.equal(['A002', 'A001']);
  });

  it('shows the call being announced large in a burst, and the others in the list', () => {
    const { current, earlier } = callBox(calls, call(1, 'A001'), true);
    expect(current?.number).to.equal('A001');
    expect(numbers(earlier)).to.deep.equal(['A003', 'A002']);
  });

  it('shows the announced call even when it has left the list', () => {
    expect(callBox(calls, call(9, 'B009'), true).current?.number).to.equal('B009');
  });

  it('after closing lists every call and shows none large', () => {
    const { current, earlier } = callBox(calls, null, false);
    expect(current).to.equal(null);
    expect(numbers(earlier)).to.deep.equal(['A003', 'A002', 'A001']);
  });
});
