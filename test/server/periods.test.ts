import { expect } from 'chai';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import { daysBetween, periodsBetween } from '../../server/reports/periods.ts';

dayjs.extend(utc);

/** How the reports listed days before: dayjs, a day at a time. */
function daysByDayjs(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = dayjs.utc(from); d.format('YYYY-MM-DD') <= to; d = d.add(1, 'day')) days.push(d.format('YYYY-MM-DD'));
  return days;
}

describe('report periods', () => {
  it('daysBetween() lists the days dayjs listed, across month, leap-day and year ends, and rolls over a day past the month end as it did', () => {
    const ranges = [
      ['2020-01-01', '2020-12-31'], ['2024-02-27', '2024-03-02'], ['2023-02-27', '2023-03-02'], ['2025-12-30', '2026-01-02'],
      ['2026-03-28', '2026-03-30'], ['2026-04-04', '2026-04-04'], ['2026-04-05', '2026-04-04'], ['2026-02-30', '2026-03-05'],
      ['2014-08-09', '2026-11-21'], ['2026-01-01', '2026-01-01x'],
    ] as const;
    for (const [from, to] of ranges) expect(daysBetween(from, to), `${from}…${to}`).to.deep.equal(daysByDayjs(from, to));
    expect(daysBetween('2020-01-01', '2020-12-31')).to.have.length(366);
    expect(daysBetween('2026-02-30', '2026-03-03')).to.deep.equal(['2026-03-02', '2026-03-03']);
    expect(daysBetween('2026-04-05', '2026-04-04')).to.deep.equal([]);
  });

  it('periodsBetween() gives every month a range touches, in order', () => {
    expect(periodsBetween('2025-11-15', '2026-02-01', 'month')).to.deep.equal(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
