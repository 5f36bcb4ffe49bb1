import type { IssueTicket } from '../../protocol/commands.ts';
import type { PrintState, TicketView, UserView } from '../../protocol/views.ts';
import type { HubContext } from '../context.ts';
import type { CommandName } from './catalog.ts';
import { executeCommand, type CommandAnswer } from './execute.ts';

/** Where a command came from: the address the client used to reach the hub. */
export interface CommandOrigin {
  /** `host[:port]` from the request, used for a ticket's status link when PUBLIC_URL is not set. */
  host: string | undefined;
}

/**
 * Runs a command from REST or a socket. A ticket issued for a kiosk is then printed on that kiosk's
 * printer: after the commit, without waiting for the printer, and only the first time (a retried
 * request returns the same ticket without printing it again).
 */
export async function runCommand(ctx: HubContext, name: CommandName, payload: unknown, user: UserView | undefined, origin: CommandOrigin): Promise<CommandAnswer> {
  if (name !== 'ticket:issue') return executeCommand(ctx.committer, name, payload, user);
  let issuedNow = false;
  const answer = await executeCommand(ctx.committer, name, payload, user, (c) => {
    issuedNow = c.events.some((e) => e.event.type === 'ticket:issued');
  });
  if (!answer.ok || !('ticket' in answer.data)) return answer;
  const kioskId = (payload as IssueTicket).kioskId; // the payload passed validation
  if (kioskId === undefined) return answer;
  const { ticket } = answer.data;
  return { ok: true, data: { ticket, print: printIssued(ctx, kioskId, ticket, issuedNow, origin) } };
}

/** Prints a ticket the kiosk just got, unless this was a retry of a request already done (and printed). */
export function printIssued(ctx: HubContext, kioskId: string, ticket: TicketView, issuedNow: boolean, origin: CommandOrigin): PrintState {
  return issuedNow ? ctx.printing.print(kioskId, ticket, ticketStatusUrl(ctx, origin, ticket.id)) : 'already-printed';
}

const safeHost = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** The citizen's page for a ticket (`/t/:id`), on PUBLIC_URL or else on the address the kiosk used. */
export function ticketStatusUrl(ctx: HubContext, origin: CommandOrigin, ticketId: number): string {
  const base = ctx.publicUrl ?? (origin.host && safeHost.test(origin.host) ? `http://${origin.host}` : 'http://localhost');
  return `${base.replace(/\/+$/, '')}/t/${ticketId}`;
}
