import { Router } from 'express';
import type { HubContext } from '../../context.ts';
import { officeInfo } from '../../officeInfo.ts';
import { matchesEtag, snapshotsOf } from '../../snapshotCache.ts';
import { serviceViews } from '../../views.ts';
import { requires } from '../respond.ts';

/** What the queue's routes need: the queue, the time, the public address. */
export type QueueRoutesContext = Pick<HubContext, 'committer' | 'clock' | 'publicUrl'>;

export function queueRoutes(ctx: QueueRoutesContext): Router {
  return Router()
    .use(['/services', '/office', '/queue'], requires('listen'))
    .get('/services', (_req, res) => {
      res.json({ services: serviceViews(ctx.committer.state) });
    })
    .get('/office', (_req, res) => {
      res.json(officeInfo(ctx.committer.state, ctx.clock(), ctx.publicUrl));
    })
    // From the snapshot kept per seq (server/snapshotCache.ts); its ETag in If-None-Match: 304, the queue has not changed.
    .get('/queue', (req, res) => {
      const current = snapshotsOf(ctx.committer).at(ctx.clock());
      res.setHeader('ETag', current.etag);
      if (matchesEtag(req.headers['if-none-match'], current.etag)) return void res.status(304).end();
      // The kept bytes written as they are (res.send would copy and encode 1.6 MB with 5,000 waiting).
      const [head, rest] = current.jsonBytes();
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Content-Length', head.length + rest.length);
      res.write(head);
      res.end(rest);
    });
}
