import { Router } from 'express';
import { ticketRefSchema } from '../../../protocol/commands.ts';
import type { TicketStatusAnswer } from '../../../protocol/ticketStatus.ts';
import { readTicket, type HubContext } from '../../context.ts';
import { runCommand } from '../../commands/run.ts';
import { officeInfo } from '../../officeInfo.ts';
import { idParam, requires, sendAnswer, sendError } from '../respond.ts';

export function ticketRoutes(ctx: HubContext): Router {
  return Router()
    .post('/tickets', requires('issue'), async (req, res) => {
      sendAnswer(res, await runCommand(ctx, 'ticket:issue', req.body, res.locals.caller, { host: req.headers.host }), 201);
    })
    // The citizen's status page: no login, but the key from the ticket's link. A wrong key and an
    // unknown ticket get the same answer, so ids cannot be probed.
    .get('/tickets/:ticketId/status', async (req, res) => {
      const id = idParam(String(req.params.ticketId));
      const ticket = typeof id === 'number' && ctx.statusLinks.verify(id, req.query.key) ? await readTicket(ctx, id) : undefined;
      if (!ticket) return sendError(res, 'unknown-ticket', 'No such ticket (check the link on the ticket).');
      const { number, serviceId, status, issuedAt, calledAt, deskId, position, estimatedWaitMinutes } = ticket;
      const answer: TicketStatusAnswer = {
        ticket: { id: ticket.id, number, serviceId, status, issuedAt, calledAt, deskId, position, estimatedWaitMinutes },
        office: officeInfo(ctx.committer.state, ctx.clock(), ctx.publicUrl),
      };
      res.json(answer); // not cached, as every API answer (server/http/app.ts)
    })
    .get('/tickets/:ticketId', requires('listen'), async (req, res) => {
      const parsed = ticketRefSchema.safeParse({ ticketId: idParam(String(req.params.ticketId)) });
      if (!parsed.success) return sendError(res, 'validation-failed', 'ticketId: a ticket id is a positive whole number');
      const ticket = await readTicket(ctx, parsed.data.ticketId);
      if (!ticket) return sendError(res, 'unknown-ticket', `No ticket ${parsed.data.ticketId}.`);
      res.json({ ticket });
    })
    .post('/tickets/:ticketId/cancel', async (req, res) => {
      const payload = { ticketId: idParam(req.params.ticketId) };
      sendAnswer(res, await runCommand(ctx, 'ticket:cancel', payload, res.locals.caller, { host: req.headers.host }));
    });
}
