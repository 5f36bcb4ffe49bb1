import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { officeConfigSchema, type OfficeConfig } from '../../protocol/office.ts';
import { loadOfficeConfig } from '../../server/config/office.ts';
import { isWithin, openingIntervals, timeOf, weekdayOf } from '../../server/engine/calendar.ts';
import { arrivalsOfDay, dailyCounts, largestRemainder, openingSlots } from '../../server/simulation/arrivalPlan.ts';
import { checkRange, daysBetween, monthsBetween } from '../../server/simulation/days.ts';
import { Random } from '../../server/simulation/random.ts';

const demoPath = fileURLToPath(new URL('../../config/office.demo.json', import.meta.url));
const scandicci2018 = [3366, 4694, 3962, 4038, 3648, 4523, 4383, 3166, 4169, 2096];
/** Italian public holidays of 2018 in the range, closed at the town hall. */
const holidays2018 = ['2018-01-01', '2018-01-06', '2018-04-02', '2018-04-25', '2018-05-01', '2018-08-15'];

/** An office open on Sundays across the night, so a DST change falls inside its hours. */
function nightOffice(): OfficeConfig {
  return officeConfigSchema.parse({
    name: 'Night office',
    timeZone: 'Europe/Rome',
    services: [{ id: 'certs', prefix: 'A', name: { it: 'Certificati', en: 'Certificates' }, outcomes: ['certificate'] }],
    desks: [{ id: 'desk-1', name: 'Sportello 1', kind: 'front', services: ['certs'] }],
    openingHours: { sun: [{ open: '00:30', close: '04:30' }, { open: '08:00', close: '12:00' }] },
  });
}

describe('simulation: the arrival plan', () => {
  let demo: OfficeConfig;
  before(async () => {
    demo = { ...(await loadOfficeConfig(demoPath)), closedDates: holidays2018 };
  });

  it('largestRemainder() splits a total exactly, each part the floor or ceiling of its share', () => {
    const weights = [1.3, 1, 1, 1.05, 0.95, 0.4, 0.01];
    for (const total of [0, 1, 7, 100, 3366]) {
      const parts = largestRemainder(total, weights);
      expect(parts.reduce((a, b) => a + b, 0)).to.equal(total);
      const sum = weights.reduce((a, b) => a + b, 0);
      parts.forEach((p, i) => expect(Math.abs(p - (total * weights[i]!) / sum)).to.be.below(1));
    }
    expect(largestRemainder(3, [1, 1, 1, 1])).to.deep.equal([1, 1, 1, 0]);
    expect(() => largestRemainder(5, [0, 0])).to.throw(/Cannot split/);
  });

  it('dailyCounts() gives each month its figure exactly, spread over open days only', () => {
    const plan = dailyCounts(demo, '2018-01-01', '2018-10-15', scandicci2018, new Random(1, 'months'));
    const months = monthsBetween('2018-01-01', '2018-10-15');
    months.forEach((month, i) => {
      const sum = plan.filter((d) => d.day.startsWith(month)).reduce((a, d) => a + d.count, 0);
      expect(sum, month).to.equal(scandicci2018[i]);
    });
    for (const { day, count } of plan) {
      expect(weekdayOf(day), day).to.not.equal('sun');
      expect(holidays2018, day).to.not.include(day);
      expect(count, day).to.be.at.least(1);
    }
    // Every open day of the range is planned, October only up to the 15th.
    const open = daysBetween('2018-01-01', '2018-10-15').filter((d) => openingIntervals(demo, d).length > 0);
    expect(plan.map((d) => d.day)).to.deep.equal(open);
    expect(plan.at(-1)!.day).to.equal('2018-10-15');
  });

  it('dailyCounts() makes Mondays the busiest days and Saturdays (short mornings) the quietest', () => {
    const plan = dailyCounts(demo, '2018-01-01', '2018-10-15', scandicci2018, new Random(1, 'months'));
    const mean = (wd: string) => {
      const days = plan.filter((d) => weekdayOf(d.day) === wd);
      return days.reduce((a, d) => a + d.count, 0) / days.length;
    };
    expect(mean('mon')).to.be.above(mean('tue') * 1.1);
    expect(mean('sat')).to.be.below(mean('fri') * 0.5);
  });

  it('dailyCounts() is deterministic for a seed and refuses a month with tickets but no open day', () => {
    const a = dailyCounts(demo, '2018-03-01', '2018-03-31', [3962], new Random(9, 'months'));
    const b = dailyCounts(demo, '2018-03-01', '2018-03-31', [3962], new Random(9, 'months'));
    expect(a).to.deep.equal(b);
    // 2018-04-01 is a Sunday, 04-02 Easter Monday (closed here).
    expect(() => dailyCounts(demo, '2018-04-01', '2018-04-02', [10], new Random(1))).to.throw(/2018-04 has 10 tickets but the office is not open/);
    expect(dailyCounts(demo, '2018-04-01', '2018-04-02', [0], new Random(1))).to.deep.equal([]);
  });

  it('arrivalsOfDay() puts every arrival inside the opening hours, sorted, with a morning peak', () => {
    const random = new Random(1, 'arrivals');
    for (const day of ['2018-03-24', '2018-03-26', '2018-10-27', '2018-10-29', '2018-06-18']) {
      const arrivals = arrivalsOfDay(demo, day, 400, random);
      expect(arrivals).to.have.length(400);
      expect(arrivals).to.deep.equal([...arrivals].sort((a, b) => a - b));
      const intervals = openingIntervals(demo, day);
      for (const at of arrivals) {
        expect(isWithin(intervals, at), `${day} ${timeOf(at, demo.timeZone)}`).to.equal(true);
        expect(Number.isInteger(at)).to.equal(true);
      }
      if (weekdayOf(day) !== 'sat') {
        const inHour = (h: string) => arrivals.filter((at) => timeOf(at, demo.timeZone).startsWith(h)).length;
        expect(inHour('10'), day).to.be.above(inHour('13'));
        expect(inHour('16'), day).to.be.above(inHour('13'));
      }
    }
  });

  it('arrivalsOfDay() stays inside the opening hours across the DST changes of 2018-03-25 and 2018-10-28', () => {
    const office = nightOffice();
    const random = new Random(2, 'arrivals');
    // 00:30–04:30 lasts 3 hours when the clocks go forward and 5 when they go back.
    const nightHours = { '2018-03-25': 3, '2018-10-28': 5, '2018-06-17': 4 } as const;
    for (const [day, hours] of Object.entries(nightHours)) {
      const intervals = openingIntervals(office, day);
      expect((intervals[0]!.to - intervals[0]!.from) / 3_600_000, day).to.equal(hours);
      const slots = openingSlots(office, day);
      const slotMs = slots.reduce((a, s) => a + (s.to - s.from), 0);
      expect(slotMs, day).to.equal(intervals.reduce((a, i) => a + (i.to - i.from), 0));
      const arrivals = arrivalsOfDay(office, day, 1000, random);
      expect(arrivals).to.have.length(1000);
      for (const at of arrivals) expect(isWithin(intervals, at), `${day} ${new Date(at).toISOString()}`).to.equal(true);
      // The night interval gets arrivals in each of its real hours, the skipped or doubled one included.
      for (let h = 0; h < hours; h++) {
        const from = intervals[0]!.from + h * 3_600_000;
        const inHour = arrivals.filter((at) => at >= from && at < from + 3_600_000).length;
        expect(inHour, `${day}, real hour ${h + 1} of the night`).to.be.above(0);
      }
    }
  });

  it('checkRange() names the problem: bad dates, from after to, wrong number of monthly figures', () => {
    expect(checkRange('2018-01-01', '2018-10-15', scandicci2018)).to.have.length(10);
    expect(() => checkRange('2018-02-30', '2018-03-01', [1, 1])).to.throw(/--from must be a calendar day/);
    expect(() => checkRange('2018-01-01', '18-3-1', [1])).to.throw(/--to must be a calendar day/);
    expect(() => checkRange('2018-03-02', '2018-03-01', [1])).to.throw(/--from 2018-03-02 is after --to 2018-03-01/);
    expect(() => checkRange('2018-01-01', '2018-10-15', scandicci2018.slice(1))).to.throw(
      /exactly one figure per month from 2018-01 to 2018-10 \(10\), got 9/,
    );
    expect(() => checkRange('2018-01-01', '2018-01-31', [-1])).to.throw(/whole numbers of tickets/);
    expect(() => checkRange('2018-01-01', '2018-01-31', [1.5])).to.throw(/whole numbers of tickets/);
    expect(monthsBetween('2017-12-31', '2018-01-01')).to.deep.equal(['2017-12', '2018-01']);
  });
});
