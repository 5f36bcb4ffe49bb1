import { joinSchema, ticketRefSchema } from '../../../protocol/commands.ts';
import type { Answer } from '../../../protocol/errors.ts';
import { readTicket, type HubContext, type TicketReadContext } from '../../context.ts';
import { describeIssues, fail } from '../../commands/execute.ts';
import { snapshotsOf } from '../../snapshotCache.ts';
import { officeRoom, type HubSocket } from '../types.ts';
import { answering, type AnsweringContext } from './answer.ts';
import type { DeskPresence } from '../deskAway.ts';

/** What the session handlers need: the office's id, the queue and the time (snapshots), tickets, the kiosks' printers, the answering's log and metrics. */
export type SessionContext = TicketReadContext & AnsweringContext & Pick<HubContext, 'officeId' | 'clock' | 'printing'>;

/** A socket's office as the session handlers need it: its context and its desks' presence. */
export interface SocketOffice {
  ctx: SessionContext;
  presence: DeskPresence;
}

/**
 * Joining the change stream, snapshots (also after a gap) and ticket look-ups: what every connected device
 * and staff member may do. `moveTo` moves the socket to another office (a `session:join` naming one).
 */
export function registerSessionHandlers(officeOf: () => SocketOffice, socket: HubSocket, moveTo: (officeId: string) => Promise<Answer<unknown> | undefined>): void {
  const ctxOf = () => officeOf().ctx;
  const current = (ctx: SessionContext) => ({ ok: true as const, data: snapshotsOf(ctx.committer).at(ctx.clock()).object() });

  socket.on(
    'session:join',
    answering(ctxOf, async (payload, from) => {
      const parsed = joinSchema.safeParse(payload);
      if (!parsed.success) return fail('validation-failed', describeIssues(parsed.error));
      if (parsed.data.officeId !== undefined && parsed.data.officeId !== from.officeId) {
        const refused = await moveTo(parsed.data.officeId);
        if (refused) return refused;
      }
      const { ctx, presence } = officeOf();
      // A socket follows one display, desk or kiosk at a time (a clerk who changes desks joins again):
      // the room of the one it followed before is left, so joins cannot pile rooms up.
      const office = officeRoom(ctx.officeId);
      const followed = `${ctx.officeId}/${parsed.data.role}:${parsed.data.id}`;
      for (const room of socket.rooms) if (room !== socket.id && room !== office && room !== followed) void socket.leave(room);
      // Joined before the snapshot is taken, so no change between the two is missed.
      await socket.join([office, followed]);
      if (parsed.data.role === 'kiosk') tellKioskItsPrinter(ctx, socket, parsed.data.id);
      // A desk's page is there: the desk is not away (see ../deskAway.ts).
      presence.joined(socket.id, parsed.data.role === 'desk' && socket.data.caller.kind === 'staff' ? parsed.data.id : null);
      return current(ctx);
    }),
  );

  socket.on('queue:snapshot', answering(ctxOf, (_payload, ctx) => current(ctx)));

  socket.on(
    'ticket:get',
    answering(ctxOf, async (payload, ctx) => {
      const parsed = ticketRefSchema.safeParse(payload);
      if (!parsed.success) return fail('validation-failed', describeIssues(parsed.error));
      const ticket = await readTicket(ctx, parsed.data.ticketId);
      return ticket ? { ok: true as const, data: { ticket } } : fail('unknown-ticket', `No ticket ${parsed.data.ticketId}.`);
    }),
  );
}

/**
 * A kiosk learns its printer's state on joining, before the first citizen taps: the last known status at
 * once, and, when none is known or the printer was down, a check whose outcome is pushed as for a job.
 */
function tellKioskItsPrinter(ctx: SessionContext, socket: HubSocket, kioskId: string): void {
  const known = ctx.printing.kioskPrinter(kioskId);
  if (known) socket.emit('printer:status', known);
  const { caller } = socket.data;
  // Only a paired kiosk makes the hub reach for a printer; staff screens following a kiosk just read.
  if (caller.kind === 'device' && caller.device.kind === 'kiosk') ctx.printing.checkKiosk(kioskId);
}
