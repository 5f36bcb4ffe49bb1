import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { HubContext } from '../context.ts';
import { sameOrigin } from '../http/sameOrigin.ts';
import { clientAddress } from '../http/trustProxy.ts';
import { hostAllowed } from '../http/allowedHosts.ts';
import { deviceHolder } from '../http/routes/devices.ts';
import { registerAppointmentHandlers } from './handlers/appointments.ts';
import { registerCommandHandlers } from './handlers/commands.ts';
import { registerRatingHandlers } from './handlers/ratings.ts';
import { registerSessionHandlers } from './handlers/session.ts';
import { officeRoom, type HubServer, type HubSocket } from './types.ts';
import { broadcastCommitted } from './broadcast.ts';
import { DeskPresence } from './deskAway.ts';
import { defaultSocketLimits, EngineConnections, limitEmits, type SocketLimits } from './limits.ts';
import { presentsTicket, ticketCaller, TicketFollowers, ticketRoom } from './ticketFollowers.ts';

export const maxSocketMessageBytes = 16 * 1024;
/** How often open sockets are checked against their session or pairing (expiry, a disabled user). */
const recheckEveryMs = 60_000;

/**
 * Socket.IO on the hub's HTTP server. Only paired devices and logged-in staff connect (token in the
 * handshake's `auth`), only from the hub's own pages or from programs, and only so many per address:
 * MAX_SOCKETS_PER_ADDRESS bounds the connections of an address, joined or not, and its sockets, each
 * counted from the start of its handshake. A connection that does not join soon is closed, and each
 * socket has a budget of messages (see ./limits.ts).
 */
export function createRealtime(ctx: HubContext, http: HttpServer, limits: SocketLimits = defaultSocketLimits): HubServer {
  // The client's address as the per-address limits count it: behind a trusted proxy, the one it names.
  const addressOf = (req: IncomingMessage) => clientAddress(req, ctx.trustProxy);
  const engineConnections = new EngineConnections(ctx.maxSocketsPerAddress, addressOf);
  const io: HubServer = new Server(http, {
    maxHttpBufferSize: maxSocketMessageBytes,
    serveClient: false,
    connectTimeout: limits.connectTimeoutMs,
    allowRequest: (req, callback) => {
      if (!sameOrigin(req)) return callback('cross-site', false);
      if (!hostAllowed(ctx.allowedHosts, req)) return callback('unknown-host', false);
      if (!engineConnections.admit(req)) return callback('too-many-connections', false);
      callback(null, true);
    },
  });
  engineConnections.watch(io.engine);

  io.use(async (socket, next) => {
    // The place is held from here, before anything is awaited, until the socket joins or gives up.
    if (!ctx.connections.reserve(socket.id, addressOf(socket.request), ctx.maxSocketsPerAddress)) return next(new Error('too-many-connections'));
    const gone = () => ctx.connections.remove(socket.id);
    socket.conn.once('close', gone);
    socket.once('disconnect', () => socket.conn.off('close', gone));
    const auth: unknown = socket.handshake.auth;
    const token: unknown = (auth as { token?: unknown } | undefined)?.token;
    // A citizen's phone presents its ticket's link ({ ticketId, key }) instead of a token: see ./ticketFollowers.ts.
    const caller = presentsTicket(auth) && token === undefined
      ? await ticketCaller(ctx, auth).catch(() => undefined)
      : await ctx.auth.identify(typeof token === 'string' ? token : undefined).catch(() => undefined);
    if (!caller || caller.kind === 'anonymous') {
      socket.conn.off('close', gone);
      gone();
      return next(new Error('unauthorized'));
    }
    socket.data.caller = caller;
    next();
  });

  const followers = new TicketFollowers(io);
  const presence = new DeskPresence(ctx);
  io.on('connection', (socket) => {
    track(ctx, socket, addressOf(socket.request));
    limitEmits(ctx, socket, limits);
    const { caller } = socket.data;
    if (caller.kind === 'ticket') return void followers.follow(ctx, socket, caller.ticketId).catch(() => socket.disconnect(true));
    socket.on('disconnect', () => presence.left(socket.id));
    registerSessionHandlers(ctx, socket, presence);
    registerCommandHandlers(ctx, socket);
    registerAppointmentHandlers(ctx, socket);
    registerRatingHandlers(ctx, socket);
  });

  // Sessions expire and users get disabled without a word to their sockets: look now and then.
  const recheck = setInterval(() => void dropRevoked(ctx, io), recheckEveryMs);
  recheck.unref();
  io.engine.on('close', () => {
    clearInterval(recheck);
    presence.close();
  });
  http.on('close', () => {
    clearInterval(recheck);
    presence.close();
  });

  ctx.committer.on('committed', (batch) => {
    broadcastCommitted(io, batch);
    for (const c of batch) {
      for (const { event } of c.events) if (event.type === 'desk:held' || event.type === 'desk:released') presence.holdChanged(event.deskId);
    }
    if (batch.length > 0) followers.push(batch.at(-1)!.state);
  });
  ctx.printing.onStatus((status) => io.to(officeRoom).emit('printer:status', status));
  ctx.callbacks.on('changed', (count) => io.to(officeRoom).emit('callbacks:changed', count));
  return io;
}

function track(ctx: HubContext, socket: HubSocket, address: string): void {
  const { caller } = socket.data;
  ctx.connections.add(socket.id, {
    kind: caller.kind === 'device' ? caller.device.kind : caller.kind,
    holder: caller.kind === 'device' ? deviceHolder(caller.device.id) : caller.kind === 'ticket' ? ticketRoom(caller.ticketId) : caller.token,
    address,
    ...(caller.kind === 'staff' ? { userId: caller.user.id } : {}),
    drop: () => socket.disconnect(true),
  });
  socket.on('disconnect', () => ctx.connections.remove(socket.id));
  if (caller.kind === 'device') void ctx.devices.seen(caller.device.id, ctx.clock()).catch(() => undefined);
}

async function dropRevoked(ctx: HubContext, io: HubServer): Promise<void> {
  for (const socket of io.sockets.sockets.values()) {
    const { caller } = socket.data;
    if (caller.kind === 'ticket') continue; // its key never expires; it can only read its own ticket
    const now = await ctx.auth.identify(caller.token).catch(() => undefined);
    if (now?.kind === 'anonymous') socket.disconnect(true);
  }
}
