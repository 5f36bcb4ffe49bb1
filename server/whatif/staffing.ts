import { weekdays, type OfficeConfig } from '../../protocol/office.ts';
import type { StaffingPlan, StaffingReply } from '../../protocol/whatif.ts';
import { weekdayOf } from '../engine/calendar.ts';
import type { Database } from '../store/db.ts';
import { hourOf, hourStarts } from './figures.ts';

/**
 * What staffing really was: for each weekday and hour, the front desks that called someone in that hour,
 * averaged over the days of that weekday the office saw anyone, rounded. The plan a what-if starts from.
 */
export async function realStaffing(db: Pick<Database, 'all'>, office: OfficeConfig, from: string, to: string): Promise<StaffingReply> {
  const front = new Set(office.desks.filter((d) => d.kind === 'front').map((d) => d.id));
  const rows = await db.all<{ day: string; called_at: number; desk_id: string }>(
    'SELECT day, called_at, desk_id FROM tickets WHERE day >= ? AND day <= ? AND called_at IS NOT NULL AND desk_id IS NOT NULL',
    [from, to],
  );
  const seen = new Set<string>();
  const days = new Map<string, Set<string>>();
  const counts = weekdays.map(() => new Array<number>(24).fill(0));
  const starts = new Map<string, number[]>();
  for (const r of rows) {
    const weekday = weekdayOf(r.day);
    if (!days.has(weekday)) days.set(weekday, new Set());
    days.get(weekday)!.add(r.day);
    if (!front.has(r.desk_id)) continue;
    let s = starts.get(r.day);
    if (!s) starts.set(r.day, (s = hourStarts(r.day, office.timeZone)));
    const hour = hourOf(s, r.called_at);
    const key = `${r.day} ${hour} ${r.desk_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    counts[weekdays.indexOf(weekday)]![hour]! += 1;
  }
  const frontDesks: StaffingPlan = counts.map((hours, i) => {
    const n = days.get(weekdays[i]!)?.size ?? 0;
    return hours.map((c) => (n === 0 ? 0 : Math.min(front.size, Math.round(c / n))));
  });
  return { from, to, frontDesks, officeFrontDesks: front.size };
}

/** The office's own plan: every front desk open in every hour the office is open on that weekday. */
export function officeStaffing(office: OfficeConfig): StaffingPlan {
  const front = office.desks.filter((d) => d.kind === 'front').length;
  return weekdays.map((w) => {
    const hours = office.openingHours[w] ?? [];
    return Array.from({ length: 24 }, (_, h) =>
      hours.some((i) => Number(i.open.slice(0, 2)) <= h && h < Math.ceil(Number(i.close.slice(0, 2)) + Number(i.close.slice(3)) / 60)) ? front : 0,
    );
  });
}
