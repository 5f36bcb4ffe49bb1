import type { z } from 'zod';
import {
  callTicketSchema, deskRefSchema, finishSchema, issueTicketSchema, modeSchema, resumeSchema, ticketRefSchema,
  transferSchema,
} from '../../protocol/commands.ts';
import type { Role } from '../../protocol/views.ts';
import type { Command } from '../engine/index.ts';

/**
 * Every state-changing command the hub accepts, by its wire name: who may send it, the shape of its
 * payload and the engine command it becomes. REST routes and socket handlers both go through this table.
 */
interface CommandSpec<S extends z.ZodType> {
  role: Role | null;
  schema: S;
  toCommand: (payload: z.output<S>) => Command;
  answers: 'ticket' | 'desk';
}

const spec = <S extends z.ZodType>(s: CommandSpec<S>) => s;

export const commandCatalog = {
  'ticket:issue': spec({ role: null, schema: issueTicketSchema, answers: 'ticket', toCommand: (p) => ({ type: 'ticket:issue', ...p }) }),
  'ticket:cancel': spec({ role: 'clerk', schema: ticketRefSchema, answers: 'ticket', toCommand: (p) => ({ type: 'ticket:cancel', ...p }) }),
  'desk:call-next': spec({ role: 'clerk', schema: deskRefSchema, answers: 'ticket', toCommand: (p) => ({ type: 'desk:call-next', ...p }) }),
  'desk:call': spec({ role: 'clerk', schema: callTicketSchema, answers: 'ticket', toCommand: (p) => ({ type: 'desk:call', ...p }) }),
  'desk:recall': spec({ role: 'clerk', schema: deskRefSchema, answers: 'ticket', toCommand: (p) => ({ type: 'desk:recall', ...p }) }),
  'desk:start': spec({ role: 'clerk', schema: deskRefSchema, answers: 'ticket', toCommand: (p) => ({ type: 'desk:start', ...p }) }),
  'desk:finish': spec({ role: 'clerk', schema: finishSchema, answers: 'ticket', toCommand: (p) => ({ type: 'desk:finish', ...p }) }),
  'desk:no-show': spec({ role: 'clerk', schema: deskRefSchema, answers: 'ticket', toCommand: (p) => ({ type: 'desk:no-show', ...p }) }),
  'desk:transfer': spec({ role: 'clerk', schema: transferSchema, answers: 'ticket', toCommand: (p) => ({ type: 'desk:transfer', ...p }) }),
  'desk:park': spec({ role: 'clerk', schema: deskRefSchema, answers: 'ticket', toCommand: (p) => ({ type: 'desk:park', ...p }) }),
  'desk:resume': spec({ role: 'clerk', schema: resumeSchema, answers: 'ticket', toCommand: (p) => ({ type: 'desk:resume', ...p }) }),
  'desk:mode': spec({ role: 'clerk', schema: modeSchema, answers: 'desk', toCommand: (p) => ({ type: 'desk:mode', ...p }) }),
} as const;

export type CommandName = keyof typeof commandCatalog;

export const commandNames = Object.keys(commandCatalog) as CommandName[];
