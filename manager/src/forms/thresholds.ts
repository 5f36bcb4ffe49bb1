import type { OfficeConfig } from '../../../protocol/office.ts';

export type Thresholds = OfficeConfig['thresholds'];
export const thresholdKeys = ['busyWhenWaitingAtLeast', 'busyWhenWaitMinutesAtLeast', 'calmWhenWaitingAtMost', 'calmWhenWaitMinutesAtMost'] as const;
export type ThresholdsForm = Record<(typeof thresholdKeys)[number], number | ''>;

export const thresholdsToForm = (t: Thresholds): ThresholdsForm => ({ ...t });

/** Counts of people must be whole; calm must stay below busy (the hub checks the same). */
export function thresholdsProblems(form: ThresholdsForm): string[] {
  const values = thresholdKeys.map((k) => form[k]);
  if (values.some((v) => v === '' || !Number.isFinite(v) || v < 0)) return ['thresholds.invalid.number'];
  if (!Number.isInteger(form.busyWhenWaitingAtLeast) || !Number.isInteger(form.calmWhenWaitingAtMost) || form.busyWhenWaitingAtLeast === 0) return ['thresholds.invalid.number'];
  if (form.calmWhenWaitingAtMost >= form.busyWhenWaitingAtLeast || form.calmWhenWaitMinutesAtMost >= form.busyWhenWaitMinutesAtLeast) return ['thresholds.invalid.order'];
  return [];
}

export function thresholdsPatch(form: ThresholdsForm): Thresholds {
  return {
    busyWhenWaitingAtLeast: Number(form.busyWhenWaitingAtLeast),
    busyWhenWaitMinutesAtLeast: Number(form.busyWhenWaitMinutesAtLeast),
    calmWhenWaitingAtMost: Number(form.calmWhenWaitingAtMost),
    calmWhenWaitMinutesAtMost: Number(form.calmWhenWaitMinutesAtMost),
  };
}
