import { z } from 'zod';
import type { TicketView } from './views.ts';

/**
 * A desk's ticket search (`GET /api/tickets?q=`): a number as printed, with or without a space or the
 * leading zeros ("A 23", "A23", "a023"), or a ticket id ("17"). Today's tickets only.
 */
export const ticketSearchSchema = z.strictObject({ q: z.string().trim().min(1).max(20) });

/** One step of a ticket's day, from the event log (`ticket:issued`, `ticket:called`, …). */
export interface TicketStep {
  type: string;
  at: string;
  deskId: string | null;
}

/** A ticket as a desk looks it up: its view, its history and what only staff see. */
export interface TicketDetail {
  ticket: TicketView;
  history: TicketStep[];
  /** The clerk's private note at "Fine" (never in public views; erased after the contact retention). */
  note: string | null;
  cancelReason: string | null;
  /** Until when a no-show can still be brought back (ISO time); null when it is not a no-show. */
  recoverableUntil: string | null;
}

export interface TicketSearchAnswer {
  tickets: TicketDetail[];
}

/** A typed number ("A 23", "a023") as prefix and sequence, or an id ("17"); undefined when it is neither. */
export function parseTicketQuery(q: string): { prefix: string; seq: number } | { id: number } | undefined {
  const text = q.trim();
  const id = /^\d{1,9}$/.exec(text);
  if (id) return { id: Number(text) };
  const number = /^([A-Za-z]{1,2})\s*-?\s*(\d{1,5})$/.exec(text);
  if (number) return { prefix: number[1]!.toUpperCase(), seq: Number(number[2]) };
  return undefined;
}
