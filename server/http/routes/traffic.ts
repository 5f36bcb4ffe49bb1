import { Router, type Request } from 'express';
import { moveTicketSchema, nearbyQuerySchema, type NearbyAnswer } from '../../../protocol/traffic.ts';
import type { Network } from '../../offices/network.ts';
import type { OfficeRuntime } from '../../offices/openOffice.ts';
import { ticketStatusView } from '../../tickets/statusView.ts';
import { findMove, type TicketMoves } from '../../traffic/move.ts';
import { nearbyOffices } from '../../traffic/nearby.ts';
import { idParam, parse, requires, sendAnswer, sendError } from '../respond.ts';

const noSuchTicket = 'No such ticket (check the link on the ticket).';

/**
 * Shared traffic of one office (see docs/api.md): the nearby offices with a shorter wait, for the kiosk
 * (`listen`) and for a ticket's phone (its link's key), and moving a ticket there from the phone.
 */
export function trafficRoutes(network: Network, office: OfficeRuntime, moves: TicketMoves): Router {
  const ctx = office.ctx;
  const offices = () => network.offices.all();
  /** Today's ticket of the link, when the key is its own; the same refusal for a wrong key and an unknown ticket. */
  const linkedTicket = (req: Request) => {
    const id = idParam(String(req.params['ticketId']));
    if (typeof id !== 'number' || !ctx.statusLinks.verify(id, req.query['key'])) return undefined;
    return ctx.committer.state.tickets.get(id);
  };
  return Router()
    .get('/nearby', requires('listen'), (req, res) => {
      const q = parse(nearbyQuerySchema, req.query, res);
      if (!q) return;
      if (!ctx.committer.state.office.services.some((s) => s.id === q.serviceId)) return sendError(res, 'unknown-service', `No service "${q.serviceId}".`);
      res.json(nearbyOffices(offices(), office, q.serviceId, ctx.clock()));
    })
    // The phone's suggestion: judged by the ticket's own estimated wait, only while it waits.
    .get('/tickets/:ticketId/nearby', (req, res) => {
      const t = linkedTicket(req);
      if (!t) return sendError(res, 'unknown-ticket', noSuchTicket);
      const state = ctx.committer.state;
      const view = ticketStatusView(state, t);
      if (t.status !== 'waiting' || t.appointmentAt !== null) {
        const none: NearbyAnswer = { serviceId: t.serviceId, waitMinutes: view.estimatedWaitMinutes, thresholdMinutes: state.office.sharing.thresholdMinutes, offices: [] };
        return res.json(none);
      }
      res.json(nearbyOffices(offices(), office, t.serviceId, ctx.clock(), view.estimatedWaitMinutes));
    })
    .get('/tickets/:ticketId/move', (req, res) => {
      const t = linkedTicket(req);
      const moved = t && findMove(offices(), office, t.id);
      if (!moved) return sendError(res, 'unknown-ticket', t ? 'This ticket was not moved.' : noSuchTicket);
      res.json(moved);
    })
    .post('/tickets/:ticketId/move', async (req, res) => {
      const t = linkedTicket(req);
      if (!t) return sendError(res, 'unknown-ticket', noSuchTicket);
      const body = parse(moveTicketSchema, req.body, res);
      if (!body) return;
      sendAnswer(res, await moves.move(office, t.id, body.officeId));
    });
}
