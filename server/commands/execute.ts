import type { z } from 'zod';
import type { Answer, ErrorCode } from '../../protocol/errors.ts';
import type { OfficeConfig } from '../../protocol/office.ts';
import type { DeskView, PrintState, TicketView, UserView } from '../../protocol/views.ts';
import { hasRole } from '../auth/auth.ts';
import { deskView, ticketView } from '../views.ts';
import { commandCatalog, type CommandName } from './catalog.ts';
import type { Committed, Committer } from './committer.ts';

export type CommandAnswer = Answer<{ ticket: TicketView; print?: PrintState } | { desk: DeskView }>;

export const fail = (code: ErrorCode, message: string) => ({ ok: false as const, error: { code, message } });

/** The `unknown-desk` answer for a desk id the office config does not have, else undefined. */
export function unknownDesk(office: OfficeConfig, deskId: string) {
  return office.desks.some((d) => d.id === deskId) ? undefined : fail('unknown-desk', `No desk "${deskId}".`);
}

/** Zod's complaints as one plain sentence, naming the fields. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** The command path shared by REST and sockets: authorize, validate, apply and commit, answer. */
export async function executeCommand(
  committer: Committer,
  name: CommandName,
  payload: unknown,
  user: UserView | undefined,
  onCommitted?: (committed: Committed) => void,
): Promise<CommandAnswer> {
  const spec = commandCatalog[name];
  if (spec.role !== null && !user) return fail('unauthorized', 'Log in to do this.');
  if (spec.role !== null && !hasRole(user, spec.role)) return fail('forbidden', 'Your role may not do this.');
  const parsed = spec.schema.safeParse(payload);
  if (!parsed.success) return fail('validation-failed', describeIssues(parsed.error));
  // The catalog pairs each schema with its own toCommand; TypeScript cannot follow that through the lookup.
  const toCommand = spec.toCommand as (p: unknown) => ReturnType<typeof spec.toCommand>;
  const outcome = await committer.submit(toCommand(parsed.data));
  if (!outcome.ok) return outcome;
  onCommitted?.(outcome.value);
  const { state, ticketId, deskId } = outcome.value;
  if (spec.answers === 'desk') return { ok: true, data: { desk: deskView(state, deskId!) } };
  return { ok: true, data: { ticket: ticketView(state, state.tickets[ticketId!]!) } };
}
