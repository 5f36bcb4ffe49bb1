import type { ApiError } from '../../protocol/errors.ts';
import type { PrintState, TicketView } from '../../protocol/views.ts';
import { issueTicketSchema } from '../../protocol/commands.ts';
import { kioskOf, refusal, type Caller } from '../auth/access.ts';
import type { HubContext } from '../context.ts';
import type { TicketPrintOptions } from '../printing/ticketPrinting.ts';
import type { CommandName } from './catalog.ts';
import { executeCommand, type CommandAnswer } from './execute.ts';

/** Where a command came from: the address the client used to reach the hub. */
export interface CommandOrigin {
  /** `host[:port]` from the request, used for a ticket's status link when PUBLIC_URL is not set. */
  host: string | undefined;
}

/** What refusing a paired kiosk that issues too fast needs: today's request ids, the kiosks' rate, the log. */
export type KioskThrottleContext = Pick<HubContext, 'committer' | 'kioskRate' | 'log'>;
/** What a ticket's status link needs: the public address and the link signer. */
export type StatusLinkContext = Pick<HubContext, 'publicUrl' | 'statusLinks'>;
/** What printing a ticket just issued needs: the kiosks' printers and its status link. */
export type PrintIssuedContext = StatusLinkContext & Pick<HubContext, 'printing'>;
/** What running a command needs: the single writer, the metrics, and the kiosk's rate and printer for `ticket:issue`. */
export type CommandContext = KioskThrottleContext & PrintIssuedContext & Pick<HubContext, 'metrics'>;

/** Runs a command from REST or a socket, counted and timed in the metrics (by outcome: `ok` or the error code). */
export function runCommand(ctx: CommandContext, name: CommandName, payload: unknown, caller: Caller, origin: CommandOrigin): Promise<CommandAnswer> {
  return ctx.metrics.timeCommand(name, () => runAndPrint(ctx, name, payload, caller, origin));
}

/**
 * Runs a command. A ticket issued for a kiosk is then printed on that kiosk's
 * printer: after the commit, without waiting for the printer, and only the first time (a retried
 * request returns the same ticket without printing it again). A paired kiosk issues as itself and
 * within its rate.
 */
async function runAndPrint(ctx: CommandContext, name: CommandName, payload: unknown, caller: Caller, origin: CommandOrigin): Promise<CommandAnswer> {
  if (name !== 'ticket:issue') return executeCommand(ctx.committer, name, payload, caller);
  const asKiosk = typeof payload === 'object' && payload !== null && !Array.isArray(payload) && caller.kind === 'device'
    ? { ...payload, kioskId: kioskOf(caller, undefined) }
    : payload;
  // Refused callers and malformed payloads get their own answer from the command path below, without using the rate.
  const parsed = refusal(caller, 'issue') ? undefined : issueTicketSchema.safeParse(asKiosk);
  const throttled = parsed?.success ? kioskThrottle(ctx, caller, parsed.data.requestId) : undefined;
  if (throttled) return { ok: false, error: throttled };
  let issuedNow = false;
  const answer = await executeCommand(ctx.committer, name, asKiosk, caller, (c) => {
    issuedNow = c.events.some((e) => e.event.type === 'ticket:issued');
  });
  if (!answer.ok || !('ticket' in answer.data)) return answer;
  const { ticket } = answer.data;
  const statusUrl = ticketStatusUrl(ctx, origin, ticket.id);
  const kioskId = (asKiosk as { kioskId?: string }).kioskId; // the payload passed validation
  if (kioskId === undefined) return { ok: true, data: { ticket, statusUrl } };
  const language = parsed?.success ? parsed.data.language : undefined;
  return { ok: true, data: { ticket, print: printIssued(ctx, kioskId, ticket, issuedNow, origin, language ? { language } : {}), statusUrl } };
}

/**
 * `too-many-requests` when a paired kiosk asks for something new faster than its rate (staff are not
 * limited). A retry of a request already answered today (its `requestId`) asks for nothing new: it is
 * answered with what it got the first time, and costs nothing.
 */
export function kioskThrottle(ctx: KioskThrottleContext, caller: Caller, requestId?: string): ApiError | undefined {
  if (caller.kind !== 'device') return undefined;
  if (requestId !== undefined && ctx.committer.state.requestIds.has(requestId)) return undefined;
  if (ctx.kioskRate.take(caller.device.id)) return undefined;
  ctx.log.warn({ device: caller.device.name }, 'a kiosk is issuing faster than its rate; refused');
  return {
    code: 'too-many-requests',
    message: 'Too many tickets from this kiosk in a short time. Please wait a moment and try again.',
    retryAfterSeconds: Math.max(1, ctx.kioskRate.retryAfterSeconds(caller.device.id)),
  };
}

/**
 * Prints a ticket the kiosk just got, unless this was a retry of a request already done (and printed),
 * in the language the citizen chose and, for an appointment, with its time.
 */
export function printIssued(ctx: PrintIssuedContext, kioskId: string, ticket: TicketView, issuedNow: boolean, origin: CommandOrigin, options: TicketPrintOptions = {}): PrintState {
  return issuedNow ? ctx.printing.print(kioskId, ticket, ticketStatusUrl(ctx, origin, ticket.id), options) : 'already-printed';
}

const safeHost = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** The citizen's page for a ticket (`/t/:id?k=…`), on PUBLIC_URL or else on the address the kiosk used. */
export function ticketStatusUrl(ctx: StatusLinkContext, origin: CommandOrigin, ticketId: number): string {
  const base = ctx.publicUrl ?? (origin.host && safeHost.test(origin.host) ? `http://${origin.host}` : 'http://localhost');
  return `${base.replace(/\/+$/, '')}${ctx.statusLinks.path(ticketId)}`;
}
