import { Router } from 'express';
import type { HubContext } from '../../context.ts';
import { officeInfo } from '../../officeInfo.ts';
import { serviceViews, snapshot } from '../../views.ts';
import { requires } from '../respond.ts';

export function queueRoutes(ctx: HubContext): Router {
  return Router()
    .use(['/services', '/office', '/queue'], requires('listen'))
    .get('/services', (_req, res) => {
      res.json({ services: serviceViews(ctx.committer.state) });
    })
    .get('/office', (_req, res) => {
      res.json(officeInfo(ctx.committer.state, ctx.clock(), ctx.publicUrl));
    })
    .get('/queue', (_req, res) => {
      res.json(snapshot(ctx.committer.state, ctx.committer.seq, ctx.clock()));
    });
}
