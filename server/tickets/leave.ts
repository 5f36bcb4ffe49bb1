import type { Answer } from '../../protocol/errors.ts';
import type { TicketLeaveAnswer } from '../../protocol/ticketStatus.ts';
import { refusal, type Caller } from '../auth/access.ts';
import type { HubContext } from '../context.ts';
import { ticketStatusView } from './statusView.ts';

/** What leaving the queue needs: the single writer. */
export type LeaveContext = Pick<HubContext, 'committer'>;

/**
 * The citizen leaves the queue from the phone ("Non mi serve più"): the engine's own `ticket:cancel`,
 * so it counts as a cancelled ticket in the reports, through the single writer like every command. The
 * caller is the ticket link itself (its key checked by the route), and it reaches that one ticket only.
 */
export async function leaveQueue(ctx: LeaveContext, caller: Caller, ticketId: number): Promise<Answer<TicketLeaveAnswer>> {
  const refused = refusal(caller, 'leave');
  if (refused) return { ok: false, error: refused };
  if (caller.kind !== 'ticket' || caller.ticketId !== ticketId) return { ok: false, error: { code: 'forbidden', message: 'A ticket link may leave only its own ticket.' } };
  const outcome = await ctx.committer.submit({ type: 'ticket:cancel', ticketId });
  if (!outcome.ok) return outcome;
  const { state } = outcome.value;
  return { ok: true, data: { ticket: ticketStatusView(state, state.tickets.get(ticketId)!) } };
}
