import { expect } from 'chai';
import type { HeatmapReport } from '../../protocol/reports.ts';
import { weekdays } from '../../protocol/office.ts';
import { cellValue, contrast, heatColour, heatColours, heatStep, hoursToShow, maxValue, stepBounds, weekdaysToShow } from '../../manager/src/heatmap.ts';

type Cell = HeatmapReport['cells'][number];

/** 7 × 24 cells, all empty, with some arrivals set. */
function cells(set: { weekday: Cell['weekday']; hour: number; arrivals: number; perDay?: number; wait?: number }[] = []): Cell[] {
  const all = weekdays.flatMap((weekday) => Array.from({ length: 24 }, (_, hour) => ({ weekday, hour, arrivals: 0, arrivalsPerDay: 0, avgWaitMinutes: 0 })));
  for (const s of set) {
    const c = all.find((x) => x.weekday === s.weekday && x.hour === s.hour)!;
    Object.assign(c, { arrivals: s.arrivals, arrivalsPerDay: s.perDay ?? s.arrivals, avgWaitMinutes: s.wait ?? 0 });
  }
  return all;
}

describe('manager heat map', () => {
  it('shows 7–19, widened to any earlier or later hour with arrivals', () => {
    const day = [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
    expect(hoursToShow(cells())).to.deep.equal(day);
    expect(hoursToShow(cells([{ weekday: 'mon', hour: 9, arrivals: 3 }, { weekday: 'fri', hour: 12, arrivals: 1 }]))).to.deep.equal(day);
    expect(hoursToShow(cells([{ weekday: 'tue', hour: 21, arrivals: 1 }]))).to.deep.equal([...day, 20, 21]);
    expect(hoursToShow(cells([{ weekday: 'sat', hour: 5, arrivals: 2 }]))).to.deep.equal([5, 6, ...day]);
  });

  it('shows Monday to Saturday, and Sunday only when someone came on a Sunday', () => {
    expect(weekdaysToShow(cells())).to.deep.equal(['mon', 'tue', 'wed', 'thu', 'fri', 'sat']);
    expect(weekdaysToShow(cells([{ weekday: 'sun', hour: 10, arrivals: 1 }]))).to.include('sun');
  });

  it('reads a cell for either metric, 0 where the report has no cell', () => {
    const c = cells([{ weekday: 'wed', hour: 10, arrivals: 8, perDay: 2.5, wait: 12.4 }]);
    expect(cellValue(c, 'wed', 10, 'arrivalsPerDay')).to.equal(2.5);
    expect(cellValue(c, 'wed', 10, 'avgWaitMinutes')).to.equal(12.4);
    expect(cellValue([], 'wed', 10, 'arrivalsPerDay')).to.equal(0);
    expect(maxValue(c, 'avgWaitMinutes')).to.equal(12.4);
  });

  it('scales values into five steps by their share of the largest, 0 for nothing', () => {
    expect(heatStep(0, 10)).to.equal(0);
    expect(heatStep(5, 0)).to.equal(0);
    expect(heatStep(0.1, 10)).to.equal(1);
    expect(heatStep(2, 10)).to.equal(1);
    expect(heatStep(2.1, 10)).to.equal(2);
    expect(heatStep(10, 10)).to.equal(5);
    expect(heatStep(50, 10), 'never past the darkest').to.equal(5);
    expect(stepBounds(10)).to.deep.equal([2, 4, 6, 8, 10]);
  });

  it('prints every step in a colour with at least 4.5:1 contrast (WCAG AA), getting darker step by step', () => {
    for (let step = 0; step < heatColours.length; step++) {
      const { background, text } = heatColour(step);
      expect(contrast(background, text), `step ${step}`).to.be.at.least(4.5);
    }
    expect(heatColour(0).text).to.equal('#1a1a1a');
    expect(heatColour(5).text).to.equal('#ffffff');
    expect(heatColour(-1)).to.deep.equal(heatColour(0));
  });

  it('computes WCAG contrast like the reference values', () => {
    expect(contrast('#000000', '#ffffff')).to.be.closeTo(21, 0.01);
    expect(contrast('#0066cc', '#ffffff')).to.be.closeTo(5.57, 0.05);
  });
});
