import { Router } from 'express';
import { exportQuerySchema, jobIdSchema, saveScenarioSchema, staffingQuerySchema, whatIfRequestSchema } from '../../../protocol/whatif.ts';
import { staffUser } from '../../auth/access.ts';
import type { HubContext } from '../../context.ts';
import { dayOf } from '../../engine/calendar.ts';
import { WhatIfJobs } from '../../whatif/jobs.ts';
import { ScenarioStore } from '../../whatif/scenarioStore.ts';
import { realStaffing } from '../../whatif/staffing.ts';
import { whatIfTables } from '../../whatif/tables.ts';
import { parse, requires, sendError } from '../respond.ts';
import { sendReport, type ReportFileContext } from '../sendReport.ts';

const scenarioId = (value: string) => (/^[1-9]\d{0,12}$/.test(value) ? Number(value) : undefined);

/** What the what-if routes need: the database (replays, scenarios), the office config, the time, the report files. */
export type WhatIfRoutesContext = ReportFileContext & Pick<HubContext, 'database' | 'office' | 'clock'>;

/**
 * What-if staffing (role manager or admin; see docs/api.md): replays run one at a time in a worker thread on
 * their own read-only connection; saved scenarios live in whatif_scenarios.
 */
export function whatIfRoutes(ctx: WhatIfRoutesContext): Router {
  // The replay worker opens the SQLite file read-only: on PostgreSQL, replays are refused (below) until it can read there.
  const jobs = new WhatIfJobs((request) => ({ dbPath: ctx.database.path ?? ':memory:', office: ctx.office, request }), ctx.clock);
  const scenarios = new ScenarioStore(ctx.database);
  const frontDesks = () => ctx.office.desks.filter((d) => d.kind === 'front').length;
  const today = () => dayOf(ctx.clock(), ctx.office.timeZone);

  return Router()
    .use('/whatif', requires('reports'))
    .get('/whatif/staffing', async (req, res) => {
      const q = parse(staffingQuerySchema, req.query, res);
      if (q) res.json(await realStaffing(ctx.database, ctx.office, q.from, q.to));
    })
    .get('/whatif/scenarios', async (_req, res) => {
      res.json({ scenarios: await scenarios.list() });
    })
    .post('/whatif/scenarios', async (req, res) => {
      const body = parse(saveScenarioSchema, req.body, res);
      if (!body) return;
      const job = jobs.get(body.jobId);
      if (!job) return sendError(res, 'not-found', 'No such what-if job (only the last few are kept).');
      if (!job.result) return sendError(res, 'wrong-state', `The job is ${job.state}; only a finished replay can be saved.`);
      const who = staffUser(res.locals.caller)?.username ?? 'staff';
      res.status(201).json(await scenarios.save(body.name, who, ctx.clock(), job.result));
    })
    .get('/whatif/scenarios/:id', async (req, res) => {
      const id = scenarioId(req.params.id);
      const found = id === undefined ? undefined : await scenarios.get(id);
      if (!found) return sendError(res, 'not-found', 'No such scenario.');
      res.json(found);
    })
    .get('/whatif/scenarios/:id/export', async (req, res) => {
      const q = parse(exportQuerySchema, req.query, res);
      if (!q) return;
      const id = scenarioId(req.params.id);
      const found = id === undefined ? undefined : await scenarios.get(id);
      if (!found) return sendError(res, 'not-found', 'No such scenario.');
      await sendReport(ctx, res, q, `simulazione-${found.id}`, found.result, whatIfTables);
    })
    .delete('/whatif/scenarios/:id', async (req, res) => {
      const id = scenarioId(req.params.id);
      if (id === undefined || !(await scenarios.remove(id))) return sendError(res, 'not-found', 'No such scenario.');
      res.status(204).end();
    })
    .post('/whatif', (req, res) => {
      const request = parse(whatIfRequestSchema, req.body, res);
      if (!request) return;
      if (request.to >= today()) return sendError(res, 'validation-failed', `to: a replay covers days that are over; end the period before ${today()}.`);
      const most = Math.max(...request.frontDesks.flat());
      if (most > frontDesks()) return sendError(res, 'validation-failed', `frontDesks: the office has ${frontDesks()} front desks; the plan asks for ${most}.`);
      if (ctx.database.path === ':memory:') return sendError(res, 'wrong-state', 'A hub on an in-memory database cannot replay its history.');
      if (ctx.database.engine === 'postgres') return sendError(res, 'wrong-state', 'What-if replays run on SQLite only for now: this hub stores its data in PostgreSQL (DATABASE_URL).');
      const job = jobs.begin(request);
      if (!job) return sendError(res, 'in-use', `A replay is already running (job ${jobs.busyWith}); wait for it or cancel it.`);
      res.status(202).json(job);
    })
    .get('/whatif/:jobId', (req, res) => {
      const id = parse(jobIdSchema, req.params.jobId, res);
      if (id === undefined) return;
      const job = jobs.get(id);
      if (!job) return sendError(res, 'not-found', 'No such what-if job (only the last few are kept).');
      res.json(job);
    })
    .get('/whatif/:jobId/export', async (req, res) => {
      const q = parse(exportQuerySchema, req.query, res);
      const id = q && parse(jobIdSchema, req.params.jobId, res);
      if (id === undefined || !q) return;
      const job = jobs.get(id);
      if (!job?.result) return sendError(res, 'not-found', 'No finished what-if job with that id.');
      await sendReport(ctx, res, q, `simulazione-${job.result.request.from}_${job.result.request.to}`, job.result, whatIfTables);
    })
    .delete('/whatif/:jobId', (req, res) => {
      const id = parse(jobIdSchema, req.params.jobId, res);
      if (id === undefined) return;
      if (!jobs.cancel(id)) return sendError(res, 'not-found', 'No running what-if job with that id.');
      res.status(204).end();
    });
}
