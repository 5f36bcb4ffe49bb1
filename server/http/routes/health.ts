import { Router } from 'express';
import { can } from '../../auth/access.ts';
import type { HubContext } from '../../context.ts';
import { healthReport } from '../../observability/healthReport.ts';
import { carriesMetricsToken } from '../metricsToken.ts';

/** `GET /api/health`: only `{ status }` for anyone; the whole report for managers, admins and the metrics token. */
export function healthRoutes(ctx: HubContext): Router {
  const startedAt = ctx.clock();
  return Router().get('/health', async (req, res) => {
    const report = await healthReport(ctx, startedAt);
    const detailed = can(res.locals.caller, 'reports') || carriesMetricsToken(req, ctx.metricsToken);
    res.set('cache-control', 'no-store').json(detailed ? report : { status: report.status });
  });
}
