import { commandNames } from '../../commands/catalog.ts';
import { runCommand, type CommandContext } from '../../commands/run.ts';
import type { HubSocket } from '../types.ts';
import { answering, currentCaller, type AnsweringContext, type CallerContext } from './answer.ts';

/** What the command handlers need: the command path, the caller's session, the answering's log and metrics. */
export type CommandHandlersContext = CommandContext & CallerContext & AnsweringContext;

/** Every state-changing command, under its own event name, through the shared command path. */
export function registerCommandHandlers(ctxOf: () => CommandHandlersContext, socket: HubSocket): void {
  for (const name of commandNames) {
    socket.on(
      name,
      answering(ctxOf, async (payload, ctx) => runCommand(ctx, name, payload, await currentCaller(ctx, socket), { host: socket.handshake.headers.host })),
    );
  }
}
