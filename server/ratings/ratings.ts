import { ratingBodySchema, tabletRatingSchema, tabletRatingWindowMinutes, type RatingAnswer, type RatingValue, type TicketRatingState } from '../../protocol/ratings.ts';
import type { Answer, ApiError } from '../../protocol/errors.ts';
import { refusal, type Caller } from '../auth/access.ts';
import { describeIssues } from '../commands/execute.ts';
import type { HubContext } from '../context.ts';
import { dayOf } from '../engine/calendar.ts';
import type { Ticket } from '../engine/index.ts';
import { RatingStore } from '../store/ratingStore.ts';

/** What a rating needs: the office's satisfaction settings and time zone, the time, today's tickets, the ratings table. */
export type RatingContext = Pick<HubContext, 'office' | 'clock' | 'committer' | 'database'>;

const refused = (code: ApiError['code'], message: string): { ok: false; error: ApiError } => ({ ok: false, error: { code, message } });

/**
 * A citizen's rating of a ticket just served ("Mettiamoci la faccia"). Two callers may give it: the
 * ticket's own link (the phone page; the route checked its key) and the feedback tablet paired to the
 * desk that finished the ticket, within a few minutes of it. Only a ticket done today can be rated, once:
 * whichever of phone and tablet comes first wins, the other gets `already-rated`. When the office does not
 * ask (`satisfaction.enabled` false) every rating gets `ratings-off`.
 *
 * This is the phone's: the route checked the link's key, and the body is `{ rating }`.
 */
export async function giveRating(ctx: RatingContext, caller: Caller, ticketId: number, payload: unknown): Promise<Answer<RatingAnswer>> {
  const denied = refusal(caller, 'rate');
  if (denied) return { ok: false, error: denied };
  if (caller.kind !== 'ticket' || caller.ticketId !== ticketId) return refused('forbidden', 'A ticket link may rate only its own ticket.');
  const parsed = ratingBodySchema.safeParse(payload);
  if (!parsed.success) return refused('validation-failed', describeIssues(parsed.error));
  return keep(ctx, caller, ticketId, parsed.data.rating);
}

/** The feedback tablet's `rating:give { ticketId, rating }`: a paired feedback tablet only, for a ticket its desk finished a few minutes ago at most. */
export async function giveTabletRating(ctx: RatingContext, caller: Caller, payload: unknown): Promise<Answer<RatingAnswer>> {
  const denied = refusal(caller, 'rate');
  if (denied) return { ok: false, error: denied };
  if (caller.kind !== 'device') return refused('forbidden', 'Only a feedback tablet sends rating:give.');
  const parsed = tabletRatingSchema.safeParse(payload);
  if (!parsed.success) return refused('validation-failed', describeIssues(parsed.error));
  return keep(ctx, caller, parsed.data.ticketId, parsed.data.rating);
}

/** The checks both share, then the one insert that decides who came first. */
async function keep(ctx: RatingContext, caller: Caller, id: number, rating: RatingValue): Promise<Answer<RatingAnswer>> {
  if (!ctx.office.satisfaction.enabled) return refused('ratings-off', 'This office does not ask for ratings.');
  const now = ctx.clock();
  const ticket = ctx.committer.state.tickets.get(id);
  if (!ticket) {
    if (caller.kind === 'ticket') return refused('wrong-state', 'A ticket can be rated on the day it was served only.');
    return refused('unknown-ticket', `No ticket ${id} today.`);
  }
  const notRatable = whyNotRatable(ticket, ctx.office.timeZone, now);
  if (notRatable) return refused('wrong-state', notRatable);
  if (caller.kind === 'device') {
    if (ticket.deskId !== caller.device.profile) return refused('forbidden', `Ticket ${ticket.number} was not served at this tablet's desk.`);
    if (now - ticket.finishedAt! > tabletRatingWindowMinutes * 60_000) {
      return refused('wrong-state', `Ticket ${ticket.number} was finished more than ${tabletRatingWindowMinutes} minutes ago.`);
    }
  }
  const kept = await new RatingStore(ctx.database).add({
    ticketId: id, rating, serviceId: ticket.serviceId, deskId: ticket.deskId!, day: dayOf(ticket.finishedAt!, ctx.office.timeZone),
    source: caller.kind === 'ticket' ? 'phone' : 'tablet',
  });
  if (!kept) return refused('already-rated', `Ticket ${ticket.number} has already been rated. Thank you!`);
  return { ok: true, data: { ticketId: id, rating } };
}

/** Why a ticket cannot be rated now, or undefined: it must be done, today. */
function whyNotRatable(t: Ticket, timeZone: string, now: number): string | undefined {
  if (['waiting', 'called', 'serving', 'parked'].includes(t.status)) return `Ticket ${t.number} is not done yet: it can be rated once it has been served.`;
  if (t.status !== 'done' || t.finishedAt === null || t.deskId === null) return `Ticket ${t.number} is ${t.status}: only a ticket served at a desk can be rated.`;
  if (dayOf(t.finishedAt, timeZone) !== dayOf(now, timeZone)) return 'A ticket can be rated on the day it was served only.';
  return undefined;
}

/** What the phone page may offer for a ticket (with its status): see `TicketRatingState`. */
export async function ticketRatingState(ctx: RatingContext, ticketId: number): Promise<TicketRatingState> {
  if (!ctx.office.satisfaction.enabled) return 'off';
  if (await new RatingStore(ctx.database).rated(ticketId)) return 'given';
  const t = ctx.committer.state.tickets.get(ticketId);
  const now = ctx.clock();
  if (!t) return 'closed';
  if (t.finishedAt !== null && dayOf(t.finishedAt, ctx.office.timeZone) !== dayOf(now, ctx.office.timeZone)) return 'closed';
  if (t.status !== 'done' && t.finishedAt !== null) return 'closed'; // no-show, cancelled, expired: never rated
  return 'open';
}
