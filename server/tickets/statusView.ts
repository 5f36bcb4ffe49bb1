import type { TicketStatusView } from '../../protocol/ticketStatus.ts';
import type { HubContext } from '../context.ts';
import type { EngineState, Ticket } from '../engine/index.ts';
import { ticketView } from '../views.ts';

/** What the citizen's phone may see of its ticket: its own state and place, nothing about anyone else. */
export function ticketStatusView(state: EngineState, t: Ticket): TicketStatusView {
  const { id, number, serviceId, status, issuedAt, calledAt, deskId, recalls, position, estimatedWaitMinutes, needs } = ticketView(state, t);
  const appointmentAt = t.appointmentAt === null ? null : new Date(t.appointmentAt).toISOString();
  return { id, number, serviceId, status, issuedAt, calledAt, deskId, recalls, position, estimatedWaitMinutes: appointmentAt ? null : estimatedWaitMinutes, appointmentAt, needs };
}

/** What reading a ticket's status needs: today's tickets, and the queue's tables for older ones. */
export type TicketStatusContext = Pick<HubContext, 'committer' | 'queueStore'>;

/** A ticket's status view: today's from memory, an older one from the database; undefined when there is none. */
export async function readTicketStatus(ctx: TicketStatusContext, id: number): Promise<TicketStatusView | undefined> {
  const state = ctx.committer.state;
  const t = state.tickets.get(id) ?? (await ctx.queueStore.findTicket(id));
  return t && ticketStatusView(state, t);
}
