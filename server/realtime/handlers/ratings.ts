import { giveTabletRating, type RatingContext } from '../../ratings/ratings.ts';
import type { HubSocket } from '../types.ts';
import { answering, currentCaller, type AnsweringContext, type CallerContext } from './answer.ts';

/** What the rating handler needs: the ratings, the caller's session, the answering's log and metrics. */
export type RatingHandlersContext = RatingContext & CallerContext & AnsweringContext;

/** The feedback tablet's rating (`rating:give { ticketId, rating }`): only a paired feedback tablet, for a ticket its desk has just finished. */
export function registerRatingHandlers(ctxOf: () => RatingHandlersContext, socket: HubSocket): void {
  socket.on(
    'rating:give',
    answering(ctxOf, async (payload, ctx) => giveTabletRating(ctx, await currentCaller(ctx, socket), payload)),
  );
}
