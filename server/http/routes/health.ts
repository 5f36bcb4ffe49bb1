import { Router } from 'express';
import { hasRole } from '../../auth/auth.ts';
import type { HubContext } from '../../context.ts';
import { healthReport } from '../../observability/healthReport.ts';
import { carriesMetricsToken } from '../metricsToken.ts';

/** `GET /api/health`: only `{ status }` for anyone; the whole report for managers, admins and the metrics token. */
export function healthRoutes(ctx: HubContext): Router {
  const startedAt = ctx.clock();
  return Router().get('/health', async (req, res) => {
    const report = await healthReport(ctx, startedAt);
    const detailed = hasRole(res.locals.user, 'manager') || carriesMetricsToken(req, ctx.metricsToken);
    res.set('cache-control', 'no-store').json(detailed ? report : { status: report.status });
  });
}
