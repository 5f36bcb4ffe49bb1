import { z } from 'zod';
import type { CallNeed } from './needs.ts';
import { idPattern } from './ids.ts';
import type { DeskMode } from './views.ts';
import type { Weekday } from './office.ts';

/**
 * The manager's reports (`GET /api/reports/…`, role manager or admin). Days and months are the office's
 * local calendar days; minutes are rounded to one decimal; an average over nothing is 0.
 */

const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'YYYY-MM-DD');
const id = z.string().regex(idPattern);
export const reportFormats = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof reportFormats)[number];
/** The language of a CSV or XLSX file's headers and names (`it` by default); JSON ignores it. */
const reportLang = z.enum(['it', 'en']).default('it');

/** Filters every report takes: an inclusive range of office days, and optionally one service and/or one desk. */
export const reportFilterSchema = z
  .object({
    from: day,
    to: day,
    service: id.optional(),
    desk: id.optional(),
    format: z.enum(reportFormats).default('json'),
    lang: reportLang,
    /** Which table a CSV holds, for reports with several (XLSX has them all, one per sheet). */
    table: z.string().regex(/^[a-zA-Z]{1,40}$/).optional(),
  })
  .strict()
  .refine((f) => f.from <= f.to, { message: 'from must not be after to', path: ['from'] })
  .refine((f) => Date.parse(f.to) - Date.parse(f.from) <= 20 * 366 * 86_400_000, { message: 'at most 20 years', path: ['to'] });
export type ReportFilter = z.infer<typeof reportFilterSchema>;

export const monthlyQuerySchema = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100),
    service: id.optional(),
    desk: id.optional(),
    format: z.enum(reportFormats).default('json'),
    lang: reportLang,
  })
  .strict();

export const accessesQuerySchema = reportFilterSchema.safeExtend({ by: z.enum(['day', 'week', 'month']).default('day') });

/** Accesses of one period: tickets issued, citizens served, no-shows, cancelled tickets, average wait and service. */
export interface AccessFigures {
  issued: number;
  served: number;
  noShows: number;
  /** Tickets the citizen left ("Non mi serve più") or staff cancelled. */
  cancelled: number;
  avgWaitMinutes: number;
  avgServiceMinutes: number;
}

/** `GET /api/reports/monthly?year=YYYY`: twelve months, zeros where nothing happened, and the year's total. */
export interface MonthlyReport {
  year: number;
  months: (AccessFigures & { month: string })[];
  total: AccessFigures;
}

/** `GET /api/reports/accesses?from&to&by=day|week|month`: one row per period in the range (weeks start on Monday; `period` is the Monday's day, or `YYYY-MM` for months). */
export interface AccessesReport {
  from: string;
  to: string;
  by: 'day' | 'week' | 'month';
  rows: (AccessFigures & { period: string })[];
  total: AccessFigures;
}

/** `GET /api/reports/outcomes`: what was delivered, per month, per outcome code and per service. */
export interface OutcomesReport {
  from: string;
  to: string;
  /** Every outcome code that occurs, most frequent first. */
  codes: string[];
  months: { month: string; outcomes: Record<string, number>; servedByService: Record<string, number> }[];
  total: { outcomes: Record<string, number>; servedByService: Record<string, number> };
}

/**
 * A count from one of the reports' tables keyed by id (outcome code, service id): only the table's own
 * entries count, since an id may be any name, `constructor` included.
 */
export function countIn(table: Readonly<Record<string, number>>, id: string): number {
  return Object.hasOwn(table, id) ? table[id]! : 0;
}

/** Mean, median and 90th percentile in minutes; median and p90 to the whole minute. */
export interface Spread {
  mean: number;
  median: number;
  p90: number;
}

export interface TimesRow {
  /** A service id, a desk id, or "all". */
  key: string;
  /** Tickets that reached this service or desk and ended (served, no-show). */
  served: number;
  noShows: number;
  /** noShows ÷ (served + noShows), 0–1. */
  noShowRate: number;
  transfers: number;
  wait: Spread;
  service: Spread;
}

/** Served tickets closed at the first level and sent to a second-level appointment; rate = first ÷ served, 0–1. */
export interface FirstContact {
  firstLevel: number;
  secondLevel: number;
  rate: number;
}

/** `GET /api/reports/times`: waits and service times per service and per desk, first-contact resolution, back desks on the public. */
export interface TimesReport {
  from: string;
  to: string;
  overall: TimesRow;
  byService: TimesRow[];
  byDesk: TimesRow[];
  /** Served tickets closed at the first level, against those sent to a second-level appointment. */
  firstContact: FirstContact & {
    /** The office's goal for `rate` (`policy.firstContactTarget`), 0–1. */
    target: number;
    /** Per service the tickets ended with, services with nobody served left out. */
    byService: (FirstContact & { serviceId: string })[];
  };
  /** Minutes each back-office desk spent open to the public, within opening hours. */
  backDesks: { deskId: string; publicMinutes: number }[];
}

/** `GET /api/reports/heatmap`: arrivals and average wait by weekday and hour of arrival (office time). */
export interface HeatmapReport {
  from: string;
  to: string;
  cells: { weekday: Weekday; hour: number; arrivals: number; arrivalsPerDay: number; avgWaitMinutes: number }[];
}

/** `GET /api/reports/live`: the room right now. */
export interface LiveBoard {
  at: string;
  day: string;
  roomBusy: boolean;
  waiting: number;
  longestWaitMinutes: number;
  services: { serviceId: string; waiting: number; longestWaitMinutes: number; open: boolean }[];
  desks: { deskId: string; name: string; kind: 'front' | 'back'; mode: DeskMode; currentNumber: string | null; servedToday: number; heldBy: string | null; open: boolean }[];
}

/** One line of the audit log (`GET /api/admin/audit`). */
export interface AuditEntry {
  id: number;
  at: string;
  /** The staff username, or "cli" for a command-line change. */
  actor: string;
  action: string;
  target: string;
  detail: unknown;
}

/**
 * `GET /api/reports/needs?from&to`: how many tickets asked for each kind of help with being called
 * (protocol/needs.ts), per month and in total; anonymous counts only. `tickets` counts tickets with at least one need.
 */
export interface NeedsReport {
  from: string;
  to: string;
  needs: CallNeed[];
  months: { month: string; tickets: number; counts: Record<CallNeed, number> }[];
  total: { tickets: number; counts: Record<CallNeed, number> };
}

/** One clerk's figures in `ClerksReport`: served tickets, their mean service time and first-contact resolution. */
export interface ClerkFigures extends FirstContact {
  /** The staff account that held the desk when the ticket was last called: personal data, for managers only. */
  username: string;
  served: number;
  avgServiceMinutes: number;
}

/** `GET /api/reports/clerks?from&to`: per clerk, most recent call's holder; `total` over every clerk. */
export interface ClerksReport {
  from: string;
  to: string;
  clerks: ClerkFigures[];
  total: Omit<ClerkFigures, 'username'>;
  /** The office's first-contact goal (`policy.firstContactTarget`), 0–1. */
  target: number;
}

/**
 * `GET /api/reports/service-months?from&to`: tickets issued per service (rows) and month (columns), with the
 * row and column totals. Every service of the office has a row, zeros included.
 */
export interface ServiceMonthsReport {
  from: string;
  to: string;
  months: string[];
  services: { serviceId: string; issued: number[]; total: number }[];
  monthTotals: number[];
  total: number;
}

/**
 * `GET /api/reports/kiosk-gaps`: numbers kiosks held ahead of time for a network blip and never issued, released
 * at each day's rollover (gaps in that day's numbering), per day, kiosk and service.
 */
export interface KioskGapsReport {
  from: string;
  to: string;
  rows: { day: string; kioskId: string; serviceId: string; count: number; numbers: string[] }[];
  total: number;
}
