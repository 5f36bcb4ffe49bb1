import type { Committed } from '../commands/committer.ts';
import type { HubContext } from '../context.ts';

/**
 * The hub's side of holding desks (the rule itself is the engine's, server/engine/holding.ts): take-overs
 * go into the audit log, and a clerk who logs out lets go of their desks.
 */

/** What auditing take-overs needs: the audit log, and the log for a write that fails. */
export type TakeOverAuditContext = Pick<HubContext, 'audit' | 'log'>;
/** What releasing a clerk's desks needs: the single writer and the log. */
export type DeskReleaseContext = Pick<HubContext, 'committer' | 'log'>;

/** Records every take-over (a clerk took a desk another clerk held) in the audit log. */
export function auditTakeOvers(ctx: TakeOverAuditContext, batch: readonly Committed[]): Promise<void>[] {
  const writes: Promise<void>[] = [];
  for (const c of batch) {
    for (const { at, event } of c.events) {
      if (event.type !== 'desk:held' || event.from === null) continue;
      writes.push(
        ctx.audit
          .record(at, event.clerk, 'desk:take-over', event.deskId, { from: event.from })
          .catch((err: unknown) => ctx.log.error({ err, deskId: event.deskId }, 'could not audit a desk take-over')),
      );
    }
  }
  return writes;
}

/**
 * Releases every desk `username` holds (logout). A ticket only called goes back to its place in the queue;
 * one being served stays with the desk for whoever takes it next (the counter app asks its clerk first).
 */
export async function releaseDesksOf(ctx: DeskReleaseContext, username: string): Promise<void> {
  for (const desk of ctx.committer.state.desks.values()) {
    if (desk.heldBy !== username) continue;
    const outcome = await ctx.committer.submit({ type: 'desk:release', deskId: desk.id, clerk: username, current: { action: 'away' } });
    if (!outcome.ok) ctx.log.warn({ deskId: desk.id, code: outcome.error.code }, 'could not release a desk at logout');
  }
}
