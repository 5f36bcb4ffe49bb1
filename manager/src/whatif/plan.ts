import { weekdays, type Weekday } from '../../../protocol/office.ts';
import type { OfficeInfo } from '../../../protocol/views.ts';

type Hours = Pick<OfficeInfo, 'openingHours'>;
import type { StaffingPlan, WhatIfResult } from '../../../protocol/whatif.ts';

/** The what-if tab's pure parts: the plan grid's hours, plan edits, the difference map's colours. */

/** The hours the plan grid shows: 7:00–19:59 widened to any hour the office opens or a plan staffs. */
export function planHours(office: Hours | null, plan: StaffingPlan): number[] {
  const used: number[] = [];
  plan.forEach((hours) => hours.forEach((n, h) => n > 0 && used.push(h)));
  for (const w of weekdays) for (const i of office?.openingHours[w] ?? []) used.push(Number(i.open.slice(0, 2)), Math.ceil(Number(i.close.slice(0, 2)) + Number(i.close.slice(3)) / 60) - 1);
  const first = Math.min(7, ...used);
  const last = Math.max(19, ...used.filter((h) => h < 24));
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** Monday to Saturday, and Sunday when the office opens or the plan staffs it. */
export function planDays(office: Hours | null, plan: StaffingPlan): Weekday[] {
  const sunday = (office?.openingHours.sun?.length ?? 0) > 0 || plan[6]!.some((n) => n > 0);
  return weekdays.filter((d) => d !== 'sun' || sunday);
}

export const emptyPlan = (): StaffingPlan => weekdays.map(() => new Array<number>(24).fill(0));

/** Every staffed hour with `by` desks more (or fewer), between 0 and the office's front desks; unstaffed hours stay closed. */
export function shiftPlan(plan: StaffingPlan, by: number, most: number): StaffingPlan {
  return plan.map((hours) => hours.map((n) => (n === 0 ? 0 : Math.min(most, Math.max(0, n + by)))));
}

/** Every staffed hour with all the office's front desks. */
export function fullPlan(plan: StaffingPlan, most: number): StaffingPlan {
  return plan.map((hours) => hours.map((n) => (n === 0 ? 0 : most)));
}

/** Diverging colours for the difference in median wait: greens for shorter, oranges for longer, white for none. */
const shorter = ['#e6f4ea', '#a8dab5', '#4caf6e', '#1e7b3c', '#0d4a22'] as const;
const longer = ['#fdecdc', '#f8c08f', '#ef8a3c', '#b8520f', '#6e2c05'] as const;

export function deltaColour(delta: number, maxAbs: number): string {
  if (!(maxAbs > 0) || Math.abs(delta) < 0.05) return '#ffffff';
  const step = Math.min(4, Math.max(0, Math.ceil((Math.abs(delta) / maxAbs) * 5) - 1));
  return (delta < 0 ? shorter : longer)[step]!;
}

export function maxAbsDelta(diff: WhatIfResult['difference']): number {
  return diff.reduce((m, d) => Math.max(m, Math.abs(d.medianWaitDelta)), 0);
}

/** The difference as heat-map cells (manager/src/heatmap.ts reads `arrivals` and the metric). */
export function differenceCells(diff: WhatIfResult['difference']) {
  return diff.map((d) => ({ weekday: d.weekday, hour: d.hour, arrivals: d.arrivals, arrivalsPerDay: 0, avgWaitMinutes: d.medianWaitDelta }));
}
