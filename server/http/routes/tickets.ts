import { Router } from 'express';
import { ticketRefSchema } from '../../../protocol/commands.ts';
import { readTicket, type HubContext } from '../../context.ts';
import { executeCommand } from '../../commands/execute.ts';
import { runCommand } from '../../commands/run.ts';
import { idParam, sendAnswer, sendError } from '../respond.ts';

export function ticketRoutes(ctx: HubContext): Router {
  return Router()
    .post('/tickets', async (req, res) => {
      sendAnswer(res, await runCommand(ctx, 'ticket:issue', req.body, res.locals.user, { host: req.headers.host }), 201);
    })
    .get('/tickets/:ticketId', async (req, res) => {
      const parsed = ticketRefSchema.safeParse({ ticketId: idParam(req.params.ticketId) });
      if (!parsed.success) return sendError(res, 'validation-failed', 'ticketId: a ticket id is a positive whole number');
      const ticket = await readTicket(ctx, parsed.data.ticketId);
      if (!ticket) return sendError(res, 'unknown-ticket', `No ticket ${parsed.data.ticketId}.`);
      res.json({ ticket });
    })
    .post('/tickets/:ticketId/cancel', async (req, res) => {
      const payload = { ticketId: idParam(req.params.ticketId) };
      sendAnswer(res, await executeCommand(ctx.committer, 'ticket:cancel', payload, res.locals.user));
    });
}
