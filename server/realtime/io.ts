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
import type { Answer } from '../../protocol/errors.ts';
import { fail } from '../commands/execute.ts';
import type { Network } from '../offices/network.ts';
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
export function createRealtime(network: Network, http: HttpServer, limits: SocketLimits = defaultSocketLimits): HubServer {
  const shared = network.parts;
  // The client's address as the per-address limits count it: behind a trusted proxy, the one it names.
  const addressOf = (req: IncomingMessage) => clientAddress(req, shared.trustProxy);
  const engineConnections = new EngineConnections(shared.maxSocketsPerAddress, addressOf);
  const io: HubServer = new Server(http, {
    maxHttpBufferSize: maxSocketMessageBytes,
    serveClient: false,
    connectTimeout: limits.connectTimeoutMs,
    // Several hub nodes: pushes and server-side emits reach the sockets of every node (server/cluster/).
    ...(shared.cluster ? { adapter: shared.cluster.adapter() } : {}),
    allowRequest: (req, callback) => {
      if (!sameOrigin(req)) return callback('cross-site', false);
      if (!hostAllowed(shared.allowedHosts, req)) return callback('unknown-host', false);
      if (!engineConnections.admit(req)) return callback('too-many-connections', false);
      callback(null, true);
    },
  });
  engineConnections.watch(io.engine);

  // Each office's pushes, desk presence and ticket followers; offices created later are wired as they come.
  const offices = new Map<string, OfficeRealtime>();
  network.offices.each((office) => offices.set(office.id, wireOffice(io, office.ctx)));
  const defaultId = network.offices.defaultOffice.id;
  const officeOf = (socket: HubSocket) => offices.get(socket.data.officeId)!;

  io.use(async (socket, next) => {
    // The place is held from here, before anything is awaited, until the socket joins or gives up.
    if (!shared.connections.reserve(socket.id, addressOf(socket.request), shared.maxSocketsPerAddress)) return next(new Error('too-many-connections'));
    const gone = () => shared.connections.remove(socket.id);
    socket.conn.once('close', gone);
    socket.once('disconnect', () => socket.conn.off('close', gone));
    const refuse = (why: string) => {
      socket.conn.off('close', gone);
      gone();
      next(new Error(why));
    };
    const auth: unknown = socket.handshake.auth;
    const token: unknown = (auth as { token?: unknown } | undefined)?.token;
    // The office the page belongs to (`/o/<id>/…`); none: the default office.
    const officeId: unknown = (auth as { officeId?: unknown } | undefined)?.officeId ?? defaultId;
    const office = typeof officeId === 'string' ? offices.get(officeId) : undefined;
    if (!office) return refuse('unknown-office');
    const { ctx } = office;
    // A citizen's phone presents its ticket's link ({ ticketId, key }) instead of a token: see ./ticketFollowers.ts.
    const caller = presentsTicket(auth) && token === undefined
      ? await ticketCaller(ctx, auth).catch(() => undefined)
      : await ctx.auth.identify(typeof token === 'string' ? token : undefined).catch(() => undefined);
    if (!caller || caller.kind === 'anonymous') return refuse('unauthorized');
    socket.data.caller = caller;
    socket.data.officeId = office.ctx.officeId;
    next();
  });

  /** Moves a staff socket to another office where its session has a role: its rooms and desk presence stay behind. */
  const moveTo = async (socket: HubSocket, officeId: string): Promise<Answer<unknown> | undefined> => {
    const target = offices.get(officeId);
    if (!target) return fail('unknown-office', `No office "${officeId}".`);
    const { caller } = socket.data;
    if (caller.kind !== 'staff') return fail('forbidden', 'A paired device or a ticket link belongs to one office.');
    const there = await target.ctx.auth.identify(caller.token);
    if (there.kind !== 'staff') return fail('forbidden', `Your account has no role in the office "${officeId}".`);
    officeOf(socket).presence.left(socket.id);
    for (const room of socket.rooms) if (room !== socket.id) void socket.leave(room);
    socket.data.officeId = officeId;
    socket.data.caller = there;
    shared.connections.moved(socket.id, officeId);
    return undefined;
  };

  io.on('connection', (socket) => {
    const office = () => officeOf(socket);
    const ctxOf = () => office().ctx;
    track(office().ctx, socket, addressOf(socket.request));
    limitEmits(office().ctx, socket, limits);
    const { caller } = socket.data;
    if (caller.kind === 'ticket') return void office().followers.follow(office().ctx, socket, caller.ticketId).catch(() => socket.disconnect(true));
    socket.on('disconnect', () => office().presence.left(socket.id));
    registerSessionHandlers(office, socket, (officeId) => moveTo(socket, officeId));
    registerCommandHandlers(ctxOf, socket);
    registerAppointmentHandlers(ctxOf, socket);
    registerRatingHandlers(ctxOf, socket);
  });

  // Sessions expire and users get disabled without a word to their sockets: look now and then.
  const recheck = setInterval(() => void dropRevoked(io, officeOf), recheckEveryMs);
  recheck.unref();
  const closeAll = () => {
    clearInterval(recheck);
    for (const o of offices.values()) o.presence.close();
  };
  io.engine.on('close', closeAll);
  http.on('close', closeAll);
  return io;
}

interface OfficeRealtime {
  ctx: HubContext;
  presence: DeskPresence;
  followers: TicketFollowers;
}

/** An office's pushes: its committed changes, printer states and call-back counts to its room, its tickets' views to their phones. */
function wireOffice(io: HubServer, ctx: HubContext): OfficeRealtime {
  const followers = new TicketFollowers(io, ctx.officeId);
  const presence = new DeskPresence(ctx);
  const room = officeRoom(ctx.officeId);
  ctx.committer.on('committed', (batch, origin) => {
    // The node that wrote a batch pushes it to the office's room on every node; the others only replayed it.
    if (origin === 'written') broadcastCommitted(io, ctx.officeId, batch);
    for (const c of batch) {
      for (const { event } of c.events) if (event.type === 'desk:held' || event.type === 'desk:released') presence.holdChanged(event.deskId);
    }
    if (batch.length > 0) followers.push(batch.at(-1)!.state);
  });
  ctx.printing.onStatus((status) => io.to(room).emit('printer:status', status));
  ctx.callbacks.on('changed', (count) => io.to(room).emit('callbacks:changed', count));
  return { ctx, presence, followers };
}

/** What registering a socket needs: the connections registry, the office's id, the devices table and the time (a device seen). */
type TrackingContext = Pick<HubContext, 'connections' | 'officeId' | 'devices' | 'clock'>;

function track(ctx: TrackingContext, socket: HubSocket, address: string): void {
  const { caller } = socket.data;
  ctx.connections.add(socket.id, {
    kind: caller.kind === 'device' ? caller.device.kind : caller.kind,
    officeId: ctx.officeId,
    holder: caller.kind === 'device' ? deviceHolder(ctx.officeId, caller.device.id) : caller.kind === 'ticket' ? ticketRoom(ctx.officeId, caller.ticketId) : caller.token,
    address,
    ...(caller.kind === 'staff' ? { userId: caller.user.id } : {}),
    drop: () => socket.disconnect(true),
  });
  socket.on('disconnect', () => ctx.connections.remove(socket.id));
  if (caller.kind === 'device') void ctx.devices.seen(caller.device.id, ctx.clock()).catch(() => undefined);
}

async function dropRevoked(io: HubServer, officeOf: (socket: HubSocket) => OfficeRealtime): Promise<void> {
  for (const socket of io.sockets.sockets.values()) {
    const { caller } = socket.data;
    if (caller.kind === 'ticket') continue; // its key never expires; it can only read its own ticket
    const now = await officeOf(socket).ctx.auth.identify(caller.token).catch(() => undefined);
    if (now?.kind === 'anonymous') socket.disconnect(true);
  }
}
