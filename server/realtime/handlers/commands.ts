import type { HubContext } from '../../context.ts';
import { commandNames } from '../../commands/catalog.ts';
import { runCommand } from '../../commands/run.ts';
import type { HubSocket } from '../types.ts';
import { answering, currentCaller } from './answer.ts';

/** Every state-changing command, under its own event name, through the shared command path. */
export function registerCommandHandlers(ctxOf: () => HubContext, socket: HubSocket): void {
  for (const name of commandNames) {
    socket.on(
      name,
      answering(ctxOf, async (payload, ctx) => runCommand(ctx, name, payload, await currentCaller(ctx, socket), { host: socket.handshake.headers.host })),
    );
  }
}
