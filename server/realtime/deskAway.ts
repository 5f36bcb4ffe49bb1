import type { HubContext } from '../context.ts';

/** What desk presence needs: the desks (held or not) and the single writer, the away time for tests, the log. */
export type DeskPresenceContext = Pick<HubContext, 'committer' | 'deskAwayMs' | 'log'>;

/**
 * Notices a held desk whose page is gone (a closed tab, a crashed PC): when no socket has followed the
 * desk (`session:join` as `desk`) for the office policy's `deskAwayMinutes`, the hub releases the desk
 * (`desk:release` as the hub: a ticket only called goes back to its place in the queue, one being served
 * stays with the desk). A page that comes back in time, or a desk released meanwhile, stops the timer.
 * Desks held when the hub starts get the same grace, for their pages to reconnect.
 */
export class DeskPresence {
  /** Desk id → the sockets following it now. */
  private readonly followers = new Map<string, Set<string>>();
  /** Socket id → the desk it follows. */
  private readonly following = new Map<string, string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly ctx: DeskPresenceContext) {
    for (const desk of ctx.committer.state.desks.values()) if (desk.heldBy !== null) this.startTimer(desk.id);
  }

  /** The socket now follows `deskId` (null: no desk, e.g. it joined as a display). */
  joined(socketId: string, deskId: string | null): void {
    this.left(socketId);
    if (deskId === null) return;
    let sockets = this.followers.get(deskId);
    if (!sockets) this.followers.set(deskId, (sockets = new Set()));
    sockets.add(socketId);
    this.following.set(socketId, deskId);
    clearTimeout(this.timers.get(deskId));
    this.timers.delete(deskId);
  }

  /** The socket went away (or follows something else now). */
  left(socketId: string): void {
    const deskId = this.following.get(socketId);
    if (deskId === undefined) return;
    this.following.delete(socketId);
    const sockets = this.followers.get(deskId)!;
    sockets.delete(socketId);
    if (sockets.size > 0) return;
    this.followers.delete(deskId);
    if (this.ctx.committer.state.desks.get(deskId)?.heldBy != null) this.startTimer(deskId);
  }

  /** A desk was just held or released (a committed `desk:held` / `desk:released`). */
  holdChanged(deskId: string): void {
    const held = this.ctx.committer.state.desks.get(deskId)?.heldBy != null;
    if (!held) {
      clearTimeout(this.timers.get(deskId));
      this.timers.delete(deskId);
    } else if (!this.followers.has(deskId) && !this.timers.has(deskId)) {
      this.startTimer(deskId); // held from a page that is not following it (yet)
    }
  }

  close(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private awayMs(): number {
    return this.ctx.deskAwayMs ?? this.ctx.committer.state.office.policy.deskAwayMinutes * 60_000;
  }

  private startTimer(deskId: string): void {
    clearTimeout(this.timers.get(deskId));
    const timer = setTimeout(() => void this.away(deskId), this.awayMs());
    timer.unref();
    this.timers.set(deskId, timer);
  }

  private async away(deskId: string): Promise<void> {
    this.timers.delete(deskId);
    if (this.followers.has(deskId)) return; // back in time
    const desk = this.ctx.committer.state.desks.get(deskId);
    if (!desk || desk.heldBy === null) return;
    const outcome = await this.ctx.committer.submit({ type: 'desk:release', deskId, clerk: null, current: { action: 'away' } });
    if (outcome.ok) this.ctx.log.info({ deskId, clerk: desk.heldBy }, 'desk released: its page was gone too long');
    else this.ctx.log.warn({ deskId, code: outcome.error.code }, 'could not release a desk whose page was gone');
  }
}
