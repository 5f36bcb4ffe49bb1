import { Router } from 'express';
import { offlineReportSchema, reserveBlocksSchema } from '../../../protocol/kioskBlocks.ts';
import { reportOfflineTickets, reserveBlocks, type KioskBlocksContext } from '../../tickets/kioskBlocks.ts';
import { parse, requires, sendAnswer } from '../respond.ts';

/** A kiosk's blocks of reserved numbers, and its report of the tickets it issued from them offline. */
export function kioskBlockRoutes(ctx: KioskBlocksContext): Router {
  return Router()
    .post('/kiosk/blocks', requires('issue'), async (req, res) => {
      const body = parse(reserveBlocksSchema, req.body, res);
      if (body) sendAnswer(res, await reserveBlocks(ctx, res.locals.caller, body));
    })
    .post('/kiosk/offline-tickets', requires('issue'), async (req, res) => {
      const body = parse(offlineReportSchema, req.body, res);
      if (body) sendAnswer(res, await reportOfflineTickets(ctx, res.locals.caller, body));
    });
}
