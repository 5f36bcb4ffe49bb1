import type { OfficeConfig, Weekday } from '../../protocol/office.ts';
import { localInstant, openingIntervals, weekdayOf, type Interval } from '../engine/calendar.ts';
import { daysBetween, monthOf, monthsBetween, SimulationError } from './days.ts';
import type { Random } from './random.ts';

/**
 * When citizens arrive: a month's figure spread exactly over the month's open days (weekday weights),
 * then over each day's opening hours (an hourly profile), at random instants within each hour. Pure
 * apart from the Random streams passed in.
 */

/** Relative visits per open hour by weekday: Monday is the heaviest day, Saturday mornings lighter. */
export const weekdayWeights: Readonly<Record<Weekday, number>> = {
  mon: 1.3, tue: 1.05, wed: 1, thu: 1.05, fri: 0.95, sat: 0.8, sun: 0.7,
};

/** Relative arrivals per local hour: a morning peak around 9–11, a smaller one around 15–17. */
export const hourlyProfile: readonly number[] = [
  0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.5, // 00–07
  0.9, 1.4, 1.5, 1.2, 0.8, 0.5, 0.6, 0.9, // 08–15
  0.95, 0.75, 0.45, 0.3, 0.2, 0.2, 0.2, 0.2, // 16–23
];

/** How far each day's and each hour's weight is shaken at random, so no two Mondays look the same. */
const dayJitter = 0.15;
const hourJitter = 0.2;

export interface DayCount {
  day: string;
  count: number;
}

/**
 * Splits a whole number into parts proportional to the weights (largest-remainder method): the parts sum
 * to `total` exactly and each is the floor or the ceiling of its exact share. Ties go to the earlier part.
 */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (total === 0) return weights.map(() => 0);
  if (!(sum > 0)) throw new Error(`Cannot split ${total} over weights that sum to ${sum}.`);
  const shares = weights.map((w) => (total * w) / sum);
  const parts = shares.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = shares.map((s, i) => ({ i, rest: s - Math.floor(s) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

function openMs(intervals: readonly Interval[]): number {
  return intervals.reduce((sum, i) => sum + (i.to - i.from), 0);
}

/**
 * Each open day of the range with its number of tickets: every month's figure split over the month's
 * open days inside the range (closed dates and days without hours get none). Throws when a month has
 * tickets but no open day.
 */
export function dailyCounts(office: OfficeConfig, from: string, to: string, monthly: readonly number[], random: Random): DayCount[] {
  const days = daysBetween(from, to);
  const result: DayCount[] = [];
  monthsBetween(from, to).forEach((month, m) => {
    const figure = monthly[m] ?? 0;
    const open = days
      .filter((day) => monthOf(day) === month)
      .map((day) => ({ day, ms: openMs(openingIntervals(office, day)) }))
      .filter((d) => d.ms > 0);
    if (open.length === 0) {
      if (figure > 0) throw new SimulationError(`${month} has ${figure} tickets but the office is not open on any of its days in the range.`);
      return;
    }
    const weights = open.map((d) => weekdayWeights[weekdayOf(d.day)] * d.ms * random.between(1 - dayJitter, 1 + dayJitter));
    const counts = largestRemainder(figure, weights);
    open.forEach((d, i) => result.push({ day: d.day, count: counts[i]! }));
  });
  return result;
}

export interface HourSlot extends Interval {
  /** The office-local hour (0–23) the slot belongs to. */
  hour: number;
}

/**
 * The day's opening intervals cut at local hour boundaries. Hours come from the office's calendar, so a
 * DST day has 23 or 25 hours and the slots still cover exactly the opening hours.
 */
export function openingSlots(office: OfficeConfig, day: string): HourSlot[] {
  const tz = office.timeZone;
  const boundaries: number[] = [];
  for (let h = 0; h < 24; h++) boundaries.push(localInstant(day, `${String(h).padStart(2, '0')}:00`, tz));
  boundaries.push(localInstant(day, '24:00', tz));
  const slots: HourSlot[] = [];
  for (const open of openingIntervals(office, day)) {
    for (let h = 0; h < 24; h++) {
      const from = Math.max(open.from, boundaries[h]!);
      const to = Math.min(open.to, boundaries[h + 1]!);
      if (to > from) slots.push({ hour: h, from, to });
    }
  }
  return slots;
}

/** `count` arrival instants (epoch ms, ascending), all inside the day's opening hours. */
export function arrivalsOfDay(office: OfficeConfig, day: string, count: number, random: Random): number[] {
  if (count === 0) return [];
  const slots = openingSlots(office, day);
  if (slots.length === 0) throw new SimulationError(`${day}: ${count} arrivals planned but the office is closed.`);
  const weights = slots.map((s) => hourlyProfile[s.hour]! * (s.to - s.from) * random.between(1 - hourJitter, 1 + hourJitter));
  const counts = largestRemainder(count, weights);
  const arrivals: number[] = [];
  slots.forEach((s, i) => {
    for (let k = 0; k < counts[i]!; k++) arrivals.push(Math.floor(s.from + random.next() * (s.to - s.from)));
  });
  return arrivals.sort((a, b) => a - b);
}
