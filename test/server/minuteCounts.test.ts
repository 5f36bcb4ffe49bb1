import { expect } from 'chai';
import { addCompactJson, addHistogramJson, addMinutes, compactJson, histogramJson, lastMinute, type MinuteCounts } from '../../server/reports/minuteCounts.ts';
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

  it('addCompactJson() reads back what compactJson() wrote, adding to the counts it is given', () => {
    const counts = countsOf({ '0': 3, '1': 1, '7': 12, '220': 1, '221': 4 });
    const text = compactJson(counts);
    expect(histogramJson(addCompactJson([], text))).to.equal('{"0":3,"1":1,"7":12,"220":1,"221":4}');
    expect(histogramJson(addCompactJson(addCompactJson([], text), text))).to.equal('{"0":6,"1":2,"7":24,"220":2,"221":8}');
    expect(addCompactJson([], '[3,-1,1]')).to.deep.equal([3, undefined, 1]);
    expect(addCompactJson([], '[]')).to.deep.equal([]);
    expect(addCompactJson([], '[ 12 , -2 ,\n5 ]')).to.deep.equal([12, undefined, undefined, 5]);
  });

  it('addMinutes() adds arrays and compact texts alike', () => {
    const sum = addMinutes(addMinutes([], [1, 0, 2]), '[-1,4,5]');
    expect(sum).to.deep.equal([1, 4, 7]);
  });

  it('addCompactJson(): minutes past a week count in the last one, as the report always counted them', () => {
    const read = addCompactJson([], `[1,-${lastMinute - 2},2,-5,4,7]`);
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

  it('addCompactJson() stops at anything the compact form does not hold, and reads nothing from what is not an array', () => {
    expect(addCompactJson([], '[2,-1,"x",5]')).to.deep.equal([2]);
    expect(addCompactJson([], '{"0":3}')).to.deep.equal([]);
    expect(addCompactJson([], '[1.5]')).to.deep.equal([]);
    expect(addCompactJson([], '[1,--2,5]')).to.deep.equal([1]);
    expect(addCompactJson([], '[1,,5]')).to.deep.equal([1]);
    expect(addCompactJson([], '[1 2]')).to.deep.equal([]);
    expect(addCompactJson([], '[1234567890123456]')).to.deep.equal([]);
    expect(addCompactJson([], '[3,-1')).to.deep.equal([3]);
  });
});
