import type { RequestHandler } from 'express';
import { answeringMetrics } from './respond.ts';

/** Counts every response sent in `pc_http_requests_total`, by the office that answered it (see answeringMetrics), method and status. */
export function countResponses(): RequestHandler {
  return (req, res, next) => {
    res.once('finish', () => answeringMetrics(res)?.countHttpResponse(req.method, res.statusCode));
    next();
  };
}
