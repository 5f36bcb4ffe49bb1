import type { HubContext } from '../../context.ts';
import { commandNames } from '../../commands/catalog.ts';
import { runCommand } from '../../commands/run.ts';
import type { HubSocket } from '../types.ts';
import { answering } from './answer.ts';

/** Every state-changing command, under its own event name, through the shared command path. */
export function registerCommandHandlers(ctx: HubContext, socket: HubSocket): void {
  for (const name of commandNames) {
    socket.on(
      name,
      answering(ctx, async (payload) => {
        // The session may have ended (logout, expiry) since the handshake.
        const token = socket.data.token;
        const user = token === undefined ? undefined : await ctx.auth.authenticate(token);
        return runCommand(ctx, name, payload, user, { host: socket.handshake.headers.host });
      }),
    );
  }
}
