import type { TicketRatingState } from './ratings.ts';
import type { OfficeInfo, TicketView } from './views.ts';

/**
 * The citizen's ticket status page (`GET /api/tickets/:id/status?key=…`, no login): that one ticket's
 * state and place in the queue, and the office's public facts. Nothing about anyone else.
 * `appointmentAt` is the booked time of an appointment ticket (ISO instant), null for a walk-in: such a
 * ticket is called at that time, so the page shows it instead of a queue estimate. `recalls` goes up each time
 * the desk calls the ticket again, so the phone can alert again.
 * `needs` is the help the citizen asked for with being called (the page shows it; `hearing` vibrates longer).
 */
export type TicketStatusView = Pick<TicketView, 'id' | 'number' | 'serviceId' | 'status' | 'issuedAt' | 'calledAt' | 'deskId' | 'recalls' | 'position' | 'estimatedWaitMinutes' | 'needs'> & {
  appointmentAt: string | null;
};

export interface TicketStatusAnswer {
  ticket: TicketStatusView;
  office: OfficeInfo;
  /** Whether the page may ask for a rating once the ticket is done (see protocol/ratings.ts). */
  rating: TicketRatingState;
}

/** Pushed to a ticket's own socket (see docs/api.md 3.6): on connecting, then after every change to the ticket or its place. */
export interface TicketStatusPush {
  ticket: TicketStatusView;
}

/** The answer of `POST /api/tickets/:id/leave?key=…`: the ticket, now cancelled. */
export interface TicketLeaveAnswer {
  ticket: TicketStatusView;
}
