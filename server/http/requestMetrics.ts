import type { RequestHandler } from 'express';
import type { HubMetrics } from '../observability/metrics.ts';

/** Counts every response sent, by method and status, in `pc_http_requests_total`. */
export function countResponses(metrics: HubMetrics): RequestHandler {
  return (req, res, next) => {
    res.once('finish', () => metrics.countHttpResponse(req.method, res.statusCode));
    next();
  };
}
