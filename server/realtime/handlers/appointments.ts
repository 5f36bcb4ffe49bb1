import { checkInSchema } from '../../../protocol/appointments.ts';
import { checkIn, checkInRequestId, type AppointmentContext } from '../../appointments/appointments.ts';
import { kioskOf, refusal } from '../../auth/access.ts';
import { describeIssues, fail } from '../../commands/execute.ts';
import { kioskThrottle, type KioskThrottleContext } from '../../commands/run.ts';
import type { HubSocket } from '../types.ts';
import { answering, currentCaller, type AnsweringContext, type CallerContext } from './answer.ts';

/** What the check-in handler needs: the appointments, the kiosk's rate, the caller's session, the answering's log and metrics. */
export type AppointmentHandlersContext = AppointmentContext & KioskThrottleContext & CallerContext & AnsweringContext;

/** The kiosk's appointment check-in, the socket twin of `POST /api/appointments/check-in`. */
export function registerAppointmentHandlers(ctxOf: () => AppointmentHandlersContext, socket: HubSocket): void {
  socket.on(
    'appointment:check-in',
    answering(ctxOf, async (payload, ctx) => {
      const caller = await currentCaller(ctx, socket);
      const refused = refusal(caller, 'issue');
      if (refused) return { ok: false, error: refused };
      const parsed = checkInSchema.safeParse(payload);
      if (!parsed.success) return fail('validation-failed', describeIssues(parsed.error));
      const throttled = kioskThrottle(ctx, caller, checkInRequestId(parsed.data.code));
      if (throttled) return { ok: false, error: throttled };
      return checkIn(ctx, parsed.data.code, kioskOf(caller, parsed.data.kioskId), { host: socket.handshake.headers.host }, parsed.data.language);
    }),
  );
}
