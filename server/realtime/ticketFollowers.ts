import type { ApiError } from '../../protocol/errors.ts';
import type { Caller } from '../auth/access.ts';
import type { HubContext } from '../context.ts';
import type { EngineState } from '../engine/index.ts';
import { ticketStatusView, readTicketStatus, type TicketStatusContext } from '../tickets/statusView.ts';
import type { HubServer, HubSocket } from './types.ts';

/** The room of one ticket's phones: only sockets that presented that ticket's key are ever in it. */
export const ticketRoom = (officeId: string, ticketId: number) => `${officeId}/ticket:${ticketId}`;

/** What recognising a ticket link needs: the link signer, and the ticket's status (it must exist). */
export type TicketCallerContext = TicketStatusContext & Pick<HubContext, 'statusLinks'>;

/**
 * The caller a handshake's `auth: { ticketId, key }` stands for: the citizen's phone, when the key is the
 * ticket's status-link key (server/tickets/statusLinks.ts) and the ticket exists. Undefined otherwise.
 */
export async function ticketCaller(ctx: TicketCallerContext, auth: unknown): Promise<Extract<Caller, { kind: 'ticket' }> | undefined> {
  if (typeof auth !== 'object' || auth === null) return undefined;
  const { ticketId, key } = auth as { ticketId?: unknown; key?: unknown };
  if (typeof ticketId !== 'number' || !Number.isSafeInteger(ticketId) || ticketId < 1) return undefined;
  if (!ctx.statusLinks.verify(ticketId, key)) return undefined;
  return (await readTicketStatus(ctx, ticketId)) ? { kind: 'ticket', ticketId } : undefined;
}

/** Whether a handshake presents a ticket link rather than a token. */
export const presentsTicket = (auth: unknown) => typeof auth === 'object' && auth !== null && 'ticketId' in auth;

/**
 * The phones following tickets. A ticket socket's one right: it is put in its ticket's room, gets the
 * ticket's view at once, and then whatever `push` sends there. It may send nothing: every message is
 * answered `forbidden` and handled by nobody (the message budget of ./limits.ts runs first, so a flood
 * is still dropped).
 *
 * After each committed batch, `push` sends a fresh view to each followed ticket whose view changed (its
 * state, its place, its estimate). Only the ticket rooms that have sockets are looked at (kept from the
 * adapter's create-room and delete-room), and only today's tickets can change; the last view sent to each
 * room is kept, so an unchanged one is not sent again.
 */
export class TicketFollowers {
  /** Each followed ticket's room (one with sockets now) → the last view sent to it ('' before the first). */
  private readonly followed = new Map<string, string>();
  /** This office's ticket rooms (office ids are letters, digits and dashes: nothing to escape). */
  private readonly roomPattern: RegExp;

  constructor(
    private readonly io: HubServer,
    private readonly officeId: string,
  ) {
    this.roomPattern = new RegExp(`^${officeId}/ticket:(\\d+)$`);
    const adapter = io.of('/').adapter;
    adapter.on('create-room', (room: string) => this.roomPattern.test(room) && this.followed.set(room, ''));
    adapter.on('delete-room', (room: string) => this.followed.delete(room));
  }

  async follow(ctx: TicketStatusContext, socket: HubSocket, ticketId: number): Promise<void> {
    const forbidden: ApiError = { code: 'forbidden', message: 'A ticket link may not do this.' };
    socket.use((packet) => {
      const ack: unknown = packet.at(-1);
      if (typeof ack === 'function') (ack as (answer: unknown) => void)({ ok: false, error: forbidden });
    });
    const room = ticketRoom(this.officeId, ticketId);
    await socket.join(room);
    const ticket = await readTicketStatus(ctx, ticketId);
    if (!ticket) return;
    const json = JSON.stringify(ticket);
    // A view this room has already had is not sent again to it; this socket gets its own copy now.
    if (this.followed.has(room)) this.followed.set(room, json);
    socket.emit('ticket:status', { ticket });
  }

  push(state: EngineState): void {
    for (const [room, last] of this.followed) {
      const t = state.tickets.get(Number(this.roomPattern.exec(room)![1]));
      if (!t) continue; // another day's ticket: it cannot change any more
      const ticket = ticketStatusView(state, t);
      const json = JSON.stringify(ticket);
      if (last === json) continue;
      this.followed.set(room, json);
      // Each node pushes to its own phones, from its own copy of the state (see server/cluster/).
      this.io.local.to(room).emit('ticket:status', { ticket });
    }
  }
}
