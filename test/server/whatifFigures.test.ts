import { expect } from 'chai';
import { dayStart } from '../../server/engine/calendar.ts';
import { difference, FigureBuilder, hourOf, hourStarts, quantile } from '../../server/whatif/figures.ts';
import { shiftPlan, fullPlan, deltaColour } from '../../manager/src/whatif/plan.ts';

const minute = 60_000;
const tz = 'Europe/Rome';

describe('what-if figures (pure)', () => {
  it('quantile() is nearest-rank, 0 for nothing', () => {
    expect(quantile([], 0.5)).to.equal(0);
    expect(quantile([1, 2, 3, 4], 0.5)).to.equal(2);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).to.equal(9);
  });

  it('hourOf() follows the local clock, on a DST day too', () => {
    const day = '2025-03-30'; // clocks go forward at 02:00 in Rome: the day has 23 hours
    const starts = hourStarts(day, tz);
    expect(hourOf(starts, dayStart(day, tz) + 90 * minute)).to.equal(1);
    expect(hourOf(starts, dayStart(day, tz) + 150 * minute)).to.equal(3);
    expect(hourOf(hourStarts('2025-03-31', tz), dayStart('2025-03-31', tz) + 9.5 * 60 * minute)).to.equal(9);
  });

  it('counts long waits, tickets left at closing (never called or called after), and utilisation', () => {
    const day = '2025-03-31';
    const open = dayStart(day, tz) + 8 * 60 * minute;
    const closesAt = open + 4 * 60 * minute;
    const b = new FigureBuilder(tz);
    b.add({ day, issuedAt: open, calledAt: open + 5 * minute, closesAt });
    b.add({ day, issuedAt: open, calledAt: open + 45 * minute, closesAt });
    b.add({ day, issuedAt: closesAt - minute, calledAt: closesAt + minute, closesAt });
    b.add({ day, issuedAt: closesAt - 10 * minute, calledAt: null, closesAt });
    b.addBusy(30 * minute);
    b.addOpen(60 * minute);
    const f = b.figures();
    expect(f.tickets).to.equal(4);
    expect(f.waitedOver30).to.equal(2);
    expect(f.leftAtClosing).to.equal(2);
    expect(f.utilisation).to.equal(0.5);
    expect(f.deskHours).to.equal(1);
    expect(f.byHour.map((h) => h.hour)).to.deep.equal([8, 11]);
    expect(f.cells.find((c) => c.weekday === 'mon' && c.hour === 8)!.medianWaitMinutes).to.equal(5);
  });

  it('difference() is replay minus reality per weekday and hour', () => {
    const day = '2025-03-31';
    const at = dayStart(day, tz) + 9 * 60 * minute;
    const real = new FigureBuilder(tz);
    const replay = new FigureBuilder(tz);
    real.add({ day, issuedAt: at, calledAt: at + 10 * minute, closesAt: at + 600 * minute });
    replay.add({ day, issuedAt: at, calledAt: at + 4 * minute, closesAt: at + 600 * minute });
    expect(difference(real.figures(), replay.figures())).to.deep.equal([{ weekday: 'mon', hour: 9, arrivals: 1, medianWaitDelta: -6 }]);
  });

  it('plan edits keep closed hours closed and stay within the office desks; the difference colours go both ways', () => {
    const plan = [[0, 1, 2, 3], [2, 0, 0, 1]].map((h) => [...h, ...new Array(20).fill(0)]);
    expect(shiftPlan(plan, 1, 3)[0]!.slice(0, 4)).to.deep.equal([0, 2, 3, 3]);
    expect(shiftPlan(plan, -1, 3)[1]!.slice(0, 4)).to.deep.equal([1, 0, 0, 0]);
    expect(fullPlan(plan, 3)[1]!.slice(0, 4)).to.deep.equal([3, 0, 0, 3]);
    expect(deltaColour(0, 10)).to.equal('#ffffff');
    expect(deltaColour(-10, 10)).to.not.equal(deltaColour(10, 10));
  });
});
