import { Router } from 'express';
import { callbackListQuerySchema, closeCallbackSchema, createCallbackSchema } from '../../../protocol/appointments.ts';
import { kioskOf, refusal, staffUser } from '../../auth/access.ts';
import type { CallbackContext } from '../../callbacks/callbacks.ts';
import type { HubContext } from '../../context.ts';
import { describeIssues } from '../../commands/execute.ts';
import { kioskThrottle, type KioskThrottleContext } from '../../commands/run.ts';
import { idParam, requires, sendAnswer, sendError } from '../respond.ts';

/** What the call-back routes need: the call-backs and what they read, the kiosk's rate. */
export type CallbackRoutesContext = CallbackContext & KioskThrottleContext & Pick<HubContext, 'callbacks'>;

/** Call-back requests: left by a desk or a kiosk, listed and closed at the desks. */
export function callbackRoutes(ctx: CallbackRoutesContext): Router {
  const clerk = requires('desk');
  return Router()
    .post('/callbacks', requires('issue'), async (req, res) => {
      const parsed = createCallbackSchema.safeParse(req.body);
      if (!parsed.success) return sendError(res, 'validation-failed', describeIssues(parsed.error));
      const c = parsed.data;
      if ((c.deskId === undefined) === (c.kioskId === undefined)) return sendError(res, 'validation-failed', 'Give either deskId or kioskId.');
      const throttled = c.kioskId !== undefined && kioskThrottle(ctx, res.locals.caller);
      if (throttled) return sendError(res, throttled.code, throttled.message, throttled.retryAfterSeconds);
      const refused = c.deskId !== undefined && refusal(res.locals.caller, 'desk');
      if (refused) return sendError(res, refused.code, 'Log in as staff to take a call-back at a desk.');
      // A kiosk leaves call-backs as itself, whatever the body says.
      if (c.kioskId !== undefined) c.kioskId = kioskOf(res.locals.caller, c.kioskId);
      if (c.kioskId !== undefined && c.note !== undefined) return sendError(res, 'validation-failed', 'note: only a desk adds a note.');
      sendAnswer(res, await ctx.callbacks.create(ctx, c), 201);
    })
    .get('/callbacks', clerk, async (req, res) => {
      const parsed = callbackListQuerySchema.safeParse(req.query);
      if (!parsed.success) return sendError(res, 'validation-failed', describeIssues(parsed.error));
      res.json({ callbacks: await ctx.callbacks.list(ctx, parsed.data.status) });
    })
    .post('/callbacks/:id/close', clerk, async (req, res) => {
      const id = idParam(String(req.params.id));
      if (typeof id !== 'number') return sendError(res, 'validation-failed', 'id: a call-back id is a positive whole number');
      const parsed = closeCallbackSchema.safeParse(req.body);
      if (!parsed.success) return sendError(res, 'validation-failed', describeIssues(parsed.error));
      sendAnswer(res, await ctx.callbacks.close(ctx, id, parsed.data.outcome, parsed.data.deskId, staffUser(res.locals.caller)?.username ?? 'staff'));
    });
}
