import { Router } from 'express';
import { ticketRefSchema } from '../../../protocol/commands.ts';
import type { TicketStatusAnswer } from '../../../protocol/ticketStatus.ts';
import { readTicket, type HubContext, type TicketReadContext } from '../../context.ts';
import { runCommand, type CommandContext } from '../../commands/run.ts';
import { officeInfo } from '../../officeInfo.ts';
import { giveRating, ticketRatingState, type RatingContext } from '../../ratings/ratings.ts';
import { leaveQueue, type LeaveContext } from '../../tickets/leave.ts';
import { searchTickets, type TicketSearchContext } from '../../tickets/search.ts';
import { ticketSearchSchema, type TicketSearchAnswer } from '../../../protocol/ticketSearch.ts';
import { readTicketStatus, type TicketStatusContext } from '../../tickets/statusView.ts';
import { idParam, requires, sendAnswer, sendError } from '../respond.ts';

const noSuchTicket = 'No such ticket (check the link on the ticket).';

/** What the ticket routes need: the command path, the search, the citizen's status, leaving and rating, and the office's public info. */
export type TicketRoutesContext = CommandContext & TicketSearchContext & TicketStatusContext & TicketReadContext & LeaveContext & RatingContext &
  Pick<HubContext, 'statusLinks' | 'clock' | 'publicUrl'>;

export function ticketRoutes(ctx: TicketRoutesContext): Router {
  return Router()
    .post('/tickets', requires('issue'), async (req, res) => {
      sendAnswer(res, await runCommand(ctx, 'ticket:issue', req.body, res.locals.caller, { host: req.headers.host }), 201);
    })
    // The citizen's status page: no login, but the key from the ticket's link. A wrong key and an
    // unknown ticket get the same answer, so ids cannot be probed.
    // A desk looks a ticket of today up by its number ("A 23") or id, with its history and its private fields.
    .get('/tickets', requires('desk'), async (req, res) => {
      const parsed = ticketSearchSchema.safeParse(req.query);
      if (!parsed.success) return sendError(res, 'validation-failed', 'q: a ticket number such as "A 23", or an id');
      const tickets = await searchTickets(ctx, parsed.data.q);
      if (!tickets) return sendError(res, 'validation-failed', 'q: a ticket number such as "A 23", or an id');
      const answer: TicketSearchAnswer = { tickets };
      res.json(answer);
    })
    .get('/tickets/:ticketId/status', async (req, res) => {
      const id = idParam(String(req.params.ticketId));
      const ticket = typeof id === 'number' && ctx.statusLinks.verify(id, req.query.key) ? await readTicketStatus(ctx, id) : undefined;
      if (!ticket) return sendError(res, 'unknown-ticket', noSuchTicket);
      const answer: TicketStatusAnswer = { ticket, office: officeInfo(ctx.committer.state, ctx.clock(), ctx.publicUrl), rating: await ticketRatingState(ctx, ticket.id) };
      res.json(answer); // not cached, as every API answer (server/http/app.ts)
    })
    // The citizen leaves the queue from the phone: the link's key is the only right, and only over its own ticket.
    .post('/tickets/:ticketId/leave', async (req, res) => {
      const id = idParam(String(req.params.ticketId));
      if (typeof id !== 'number' || !ctx.statusLinks.verify(id, req.query.key) || !(await readTicketStatus(ctx, id))) return sendError(res, 'unknown-ticket', noSuchTicket);
      sendAnswer(res, await leaveQueue(ctx, { kind: 'ticket', ticketId: id }, id));
    })
    // The citizen rates the service once the ticket is done (three faces): the link's key again, and only its own ticket. See server/ratings/ratings.ts.
    .post('/tickets/:ticketId/rating', async (req, res) => {
      const id = idParam(String(req.params.ticketId));
      if (typeof id !== 'number' || !ctx.statusLinks.verify(id, req.query.key) || !(await readTicketStatus(ctx, id))) return sendError(res, 'unknown-ticket', noSuchTicket);
      sendAnswer(res, await giveRating(ctx, { kind: 'ticket', ticketId: id }, id, req.body), 201);
    })
    .get('/tickets/:ticketId', requires('listen'), async (req, res) => {
      const parsed = ticketRefSchema.safeParse({ ticketId: idParam(String(req.params.ticketId)) });
      if (!parsed.success) return sendError(res, 'validation-failed', 'ticketId: a ticket id is a positive whole number');
      const ticket = await readTicket(ctx, parsed.data.ticketId);
      if (!ticket) return sendError(res, 'unknown-ticket', `No ticket ${parsed.data.ticketId}.`);
      res.json({ ticket });
    })
    // The body may give a reason (`{ "reason": "left" }`, one of protocol/commands.ts cancelReasons); none is fine.
    .post('/tickets/:ticketId/cancel', async (req, res) => {
      const body: unknown = req.body === undefined ? {} : req.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return sendError(res, 'validation-failed', 'The body must be a JSON object.');
      const payload = { ...body, ticketId: idParam(req.params.ticketId) };
      sendAnswer(res, await runCommand(ctx, 'ticket:cancel', payload, res.locals.caller, { host: req.headers.host }));
    })
    // A no-show comes back (the citizen was late), to the head of its queue, within policy.noShowRecoveryMinutes.
    .post('/tickets/:ticketId/recover', async (req, res) => {
      const payload = { ticketId: idParam(req.params.ticketId) };
      sendAnswer(res, await runCommand(ctx, 'ticket:recover', payload, res.locals.caller, { host: req.headers.host }));
    });
}
