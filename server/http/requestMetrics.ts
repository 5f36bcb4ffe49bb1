import type { Request, Response } from 'express';
import { answeringMetrics } from './respond.ts';

/** Counts the response when it is sent, in `pc_http_requests_total`, by the office that answered it (see answeringMetrics), method and status. */
export function countResponse(req: Request, res: Response): void {
  res.once('finish', () => answeringMetrics(res)?.countHttpResponse(req.method, res.statusCode));
}
