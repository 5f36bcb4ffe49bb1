import { Router } from 'express';
import type { HubContext } from '../../context.ts';

export function healthRoutes(ctx: HubContext): Router {
  const startedAt = ctx.clock();
  return Router().get('/health', (_req, res) => {
    const state = ctx.committer.state;
    res.json({ status: 'ok', office: ctx.office.name, day: state.day, seq: ctx.committer.seq, uptimeSeconds: Math.round((ctx.clock() - startedAt) / 1000), printers: ctx.printing.service.statuses() });
  });
}
