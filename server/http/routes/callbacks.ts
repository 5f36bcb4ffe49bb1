import { Router } from 'express';
import { callbackListQuerySchema, closeCallbackSchema, createCallbackSchema } from '../../../protocol/appointments.ts';
import { hasRole } from '../../auth/auth.ts';
import type { HubContext } from '../../context.ts';
import { describeIssues } from '../../commands/execute.ts';
import { idParam, requireRole, sendAnswer, sendError } from '../respond.ts';

/** Call-back requests: left by a desk (clerk role) or a kiosk (open), listed and closed by staff. */
export function callbackRoutes(ctx: HubContext): Router {
  const clerk = requireRole('clerk');
  return Router()
    .post('/callbacks', async (req, res) => {
      const parsed = createCallbackSchema.safeParse(req.body);
      if (!parsed.success) return sendError(res, 'validation-failed', describeIssues(parsed.error));
      const c = parsed.data;
      if ((c.deskId === undefined) === (c.kioskId === undefined)) return sendError(res, 'validation-failed', 'Give either deskId or kioskId.');
      if (c.deskId !== undefined && !hasRole(res.locals.user, 'clerk')) {
        return sendError(res, res.locals.user ? 'forbidden' : 'unauthorized', 'Log in as staff to take a call-back at a desk.');
      }
      if (c.kioskId !== undefined && c.note !== undefined) return sendError(res, 'validation-failed', 'note: only a desk adds a note.');
      sendAnswer(res, await ctx.callbacks.create(ctx, c), 201);
    })
    .get('/callbacks', clerk, async (req, res) => {
      const parsed = callbackListQuerySchema.safeParse(req.query);
      if (!parsed.success) return sendError(res, 'validation-failed', describeIssues(parsed.error));
      res.json({ callbacks: await ctx.callbacks.list(parsed.data.status) });
    })
    .post('/callbacks/:id/close', clerk, async (req, res) => {
      const id = idParam(String(req.params.id));
      if (typeof id !== 'number') return sendError(res, 'validation-failed', 'id: a call-back id is a positive whole number');
      const parsed = closeCallbackSchema.safeParse(req.body);
      if (!parsed.success) return sendError(res, 'validation-failed', describeIssues(parsed.error));
      sendAnswer(res, await ctx.callbacks.close(ctx, id, parsed.data.outcome, parsed.data.deskId));
    });
}
