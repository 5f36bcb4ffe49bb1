import { z } from 'zod';
import { reportFormats } from './reports.ts';

/**
 * `GET /api/reports/period?from&to`: the report as an office publishes it for any range of days (Scandicci's
 * first year, 16 Oct 2017 – 15 Oct 2018): accesses by month with a subtotal per calendar year, deliverables by
 * outcome group, and the totals. Accesses are tickets issued.
 */

const day = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'YYYY-MM-DD')
  .refine(isCalendarDay, 'not a calendar day');

/** The longest range the report takes: three years (and a leap day). */
export const periodMaxDays = 3 * 365 + 1;

export const periodQuerySchema = z
  .object({
    from: day,
    to: day,
    format: z.enum(reportFormats).default('json'),
    /** Which table a CSV holds: `months` (default) or `deliverables`. */
    table: z.enum(['months', 'deliverables']).optional(),
    /** The language of the names in CSV and XLSX (JSON has both). */
    lang: z.enum(['it', 'en']).default('it'),
  })
  .strict()
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < periodMaxDays, {
    message: `at most ${periodMaxDays} days (three years)`,
    path: ['to'],
  });
export type PeriodQuery = z.infer<typeof periodQuerySchema>;

export interface PeriodName {
  it: string;
  en: string;
}

export interface PeriodMonth {
  /** 'YYYY-MM'. */
  month: string;
  /** The month's days in the range. */
  from: string;
  to: string;
  /** Only some of the month's days are in the range; its figures are for those days. */
  partial: boolean;
  issued: number;
  served: number;
}

export interface PeriodYear {
  year: number;
  from: string;
  to: string;
  issued: number;
  served: number;
}

export interface PeriodOutcome {
  code: string;
  name: PeriodName;
  count: number;
}

export interface PeriodGroup {
  id: string;
  name: PeriodName;
  /** The sum of its outcomes. */
  count: number;
  /** Every outcome of the group, recorded or not, in the group's order. */
  outcomes: PeriodOutcome[];
}

export interface PeriodReport {
  from: string;
  to: string;
  months: PeriodMonth[];
  years: PeriodYear[];
  groups: PeriodGroup[];
  /** Outcomes recorded in the range that belong to no group, most frequent first. */
  ungrouped: PeriodOutcome[];
  total: { issued: number; served: number; outcomes: number };
}

/** A real calendar day 'YYYY-MM-DD' (2018-02-30 is not one; an invalid date never throws here). */
function isCalendarDay(d: string): boolean {
  const t = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
}
