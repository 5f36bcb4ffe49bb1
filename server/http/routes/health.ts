import { Router, type RequestHandler } from 'express';
import { can } from '../../auth/access.ts';
import type { HubContext } from '../../context.ts';
import { healthReport, healthStatus, type HealthContext } from '../../observability/healthReport.ts';
import { carriesMetricsToken } from '../metricsToken.ts';

/** What `/api/health` needs: the report's parts and the metrics token. */
export type HealthRoutesContext = HealthContext & Pick<HubContext, 'metricsToken'>;

/** `GET /api/health`: only `{ status }` for anyone; the whole report for managers, admins and the metrics token. */
export function healthRoutes(ctx: HealthRoutesContext): Router {
  return Router().get('/health', healthAnswer(ctx));
}

/** The handler of `GET /api/health` (after the office API's front middleware: it reads `res.locals.caller`). */
export function healthAnswer(ctx: HealthRoutesContext): RequestHandler {
  const startedAt = ctx.clock();
  return async (req, res) => {
    const detailed = can(res.locals.caller, 'reports') || carriesMetricsToken(req, ctx.metricsToken);
    res.set('cache-control', 'no-store').json(detailed ? await healthReport(ctx, startedAt) : { status: await healthStatus(ctx) });
  };
}
