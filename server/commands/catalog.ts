import type { z } from 'zod';
import {
  callTicketSchema, cancelTicketSchema, deskRefSchema, finishSchema, holdSchema, issueTicketSchema, modeSchema, releaseSchema, reopenSchema, resumeSchema, ticketRefSchema,
  transferSchema,
} from '../../protocol/commands.ts';
import type { Permission } from '../auth/access.ts';
import type { Command } from '../engine/index.ts';

/**
 * Every state-changing command the hub accepts, by its wire name: who may send it, the shape of its
 * payload and the engine command it becomes (see server/auth/access.ts for who has which permission). REST routes and socket handlers both go through this table.
 */
interface CommandSpec<S extends z.ZodType> {
  permission: Permission;
  schema: S;
  /** `clerk`: the username of the staff member asking (null for a device). */
  toCommand: (payload: z.output<S>, clerk: string | null) => Command;
  answers: 'ticket' | 'desk';
}

const spec = <S extends z.ZodType>(s: CommandSpec<S>) => s;

export const commandCatalog = {
  'ticket:issue': spec({ permission: 'issue', schema: issueTicketSchema, answers: 'ticket', toCommand: ({ language: _printedOnly, ...p }) => ({ type: 'ticket:issue', ...p }) }),
  'ticket:cancel': spec({ permission: 'desk', schema: cancelTicketSchema, answers: 'ticket', toCommand: (p) => ({ type: 'ticket:cancel', ...p }) }),
  'ticket:recover': spec({ permission: 'desk', schema: ticketRefSchema, answers: 'ticket', toCommand: (p) => ({ type: 'ticket:recover', ...p }) }),
  'desk:call-next': spec({ permission: 'desk', schema: deskRefSchema, answers: 'ticket', toCommand: (p) => ({ type: 'desk:call-next', ...p }) }),
  'desk:call': spec({ permission: 'desk', schema: callTicketSchema, answers: 'ticket', toCommand: (p) => ({ type: 'desk:call', ...p }) }),
  'desk:recall': spec({ permission: 'desk', schema: deskRefSchema, answers: 'ticket', toCommand: (p) => ({ type: 'desk:recall', ...p }) }),
  'desk:start': spec({ permission: 'desk', schema: deskRefSchema, answers: 'ticket', toCommand: (p) => ({ type: 'desk:start', ...p }) }),
  'desk:finish': spec({ permission: 'desk', schema: finishSchema, answers: 'ticket', toCommand: (p) => ({ type: 'desk:finish', ...p }) }),
  'desk:no-show': spec({ permission: 'desk', schema: deskRefSchema, answers: 'ticket', toCommand: (p) => ({ type: 'desk:no-show', ...p }) }),
  'desk:transfer': spec({ permission: 'desk', schema: transferSchema, answers: 'ticket', toCommand: (p) => ({ type: 'desk:transfer', ...p }) }),
  'desk:park': spec({ permission: 'desk', schema: deskRefSchema, answers: 'ticket', toCommand: (p) => ({ type: 'desk:park', ...p }) }),
  'desk:resume': spec({ permission: 'desk', schema: resumeSchema, answers: 'ticket', toCommand: (p) => ({ type: 'desk:resume', ...p }) }),
  'desk:requeue': spec({ permission: 'desk', schema: deskRefSchema, answers: 'ticket', toCommand: (p) => ({ type: 'desk:requeue', ...p }) }),
  'desk:reopen': spec({ permission: 'desk', schema: reopenSchema, answers: 'ticket', toCommand: (p) => ({ type: 'desk:reopen', ...p }) }),
  'desk:mode': spec({ permission: 'desk', schema: modeSchema, answers: 'desk', toCommand: (p) => ({ type: 'desk:mode', ...p }) }),
  // Only staff have the desk permission, so `clerk` is a username here.
  'desk:hold': spec({ permission: 'desk', schema: holdSchema, answers: 'desk', toCommand: (p, clerk) => ({ type: 'desk:hold', ...p, clerk: clerk ?? '' }) }),
  'desk:release': spec({ permission: 'desk', schema: releaseSchema, answers: 'desk', toCommand: (p, clerk) => ({ type: 'desk:release', ...p, clerk: clerk ?? '' }) }),
} as const;

export type CommandName = keyof typeof commandCatalog;

export const commandNames = Object.keys(commandCatalog) as CommandName[];
