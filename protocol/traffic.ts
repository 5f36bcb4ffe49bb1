import { z } from 'zod';
import { idPattern } from './ids.ts';
import type { TicketStatusView } from './ticketStatus.ts';

/**
 * Shared traffic between the offices of a network (see docs/api.md, shared traffic): when an office's wait
 * for a service is long, the kiosk and the citizen's phone name nearby offices with a shorter one, and the
 * phone may move its ticket there, keeping its place by its first arrival.
 */

const officeId = z.string().regex(idPattern, 'an office id');

/** `GET /api/offices/:officeId/nearby?serviceId=…` */
export const nearbyQuerySchema = z.strictObject({ serviceId: z.string().regex(idPattern, 'a service id') });

/** `POST /api/offices/:officeId/tickets/:ticketId/move?key=…`: the office the ticket goes to. */
export const moveTicketSchema = z.strictObject({ officeId });

/** The cancel reason of a ticket moved to another office, and of one a move had to take back (see server/traffic/move.ts). */
export const movedReason = 'moved';
export const moveUndoneReason = 'move-undone';

/** Another office of the network offering the same service, open now, with a shorter wait. */
export interface NearbyOffice {
  officeId: string;
  name: string;
  address: string;
  /** Its estimated wait for the service now, for someone arriving (whole minutes). */
  waitMinutes: number;
  /** From this office, in km with one decimal (great-circle distance). */
  distanceKm: number;
}

export interface NearbyAnswer {
  serviceId: string;
  /** This office's estimated wait for the service (for the ticket, when asked with a ticket); null when no desk serves it now. */
  waitMinutes: number | null;
  /** Past this many minutes the other offices are listed. */
  thresholdMinutes: number;
  /** By wait, then distance; empty when sharing is off or the wait is within the threshold. */
  offices: NearbyOffice[];
}

/** Where a moved ticket went: `POST …/move` answers it, `GET …/move` says it again for the old link. */
export interface MoveAnswer {
  officeId: string;
  officeName: string;
  /** The new ticket, at the other office. */
  ticket: TicketStatusView;
  /** Its status page: a path on this hub, `/o/<officeId>/t/<id>?k=<key>` (or `/t/…` for the default office). */
  statusPath: string;
}

/** One office's load on the network supervisor board (`GET /api/network/load`). */
export interface OfficeLoad {
  officeId: string;
  name: string;
  open: boolean;
  waiting: number;
  /** The longest estimated wait of a service now (whole minutes); null when no desk serves a waiting service. */
  longestEstimatedWaitMinutes: number | null;
  openDesks: number;
  desks: number;
  issuedToday: number;
  roomBusy: boolean;
}

export interface NetworkLoad {
  at: string;
  offices: OfficeLoad[];
}
