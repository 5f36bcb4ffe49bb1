import { expect } from 'chai';
import { addHistogramJson, compactCounts, compactJson, histogramJson, lastMinute, type MinuteCounts } from '../../server/reports/minuteCounts.ts';
import { percentile } from '../../server/reports/spread.ts';

/** Counts from a `daily_stats` histogram object. */
const countsOf = (hist: Record<string, number>): MinuteCounts => addHistogramJson([], JSON.stringify(hist));

describe('minute counts: the histograms of the roll-ups', () => {
  it('compactJson() writes each count with the minutes between counts as one negative skip, and no trailing empty minutes', () => {
    expect(compactJson(countsOf({ '0': 3, '2': 1, '5': 2 }))).to.equal('[3,-1,1,-2,2]');
    expect(compactJson(countsOf({ '4': 7 }))).to.equal('[-4,7]');
    expect(compactJson([])).to.equal('[]');
    expect(compactJson([0, 0, 5, 0, 0])).to.equal('[-2,5]');
  });

  it('compactCounts() reads back what compactJson() wrote, every minute present up to the last one counted', () => {
    const counts = countsOf({ '0': 3, '1': 1, '7': 12, '220': 1, '221': 4 });
    const read = compactCounts(compactJson(counts));
    expect(read).to.have.length(222);
    expect(read.filter((n) => n === undefined)).to.deep.equal([]);
    expect(histogramJson(read)).to.equal('{"0":3,"1":1,"7":12,"220":1,"221":4}');
    expect(compactCounts('[3,-1,1]')).to.deep.equal([3, 0, 1]);
    expect(compactCounts('[]')).to.deep.equal([]);
  });

  it('compactCounts(): minutes past a week count in the last one, as the report always counted them', () => {
    const read = compactCounts(`[1,-${lastMinute - 2},2,-5,4,7]`);
    expect(read).to.have.length(lastMinute + 1);
    expect(JSON.parse(histogramJson(read))).to.deep.equal({ '0': 1, [String(lastMinute - 1)]: 2, [String(lastMinute)]: 11 });
  });

  it('daily_stats objects: keys that are not whole minutes are skipped, minutes past a week count in the last one', () => {
    const counts = countsOf({ '3': 1, '-2': 5, '1.5': 5, x: 5, '': 5, ' 4': 5, '1e3': 5, '20000': 2, [String(lastMinute)]: 1 } as Record<string, number>);
    expect(JSON.parse(histogramJson(counts))).to.deep.equal({ '3': 1, [String(lastMinute)]: 3 });
    expect(percentile(counts, 0.25)).to.equal(3);
    expect(percentile(counts, 0.5)).to.equal(lastMinute);
  });

  it('histogramJson() writes the object daily_stats always had: minutes with a count, ascending', () => {
    expect(histogramJson(countsOf({ '10': 2, '2': 1, '0': 4 }))).to.equal('{"0":4,"2":1,"10":2}');
    expect(histogramJson([])).to.equal('{}');
  });

  it('compactCounts() stops at anything but an integer and reads nothing from what is not an array', () => {
    expect(compactCounts('[2,-1,"x",5]')).to.deep.equal([2, 0]);
    expect(compactCounts('{"0":3}')).to.deep.equal([]);
    expect(compactCounts('[1.5]')).to.deep.equal([]);
  });
});
