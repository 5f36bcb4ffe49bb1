import { z } from 'zod';
import type { ApiError } from './errors.ts';
import { idPattern } from './ids.ts';
import { callNeedsSchema } from './needs.ts';
import type { TicketView } from './views.ts';

/**
 * A kiosk that keeps issuing through a network blip: the blocks of numbers it holds ahead of time, and the
 * report of the tickets it issued from them while it could not reach the hub (server/tickets/kioskBlocks.ts).
 */

const serviceId = z.string().min(1).max(40);
/** The kiosk a staff member acts for; a paired kiosk is always itself, whatever it says. */
const kioskId = z.string().regex(idPattern);

/** `POST /api/kiosk/blocks`: top the kiosk's blocks of these services up (a kiosk names the services it shows). */
export const reserveBlocksSchema = z.strictObject({
  serviceIds: z.array(serviceId).min(1).max(50),
  kioskId: kioskId.optional(),
});

/** One ticket the kiosk issued from its block while offline. */
export const offlineTicketSchema = z.strictObject({
  serviceId,
  /** The reserved number's counter value (`A007` is 7 of the service with prefix A). */
  seq: z.number().int().min(1).max(99_999),
  /** When the citizen tapped, in ms since the epoch (the kiosk's clock). */
  tappedAt: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  /** Chosen by the kiosk per tap: a repeated report answers the ticket it already produced. */
  requestId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/),
  priority: z.boolean().optional(),
  needs: callNeedsSchema.optional(),
});

/** `POST /api/kiosk/offline-tickets`: every pending offline ticket, in one request. */
export const offlineReportSchema = z.strictObject({
  tickets: z.array(offlineTicketSchema).min(1).max(200),
  kioskId: kioskId.optional(),
});

export type ReserveBlocks = z.infer<typeof reserveBlocksSchema>;
export type OfflineTicket = z.infer<typeof offlineTicketSchema>;
export type OfflineReport = z.infer<typeof offlineReportSchema>;

/** A kiosk's block of one service: the numbers it may issue offline, in order. */
export interface KioskBlock {
  serviceId: string;
  numbers: { seq: number; number: string }[];
}

/** The answer to `POST /api/kiosk/blocks`: the kiosk's blocks after topping up, and the office day they are of. */
export interface KioskBlocksAnswer {
  kioskId: string;
  day: string;
  blocks: KioskBlock[];
}

/** Each reported ticket's own result, in the order reported: one refused ticket never sinks the others. */
export type OfflineTicketResult =
  | { requestId: string; ok: true; ticket: TicketView }
  | { requestId: string; ok: false; error: ApiError };

export interface OfflineReportAnswer extends KioskBlocksAnswer {
  results: OfflineTicketResult[];
}
