import { Router } from 'express';
import { hasRole } from '../../auth/auth.ts';
import type { HubContext } from '../../context.ts';
import { carriesMetricsToken } from '../metricsToken.ts';
import { requestToken, sendError } from '../respond.ts';

/** `GET /metrics` (outside /api) in the Prometheus text format, for the metrics token or a logged-in admin. */
export function metricsRoutes(ctx: HubContext): Router {
  return Router().get('/metrics', async (req, res) => {
    if (!carriesMetricsToken(req, ctx.metricsToken)) {
      const token = requestToken(req);
      const user = token ? await ctx.auth.authenticate(token) : undefined;
      if (!user) return sendError(res, 'unauthorized', 'Send the metrics token (Authorization: Bearer …) or log in as an admin.');
      if (!hasRole(user, 'admin')) return sendError(res, 'forbidden', 'Only admins may read the metrics.');
    }
    res.set({ 'content-type': ctx.metrics.contentType, 'cache-control': 'no-store' }).send(await ctx.metrics.render());
  });
}
