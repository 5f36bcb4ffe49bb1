import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Whether the request carries `Authorization: Bearer <METRICS_TOKEN>`, the monitoring system's key to
 * `/metrics` and the detailed `/api/health`. Compared in constant time; never true when no token is set.
 */
export function carriesMetricsToken(req: Request, metricsToken: string | undefined): boolean {
  const header = req.get('authorization');
  if (!metricsToken || !header?.startsWith('Bearer ')) return false;
  return timingSafeEqual(digest(header.slice(7).trim()), digest(metricsToken));
}
