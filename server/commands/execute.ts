import type { z } from 'zod';
import type { Answer, ErrorCode } from '../../protocol/errors.ts';
import type { OfficeConfig } from '../../protocol/office.ts';
import type { DeskView, PrintState, TicketView } from '../../protocol/views.ts';
import { refusal, staffUser, type Caller } from '../auth/access.ts';
import { deskView, ticketView } from '../views.ts';
import { commandCatalog, type CommandName } from './catalog.ts';
import type { Committed, QueueWriter } from './committer.ts';

export type CommandAnswer = Answer<{ ticket: TicketView; print?: PrintState; statusUrl?: string } | { desk: DeskView }>;

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
  committer: QueueWriter,
  name: CommandName,
  payload: unknown,
  caller: Caller,
  onCommitted?: (committed: Committed) => void,
): Promise<CommandAnswer> {
  const spec = commandCatalog[name];
  const refused = refusal(caller, spec.permission);
  if (refused) return { ok: false, error: refused };
  const parsed = spec.schema.safeParse(payload);
  if (!parsed.success) return fail('validation-failed', describeIssues(parsed.error));
  // The catalog pairs each schema with its own toCommand; TypeScript cannot follow that through the lookup.
  const toCommand = spec.toCommand as (p: unknown, clerk: string | null) => ReturnType<typeof spec.toCommand>;
  const outcome = await committer.submit(toCommand(parsed.data, staffUser(caller)?.username ?? null));
  if (!outcome.ok) {
    // A desk held by someone else: say by whom, so the clerk can decide to take it over.
    const heldBy = outcome.error.code === 'desk-held' ? committer.state.desks.get((parsed.data as { deskId: string }).deskId)?.heldBy : undefined;
    return heldBy ? { ok: false, error: { ...outcome.error, heldBy } } : outcome;
  }
  onCommitted?.(outcome.value);
  const { state, ticketId, deskId } = outcome.value;
  if (spec.answers === 'desk') return { ok: true, data: { desk: deskView(state, deskId!) } };
  return { ok: true, data: { ticket: ticketView(state, state.tickets.get(ticketId!)!) } };
}
