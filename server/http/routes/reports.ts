import { Router } from 'express';
import { accessesQuerySchema, monthlyQuerySchema, reportFilterSchema } from '../../../protocol/reports.ts';
import { periodQuerySchema, type PeriodReport } from '../../../protocol/periodReport.ts';
import type { HubContext } from '../../context.ts';
import { clerksReport, clerksTables } from '../../reports/clerks.ts';
import { liveBoard } from '../../reports/liveBoard.ts';
import { kioskGapsReport, kioskGapsTables } from '../../reports/kioskGaps.ts';
import { ratingsReport, ratingsTables } from '../../reports/ratings.ts';
import { needsTables } from '../../reports/needs.ts';
import { serviceMonthsTables } from '../../reports/serviceMonths.ts';
import { accessesTables, heatmapTables, monthlyTables, outcomesTables, periodTables, timesTables } from '../../reports/tables.ts';
import { parse, requires, sendError } from '../respond.ts';
import { sendReport, type ReportFileContext } from '../sendReport.ts';

const rangeName = (q: { from: string; to: string }) => (q.from === q.to ? q.from : `${q.from}_${q.to}`);

/** What the manager's reports need: the reports and the database, the office config, today's queue and the time (live board), the report files. */
export type ReportRoutesContext = ReportFileContext & Pick<HubContext, 'reports' | 'database' | 'office' | 'committer' | 'clock'>;

/** The manager's reports (role manager or admin); see docs/api.md. */
export function reportRoutes(ctx: ReportRoutesContext): Router {
  const reports = ctx.reports;
  return Router()
    .use('/reports', requires('reports'))
    .get('/reports/monthly', async (req, res) => {
      const q = parse(monthlyQuerySchema, req.query, res);
      if (q) await sendReport(ctx, res, q, `accessi-${q.year}`, await reports.monthly(q.year, q), monthlyTables);
    })
    .get('/reports/accesses', async (req, res) => {
      const q = parse(accessesQuerySchema, req.query, res);
      if (q) await sendReport(ctx, res, q, `accessi-${rangeName(q)}`, await reports.accesses(q, q.by), accessesTables);
    })
    .get('/reports/outcomes', async (req, res) => {
      const q = parse(reportFilterSchema, req.query, res);
      if (q) await sendReport(ctx, res, q, `prestazioni-${rangeName(q)}`, await reports.outcomes(q), outcomesTables);
    })
    .get('/reports/period', async (req, res) => {
      const q = parse(periodQuerySchema, req.query, res);
      if (q) await sendReport(ctx, res, q, `rendiconto-${rangeName(q)}`, await reports.period(q), (r: PeriodReport) => periodTables(r, q.lang));
    })
    .get('/reports/times', async (req, res) => {
      const q = parse(reportFilterSchema, req.query, res);
      if (q) await sendReport(ctx, res, q, `tempi-${rangeName(q)}`, await reports.times(q), timesTables);
    })
    .get('/reports/heatmap', async (req, res) => {
      const q = parse(reportFilterSchema, req.query, res);
      if (q) await sendReport(ctx, res, q, `orari-${rangeName(q)}`, await reports.heatmap(q), heatmapTables);
    })
    .get('/reports/ratings', async (req, res) => {
      const q = parse(reportFilterSchema, req.query, res);
      if (q) await sendReport(ctx, res, q, `soddisfazione-${rangeName(q)}`, await ratingsReport(ctx.database, q), ratingsTables);
    })
    .get('/reports/needs', async (req, res) => {
      const q = parse(reportFilterSchema, req.query, res);
      if (q) await sendReport(ctx, res, q, `aiuti-chiamata-${rangeName(q)}`, await reports.needs(q), needsTables);
    })
    .get('/reports/service-months', async (req, res) => {
      const q = parse(reportFilterSchema, req.query, res);
      if (q) await sendReport(ctx, res, q, `accessi-per-servizio-${rangeName(q)}`, await reports.serviceMonths(q), serviceMonthsTables);
    })
    .get('/reports/clerks', async (req, res) => {
      const q = parse(reportFilterSchema, req.query, res);
      if (q) await sendReport(ctx, res, q, `operatori-${rangeName(q)}`, await clerksReport(ctx.database, q, ctx.office.policy.firstContactTarget), clerksTables);
    })
    .get('/reports/kiosk-gaps', async (req, res) => {
      const q = parse(reportFilterSchema, req.query, res);
      if (q) await sendReport(ctx, res, q, `numeri-non-usati-${rangeName(q)}`, await kioskGapsReport(ctx.database, ctx.office, q), kioskGapsTables);
    })
    .get('/reports/live', (req, res) => {
      if (Object.keys(req.query as object).length > 0) return sendError(res, 'validation-failed', 'The live board takes no query.');
      res.json(liveBoard(ctx.committer.state, ctx.clock()));
    });
}
