import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { HubContext } from '../context.ts';
import { registerAppointmentHandlers } from './handlers/appointments.ts';
import { registerCommandHandlers } from './handlers/commands.ts';
import { registerSessionHandlers } from './handlers/session.ts';
import { officeRoom, type HubServer } from './types.ts';
import { broadcastCommitted } from './broadcast.ts';

export const maxSocketMessageBytes = 16 * 1024;

/** Socket.IO on the hub's HTTP server: optional staff login by token, one handler file per feature. */
export function createRealtime(ctx: HubContext, http: HttpServer): HubServer {
  const io: HubServer = new Server(http, { maxHttpBufferSize: maxSocketMessageBytes, serveClient: false });

  io.use(async (socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    if (token === undefined || token === null || token === '') {
      socket.data.token = undefined;
      return next();
    }
    const user = typeof token === 'string' && token.length <= 256 ? await ctx.auth.authenticate(token).catch(() => undefined) : undefined;
    if (!user) return next(new Error('unauthorized'));
    socket.data.token = token as string;
    next();
  });

  io.on('connection', (socket) => {
    registerSessionHandlers(ctx, socket);
    registerCommandHandlers(ctx, socket);
    registerAppointmentHandlers(ctx, socket);
  });

  ctx.committer.on('committed', (batch) => broadcastCommitted(io, batch));
  ctx.printing.onStatus((status) => io.to(officeRoom).emit('printer:status', status));
  ctx.callbacks.on('changed', (count) => io.to(officeRoom).emit('callbacks:changed', count));
  return io;
}
