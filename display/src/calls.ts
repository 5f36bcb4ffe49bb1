import type { TicketChange } from '../../protocol/events.ts';
import type { CallView } from '../../protocol/views.ts';

/** The call a pushed `ticket:called` / `ticket:recalled` describes (null when it names no desk). */
export function callFromChange(change: TicketChange, recall: boolean): CallView | null {
  const { ticket, desk } = change;
  if (!desk) return null;
  return {
    ticketId: ticket.id,
    number: ticket.number,
    serviceId: ticket.serviceId,
    deskId: desk.id,
    deskName: desk.name,
    at: change.at,
    recall,
    appointment: ticket.appointment,
  };
}
