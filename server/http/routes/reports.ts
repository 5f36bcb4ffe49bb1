import { Router, type Response } from 'express';
import type { z } from 'zod';
import { accessesQuerySchema, monthlyQuerySchema, reportFilterSchema, type ReportFormat } from '../../../protocol/reports.ts';
import { periodQuerySchema, type PeriodReport } from '../../../protocol/periodReport.ts';
import { describeIssues } from '../../commands/execute.ts';
import type { HubContext } from '../../context.ts';
import { exportNames, localize, type ExportLang } from '../../reports/exportLabels.ts';
import { toCsv, toXlsx } from '../../reports/files.ts';
import { clerksReport, clerksTables } from '../../reports/clerks.ts';
import { liveBoard } from '../../reports/liveBoard.ts';
import { ratingsReport, ratingsTables } from '../../reports/ratings.ts';
import { needsTables } from '../../reports/needs.ts';
import { serviceMonthsTables } from '../../reports/serviceMonths.ts';
import { accessesTables, heatmapTables, monthlyTables, outcomesTables, periodTables, timesTables, type Table } from '../../reports/tables.ts';
import { requires, sendError } from '../respond.ts';

type FileQuery = { format: ReportFormat; lang: ExportLang; table?: string | undefined };

/**
 * A report as JSON, or one of its tables as CSV, or all of them as an XLSX workbook (a download), the files
 * in the language asked for, with the office's names (server/reports/exportLabels.ts).
 */
async function sendReport<T>(ctx: HubContext, res: Response, query: FileQuery, fileName: string, report: T, tables: (r: T) => Table[]) {
  if (query.format === 'json') return void res.json(report);
  const names = exportNames(ctx.office, query.lang);
  const all = tables(report).map((t) => localize(t, names));
  if (query.format === 'xlsx') {
    res.attachment(`${fileName}.xlsx`);
    return void res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await toXlsx(all));
  }
  const table = query.table === undefined ? all[0]! : all.find((t) => t.id === query.table);
  if (!table) return sendError(res, 'validation-failed', `table: one of ${all.map((t) => t.id).join(', ')}`);
  res.attachment(`${fileName}${query.table ? `-${table.id}` : ''}.csv`);
  res.type('text/csv; charset=utf-8').send(toCsv(table, query.lang));
}

function parse<S extends z.ZodType>(schema: S, query: unknown, res: Response): z.infer<S> | undefined {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  sendError(res, 'validation-failed', describeIssues(parsed.error));
  return undefined;
}

const rangeName = (q: { from: string; to: string }) => (q.from === q.to ? q.from : `${q.from}_${q.to}`);

/** The manager's reports (role manager or admin); see docs/api.md. */
export function reportRoutes(ctx: HubContext): Router {
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
    .get('/reports/live', (req, res) => {
      if (Object.keys(req.query as object).length > 0) return sendError(res, 'validation-failed', 'The live board takes no query.');
      res.json(liveBoard(ctx.committer.state, ctx.clock()));
    });
}
