import { parseTicketQuery, type TicketDetail } from '../../protocol/ticketSearch.ts';
import type { HubContext } from '../context.ts';
import type { Ticket } from '../engine/index.ts';
import { ticketView } from '../views.ts';

/** What a desk's ticket search needs: today's tickets, and the event log for their history. */
export type TicketSearchContext = Pick<HubContext, 'committer' | 'queueStore'>;

const iso = (ms: number) => new Date(ms).toISOString();

/** Today's tickets matching a typed number or id, each with its history from the event log. */
export async function searchTickets(ctx: TicketSearchContext, q: string): Promise<TicketDetail[] | undefined> {
  const query = parseTicketQuery(q);
  if (!query) return undefined;
  const state = ctx.committer.state;
  const prefixOf = new Map(state.office.services.map((s) => [s.id, s.prefix]));
  const today = state.tickets.values().filter((t) => t.day === state.day);
  const found = 'id' in query
    ? today.filter((t) => t.id === query.id)
    : today.filter((t) => t.seq === query.seq && prefixOf.get(t.issuedServiceId) === query.prefix);
  return Promise.all(found.slice(0, 10).map(async (t) => detail(ctx, t)));
}

async function detail(ctx: TicketSearchContext, t: Ticket): Promise<TicketDetail> {
  const state = ctx.committer.state;
  const history = (await ctx.queueStore.ticketEvents(t.id)).map((e) => ({ type: e.type, at: iso(e.at), deskId: e.deskId }));
  const recoverable = t.status === 'no-show' && t.finishedAt !== null ? t.finishedAt + state.office.policy.noShowRecoveryMinutes * 60_000 : null;
  return { ticket: ticketView(state, t), history, note: t.note, cancelReason: t.cancelReason, recoverableUntil: recoverable === null ? null : iso(recoverable) };
}
