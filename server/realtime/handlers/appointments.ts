import { checkInSchema } from '../../../protocol/appointments.ts';
import { checkIn } from '../../appointments/appointments.ts';
import type { HubContext } from '../../context.ts';
import { describeIssues, fail } from '../../commands/execute.ts';
import type { HubSocket } from '../types.ts';
import { answering } from './answer.ts';

/** The kiosk's appointment check-in, the socket twin of `POST /api/appointments/check-in`. */
export function registerAppointmentHandlers(ctx: HubContext, socket: HubSocket): void {
  socket.on(
    'appointment:check-in',
    answering(ctx, async (payload) => {
      const parsed = checkInSchema.safeParse(payload);
      if (!parsed.success) return fail('validation-failed', describeIssues(parsed.error));
      return checkIn(ctx, parsed.data.code, parsed.data.kioskId, { host: socket.handshake.headers.host });
    }),
  );
}
