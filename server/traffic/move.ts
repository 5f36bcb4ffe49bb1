import type { Answer } from '../../protocol/errors.ts';
import { offeredNeeds } from '../../protocol/needs.ts';
import { movedReason, moveUndoneReason, type MoveAnswer } from '../../protocol/traffic.ts';
import type { OfficeRuntime } from '../offices/openOffice.ts';
import { ticketStatusView } from '../tickets/statusView.ts';
import { sharingRefusal } from './nearby.ts';

/** The request id of a move: one per source ticket, so that a retried move finds the ticket it already made. */
export const moveRequestId = (sourceOfficeId: string, ticketId: number) => `move:${sourceOfficeId}:${ticketId}`;

/** Where a ticket of `source` was moved to today, if it was: the office whose engine knows the move's request id. */
export function findMove(offices: readonly OfficeRuntime[], source: OfficeRuntime, ticketId: number): MoveAnswer | undefined {
  const requestId = moveRequestId(source.id, ticketId);
  for (const office of offices) {
    if (office.id === source.id) continue;
    const state = office.ctx.committer.state;
    const id = state.requestIds.get(requestId);
    const moved = id === undefined ? undefined : state.tickets.get(id);
    if (moved && moved.cancelReason !== moveUndoneReason) return moveAnswer(office, moved.id);
  }
  return undefined;
}

function moveAnswer(office: OfficeRuntime, ticketId: number): MoveAnswer {
  const state = office.ctx.committer.state;
  return {
    officeId: office.id,
    officeName: state.office.name,
    ticket: ticketStatusView(state, state.tickets.get(ticketId)!),
    statusPath: office.ctx.statusLinks.path(ticketId),
  };
}

/**
 * Moves a waiting ticket from `source` to `target` (the citizen's "Sposta il mio biglietto"), through each
 * office's single writer, so it works wherever the offices' committers run:
 * 1. the target issues a ticket for the same service, with the request id of the move and the source ticket's
 *    arrival, so it keeps its place among the target's waiting tickets; a target that refuses (closed, daily
 *    limit…) leaves the source ticket as it was;
 * 2. the source ticket is cancelled with the reason `moved`. Should that fail (a desk called it meanwhile),
 *    the target's new ticket is cancelled again (`move-undone`) and the move is refused.
 * A retry (same source ticket) answers the ticket the first move made. Moves of one ticket run one at a time.
 */
export class TicketMoves {
  private readonly running = new Map<string, Promise<Answer<MoveAnswer>>>();

  constructor(private readonly offices: () => readonly OfficeRuntime[]) {}

  move(source: OfficeRuntime, ticketId: number, targetId: string): Promise<Answer<MoveAnswer>> {
    const key = moveRequestId(source.id, ticketId);
    const before = this.running.get(key) ?? Promise.resolve(undefined);
    const run = before.then(() => this.moveNow(source, ticketId, targetId));
    this.running.set(key, run);
    void run.finally(() => {
      if (this.running.get(key) === run) this.running.delete(key);
    });
    return run;
  }

  private async moveNow(source: OfficeRuntime, ticketId: number, targetId: string): Promise<Answer<MoveAnswer>> {
    const t = source.ctx.committer.state.tickets.get(ticketId);
    if (!t) return { ok: false, error: { code: 'unknown-ticket', message: 'No such ticket today.' } };
    if (t.status === 'cancelled' && t.cancelReason === movedReason) {
      const done = findMove(this.offices(), source, ticketId);
      if (done) return { ok: true, data: done };
    }
    const target = this.offices().find((o) => o.id === targetId);
    if (!target || target.id === source.id) return { ok: false, error: { code: 'unknown-office', message: `No other office "${targetId}".` } };
    if (t.status !== 'waiting') return { ok: false, error: { code: 'wrong-state', message: `Ticket ${t.number} is ${t.status}; only a waiting ticket can move.` } };
    if (t.appointmentAt !== null) return { ok: false, error: { code: 'wrong-state', message: 'An appointment keeps its office and time.' } };
    const targetState = target.ctx.committer.state;
    const refused = sharingRefusal(source.ctx.committer.state.office, targetState.office, t.serviceId);
    if (refused) return { ok: false, error: { code: 'sharing-off', message: refused } };

    const offered = offeredNeeds(targetState.office.callNeeds);
    const issued = await target.ctx.committer.submit({
      type: 'ticket:issue',
      serviceId: t.serviceId,
      priority: t.priority,
      needs: t.needs.filter((n) => offered.includes(n)),
      requestId: moveRequestId(source.id, ticketId),
      arrivedAt: t.issuedAt,
    });
    if (!issued.ok) return issued;
    const newId = issued.value.ticketId!;
    // A move undone earlier left its (cancelled) ticket under the same request id: the citizen keeps the source ticket.
    if (issued.value.state.tickets.get(newId)?.status !== 'waiting') {
      return { ok: false, error: { code: 'wrong-state', message: 'This ticket cannot move there any more; it keeps its place here.' } };
    }
    const cancelled = await source.ctx.committer.submit({ type: 'ticket:cancel', ticketId, reason: movedReason });
    if (!cancelled.ok) {
      // The source ticket could not be let go: the citizen keeps it, and the target forgets the new one.
      await target.ctx.committer.submit({ type: 'ticket:cancel', ticketId: newId, reason: moveUndoneReason });
      return cancelled;
    }
    return { ok: true, data: moveAnswer(target, newId) };
  }
}
