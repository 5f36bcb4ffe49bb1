import { z } from 'zod';

/**
 * Citizen satisfaction ("Mettiamoci la faccia"): after a ticket is done, the citizen rates the service
 * with one of three faces, on the phone page (/t) or on the desk's paired feedback tablet. A rating is
 * anonymous: it is kept with its service, desk and day only (the ticket id only until the day is over,
 * to refuse a second rating). See docs/api.md, "Ratings".
 */

export const ratingValues = ['good', 'ok', 'bad'] as const;
export type RatingValue = (typeof ratingValues)[number];

const rating = z.enum(ratingValues, { message: `a rating is one of ${ratingValues.join(', ')}` });

/** The phone's body: `POST /api/tickets/:id/rating?key=…`. */
export const ratingBodySchema = z.strictObject({ rating });

/** The feedback tablet's payload: `rating:give` over its socket, for a ticket its desk has just finished. */
export const tabletRatingSchema = z.strictObject({
  ticketId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  rating,
});

export type RatingBody = z.infer<typeof ratingBodySchema>;
export type TabletRating = z.infer<typeof tabletRatingSchema>;

/**
 * Whether a ticket's citizen may still rate it, as the phone page learns it with the ticket's status:
 * `open` (faces once the ticket is done), `given` (already rated, on the phone or the tablet),
 * `closed` (not a ticket of today: too late), `off` (the office does not ask).
 */
export type TicketRatingState = 'open' | 'given' | 'closed' | 'off';

/** The answer to a rating. */
export interface RatingAnswer {
  ticketId: number;
  rating: RatingValue;
}

/** How long after its desk finished a ticket the feedback tablet may still rate it. */
export const tabletRatingWindowMinutes = 15;

/** Counts of each face and the share of satisfied citizens (`good` out of all, %, one decimal; null with no ratings). */
export interface RatingCounts {
  good: number;
  ok: number;
  bad: number;
  total: number;
  satisfactionPercent: number | null;
}

/** `GET /api/reports/ratings?from&to[&service][&desk]`: ratings per service, per desk and per month. */
export interface RatingsReport {
  from: string;
  to: string;
  byService: (RatingCounts & { serviceId: string })[];
  byDesk: (RatingCounts & { deskId: string })[];
  byMonth: (RatingCounts & { month: string })[];
  total: RatingCounts;
}
