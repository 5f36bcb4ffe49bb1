import { Router } from 'express';
import { refusal } from '../../auth/access.ts';
import type { HubContext } from '../../context.ts';
import type { NodeMetrics } from '../../observability/nodeMetrics.ts';
import { carriesMetricsToken } from '../metricsToken.ts';
import { requestToken, sendError } from '../respond.ts';

/** What `/metrics` needs: the node's metrics (every office's), their token, and the sessions (an admin may read them too). */
export type MetricsRoutesContext = Pick<HubContext, 'metricsToken' | 'auth'> & { nodeMetrics: NodeMetrics };

/** `GET /metrics` (outside /api) in the Prometheus text format, every office of this node, for the metrics token or a logged-in admin. */
export function metricsRoutes(ctx: MetricsRoutesContext): Router {
  return Router().get('/metrics', async (req, res) => {
    if (!carriesMetricsToken(req, ctx.metricsToken)) {
      const refused = refusal(await ctx.auth.identify(requestToken(req)), 'admin');
      if (refused?.code === 'unauthorized') return sendError(res, 'unauthorized', 'Send the metrics token (Authorization: Bearer …) or log in as an admin.');
      if (refused) return sendError(res, 'forbidden', 'Only admins may read the metrics.');
    }
    res.set({ 'content-type': ctx.nodeMetrics.contentType, 'cache-control': 'no-store' }).send(await ctx.nodeMetrics.render());
  });
}
