import { weekdays } from '../../protocol/office.ts';
import type { HeatmapReport } from '../../protocol/reports.ts';
import { weekdayOf } from '../engine/calendar.ts';
import type { HourArrivals } from './dayFigures.ts';
import { minutes } from './spread.ts';

/**
 * Arrivals and average wait by weekday and local hour of arrival. `arrivalsPerDay` averages over the
 * days of that weekday on which anyone arrived (a closed Sunday does not dilute Monday's figure).
 */
export function heatmapReport(rows: readonly HourArrivals[], from: string, to: string): HeatmapReport {
  const cells = new Map<string, { arrivals: number; waits: number; waitMs: number }>();
  const daysByWeekday = new Map<string, Set<string>>();
  for (const r of rows) {
    const weekday = weekdayOf(r.day);
    const key = `${weekday} ${r.hour}`;
    const cell = cells.get(key) ?? { arrivals: 0, waits: 0, waitMs: 0 };
    cell.arrivals += r.arrivals;
    cell.waits += r.waits;
    cell.waitMs += r.waitMs;
    cells.set(key, cell);
    if (!daysByWeekday.has(weekday)) daysByWeekday.set(weekday, new Set());
    daysByWeekday.get(weekday)!.add(r.day);
  }
  const out: HeatmapReport['cells'] = [];
  for (const weekday of weekdays) {
    const days = daysByWeekday.get(weekday)?.size ?? 0;
    for (let hour = 0; hour < 24; hour++) {
      const cell = cells.get(`${weekday} ${hour}`) ?? { arrivals: 0, waits: 0, waitMs: 0 };
      out.push({
        weekday,
        hour,
        arrivals: cell.arrivals,
        arrivalsPerDay: days === 0 ? 0 : Math.round((cell.arrivals / days) * 10) / 10,
        avgWaitMinutes: minutes(cell.waitMs, cell.waits),
      });
    }
  }
  return { from, to, cells: out };
}
