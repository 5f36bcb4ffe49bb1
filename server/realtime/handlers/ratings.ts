import type { HubContext } from '../../context.ts';
import { giveTabletRating } from '../../ratings/ratings.ts';
import type { HubSocket } from '../types.ts';
import { answering, currentCaller } from './answer.ts';

/** The feedback tablet's rating (`rating:give { ticketId, rating }`): only a paired feedback tablet, for a ticket its desk has just finished. */
export function registerRatingHandlers(ctxOf: () => HubContext, socket: HubSocket): void {
  socket.on(
    'rating:give',
    answering(ctxOf, async (payload, ctx) => giveTabletRating(ctx, await currentCaller(ctx, socket), payload)),
  );
}
