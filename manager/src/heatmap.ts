import type { HeatmapReport } from '../../protocol/reports.ts';
import { weekdays, type Weekday } from '../../protocol/office.ts';

/** The heat map's pure parts: which rows and columns to show, and the colour of each value. */

export type HeatMetric = 'arrivalsPerDay' | 'avgWaitMinutes';
type Cell = HeatmapReport['cells'][number];

/** Light to dark: white for nothing, then five steps of the primary blue up to navy. */
export const heatColours = ['#ffffff', '#e3eef9', '#b5d2f0', '#6fa8e2', '#0066cc', '#17324d'] as const;
export const heatSteps = heatColours.length - 1;

/**
 * The office day 7:00–19:59, widened to any earlier or later hour someone arrived at (gaps included, so a
 * quiet lunch hour shows as such).
 */
export function hoursToShow(cells: readonly Cell[]): number[] {
  const busy = cells.filter((c) => c.arrivals > 0).map((c) => c.hour);
  const first = Math.min(7, ...busy);
  const last = Math.max(19, ...busy);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** Monday to Saturday, and Sunday only when someone came on a Sunday. */
export function weekdaysToShow(cells: readonly Cell[]): Weekday[] {
  const sunday = cells.some((c) => c.weekday === 'sun' && c.arrivals > 0);
  return weekdays.filter((d) => d !== 'sun' || sunday);
}

/** The value of one weekday and hour (0 when the report has no cell for it). */
export function cellValue(cells: readonly Cell[], weekday: Weekday, hour: number, metric: HeatMetric): number {
  return cells.find((c) => c.weekday === weekday && c.hour === hour)?.[metric] ?? 0;
}

/** The colour step of a value: 0 for nothing, else 1–5 by its share of the largest value. */
export function heatStep(value: number, max: number): number {
  if (!(value > 0) || !(max > 0)) return 0;
  return Math.min(heatSteps, Math.max(1, Math.ceil((value / max) * heatSteps)));
}

/** The upper bound of each colour step 1–5, for the legend. */
export function stepBounds(max: number): number[] {
  return Array.from({ length: heatSteps }, (_, i) => (max * (i + 1)) / heatSteps);
}

/** Relative luminance of a #rrggbb colour (WCAG 2). */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Background and text colour of a step: the text colour is whichever of near-black and white reads better. */
export function heatColour(step: number): { background: string; text: string } {
  const background = heatColours[Math.min(heatSteps, Math.max(0, step))]!;
  const text = contrast(background, '#1a1a1a') >= contrast(background, '#ffffff') ? '#1a1a1a' : '#ffffff';
  return { background, text };
}

/** The largest value among the cells shown. */
export function maxValue(cells: readonly Cell[], metric: HeatMetric): number {
  return cells.reduce((m, c) => Math.max(m, c[metric]), 0);
}
