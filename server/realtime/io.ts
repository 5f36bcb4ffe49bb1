import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { HubContext } from '../context.ts';
import { sameOrigin } from '../http/sameOrigin.ts';
import { clientAddress } from '../http/trustProxy.ts';
import { hostAllowed } from '../http/allowedHosts.ts';
import { deviceHolder } from '../http/routes/devices.ts';
import { registerAppointmentHandlers } from './handlers/appointments.ts';
import { registerCommandHandlers } from './handlers/commands.ts';
import { registerSessionHandlers } from './handlers/session.ts';
import { officeRoom, type HubServer, type HubSocket } from './types.ts';
import { broadcastCommitted } from './broadcast.ts';

export const maxSocketMessageBytes = 16 * 1024;
/** How often open sockets are checked against their session or pairing (expiry, a disabled user). */
const recheckEveryMs = 60_000;

/**
 * Socket.IO on the hub's HTTP server. Only paired devices and logged-in staff connect (token in the
 * handshake's `auth`), only from the hub's own pages or from programs, and only so many per address.
 */
export function createRealtime(ctx: HubContext, http: HttpServer): HubServer {
  const io: HubServer = new Server(http, {
    maxHttpBufferSize: maxSocketMessageBytes,
    serveClient: false,
    allowRequest: (req, callback) => callback(null, sameOrigin(req) && hostAllowed(ctx.allowedHosts, req)),
  });

  io.use(async (socket, next) => {
    const address = clientAddress(socket.request, ctx.trustProxy);
    if (ctx.connections.fromAddress(address) >= ctx.maxSocketsPerAddress) return next(new Error('too-many-connections'));
    const token: unknown = socket.handshake.auth?.token;
    const caller = await ctx.auth.identify(typeof token === 'string' ? token : undefined).catch(() => undefined);
    if (!caller || caller.kind === 'anonymous') return next(new Error('unauthorized'));
    socket.data.caller = caller;
    next();
  });

  io.on('connection', (socket) => {
    track(ctx, socket);
    registerSessionHandlers(ctx, socket);
    registerCommandHandlers(ctx, socket);
    registerAppointmentHandlers(ctx, socket);
  });

  // Sessions expire and users get disabled without a word to their sockets: look now and then.
  const recheck = setInterval(() => void dropRevoked(ctx, io), recheckEveryMs);
  recheck.unref();
  io.engine.on('close', () => clearInterval(recheck));
  http.on('close', () => clearInterval(recheck));

  ctx.committer.on('committed', (batch) => broadcastCommitted(io, batch));
  ctx.printing.onStatus((status) => io.to(officeRoom).emit('printer:status', status));
  ctx.callbacks.on('changed', (count) => io.to(officeRoom).emit('callbacks:changed', count));
  return io;
}

function track(ctx: HubContext, socket: HubSocket): void {
  const { caller } = socket.data;
  ctx.connections.add(socket.id, {
    kind: caller.kind === 'device' ? caller.device.kind : 'staff',
    holder: caller.kind === 'device' ? deviceHolder(caller.device.id) : caller.token,
    address: clientAddress(socket.request, ctx.trustProxy),
    ...(caller.kind === 'staff' ? { userId: caller.user.id } : {}),
    drop: () => socket.disconnect(true),
  });
  socket.on('disconnect', () => ctx.connections.remove(socket.id));
  if (caller.kind === 'device') void ctx.devices.seen(caller.device.id, ctx.clock()).catch(() => undefined);
}

async function dropRevoked(ctx: HubContext, io: HubServer): Promise<void> {
  for (const socket of io.sockets.sockets.values()) {
    const now = await ctx.auth.identify(socket.data.caller.token).catch(() => undefined);
    if (now?.kind === 'anonymous') socket.disconnect(true);
  }
}
