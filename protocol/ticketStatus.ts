import type { OfficeInfo, TicketView } from './views.ts';

/**
 * The citizen's ticket status page (`GET /api/tickets/:id/status?key=…`, no login): that one ticket's
 * state and place in the queue, and the office's public facts. Nothing about anyone else.
 */
export type TicketStatusView = Pick<TicketView, 'id' | 'number' | 'serviceId' | 'status' | 'issuedAt' | 'calledAt' | 'deskId' | 'position' | 'estimatedWaitMinutes'>;

export interface TicketStatusAnswer {
  ticket: TicketStatusView;
  office: OfficeInfo;
}
