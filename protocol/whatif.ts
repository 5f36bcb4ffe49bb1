import { z } from 'zod';
import type { Weekday } from './office.ts';

/**
 * What-if staffing (`/api/whatif…`, role manager or admin): a past period's real arrivals replayed through
 * the real queue engine with another staffing plan, beside what really happened. See docs/api.md.
 */

const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'YYYY-MM-DD');

/** The longest period one replay covers (a leap year). */
export const whatIfMaxDays = 366;
/** A plan never asks for more front desks in one hour than this (the office's front desks bound it further). */
export const whatIfMaxDesks = 50;

/** Front desks open per weekday (mon…sun, 7 rows) and local hour (0…23, 24 columns). */
export const staffingPlanSchema = z.array(z.array(z.number().int().min(0).max(whatIfMaxDesks)).length(24)).length(7);
export type StaffingPlan = z.infer<typeof staffingPlanSchema>;

export const whatIfRequestSchema = z
  .object({
    from: day,
    to: day,
    frontDesks: staffingPlanSchema,
    /** `when-busy`: back desks open to the public when the room turns busy (the office thresholds) and go back when calm. */
    backDesks: z.enum(['when-busy', 'never']).default('when-busy'),
  })
  .strict()
  .refine((r) => r.from <= r.to, { message: 'from must not be after to', path: ['from'] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) < whatIfMaxDays * 86_400_000, { message: `at most ${whatIfMaxDays} days`, path: ['to'] });
export type WhatIfRequest = z.infer<typeof whatIfRequestSchema>;

export const staffingQuerySchema = z
  .object({ from: day, to: day })
  .strict()
  .refine((r) => r.from <= r.to, { message: 'from must not be after to', path: ['from'] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) < whatIfMaxDays * 86_400_000, { message: `at most ${whatIfMaxDays} days`, path: ['to'] });

export const jobIdSchema = z.string().regex(/^[0-9a-f-]{36}$/, 'a job id');

export const saveScenarioSchema = z.object({ name: z.string().trim().min(1).max(80), jobId: jobIdSchema }).strict();
export const exportQuerySchema = z.object({ format: z.enum(['csv', 'xlsx']).default('csv'), lang: z.enum(['it', 'en']).default('it') }).strict();

export interface HourFigures {
  hour: number;
  tickets: number;
  medianWaitMinutes: number;
  p90WaitMinutes: number;
}

/** One side of the comparison (what really happened, or the replay). Minutes rounded to one decimal. */
export interface WhatIfFigures {
  tickets: number;
  medianWaitMinutes: number;
  p90WaitMinutes: number;
  /** Waited more than 30 minutes to be called (or were never called). */
  waitedOver30: number;
  /** Not yet called when the office closed on their day. */
  leftAtClosing: number;
  /** Time desks spent with a citizen (call to end) over the time desks were open to the public; 0…1. */
  utilisation: number;
  /** Desk-hours open to the public (for reality: each desk that called someone in an hour counts that hour). */
  deskHours: number;
  byHour: HourFigures[];
  /** Median wait per weekday and hour of arrival (only cells where someone arrived). */
  cells: { weekday: Weekday; hour: number; tickets: number; medianWaitMinutes: number }[];
}

export interface WhatIfResult {
  request: WhatIfRequest;
  /** Tickets of the period replayed; `skipped`: ones the engine refused under today's office (service gone or closed). */
  replayed: number;
  skipped: number;
  reality: WhatIfFigures;
  replay: WhatIfFigures;
  /** Replay minus reality, median wait per weekday and hour (minutes; negative: shorter waits). */
  difference: { weekday: Weekday; hour: number; arrivals: number; medianWaitDelta: number }[];
  elapsedMs: number;
}

export type WhatIfJobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface WhatIfJob {
  id: string;
  state: WhatIfJobState;
  /** 0…1: days replayed over days in the period. */
  progress: number;
  startedAt: number;
  result: WhatIfResult | null;
  error: string | null;
}

export interface WhatIfScenarioSummary {
  id: number;
  name: string;
  createdAt: number;
  createdBy: string;
  from: string;
  to: string;
  replayMedianWaitMinutes: number;
  realityMedianWaitMinutes: number;
}

export interface WhatIfScenario extends WhatIfScenarioSummary {
  result: WhatIfResult;
}

export interface StaffingReply {
  from: string;
  to: string;
  /** Front desks that really called someone, per weekday and hour, averaged over the days of that weekday, rounded. */
  frontDesks: StaffingPlan;
  /** The office's front desks (the most a plan may ask for). */
  officeFrontDesks: number;
}
