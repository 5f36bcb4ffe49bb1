import type { IncomingMessage } from 'node:http';
import type { ApiError } from '../../protocol/errors.ts';
import type { HubContext } from '../context.ts';
import { EmitBudget, type EmitLimits } from './emitBudget.ts';
import type { HubServer, HubSocket } from './types.ts';

/** What one connection and one socket may hold or send (the connections per address are MAX_SOCKETS_PER_ADDRESS). */
export interface SocketLimits extends EmitLimits {
  /** A connection that has not asked to join (Socket.IO CONNECT) this long after it opened is closed. */
  connectTimeoutMs: number;
}

/**
 * Far above what the apps send: a page joins once and asks for a snapshot after a gap or a burst of
 * changes (debounced), a clerk's keyboard shortcuts send a command per key, a kiosk a ticket per citizen.
 */
export const defaultSocketLimits: SocketLimits = { connectTimeoutMs: 10_000, ...emitLimitsAt(10) };

/** SOCKET_MESSAGES_PER_SECOND: that many per second, bursts of six seconds' worth; twenty seconds' worth refused in ten seconds is a flood. */
export function emitLimitsAt(perSecond: number): EmitLimits {
  return { emitsPerSecond: perSecond, emitBurst: 6 * perSecond, dropAfterRefused: 20 * perSecond };
}

/** What an Engine.IO connection looks like to the counting below. */
interface EngineConnection {
  request: IncomingMessage;
  once(event: 'close', listener: () => void): unknown;
}

/**
 * Engine.IO connections per address, counted from the moment their handshake is allowed until they
 * close, whether they ever join or not: anonymous connections that never send the Socket.IO CONNECT
 * hold a place too (until `connectTimeoutMs` closes them), so one address cannot open thousands.
 */
export class EngineConnections {
  private readonly held = new Map<string, number>();
  /** Handshake requests allowed whose connection does not exist yet, with what gives their place back. */
  private readonly starting = new WeakMap<IncomingMessage, { release: () => void; gone: () => void }>();

  constructor(
    private readonly maxPerAddress: number,
    /** The address a connection comes from (behind a trusted proxy, the client's). */
    private readonly addressOf: (req: IncomingMessage) => string,
  ) {}

  /** For Engine.IO's `allowRequest`: takes a place for a new connection; false when its address holds all it may. */
  admit(req: IncomingMessage): boolean {
    const address = this.addressOf(req);
    const n = this.held.get(address) ?? 0;
    if (n >= this.maxPerAddress) return false;
    this.held.set(address, n + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (this.held.get(address) ?? 1) - 1;
      if (left > 0) this.held.set(address, left);
      else this.held.delete(address);
    };
    // The client may go before its connection exists (an upgrade that never completes): the place comes back.
    const gone = () => {
      this.starting.delete(req);
      release();
    };
    req.socket.once('close', gone);
    this.starting.set(req, { release, gone });
    return true;
  }

  /** Hands each place over to the connection made from its request, or gives it back when the handshake fails. */
  watch(engine: HubServer['engine']): void {
    engine.on('connection', (conn: EngineConnection) => {
      const place = this.take(conn.request);
      if (place) conn.once('close', place.release);
    });
    engine.on('connection_error', ({ req }: { req: IncomingMessage }) => this.take(req)?.release());
  }

  private take(req: IncomingMessage) {
    const place = this.starting.get(req);
    if (!place) return undefined;
    this.starting.delete(req);
    req.socket.off('close', place.gone);
    return place;
  }
}

/**
 * Bounds what one socket sends: a message over its budget is answered `too-many-requests` (when it asks
 * for an answer) and not handled; a socket that keeps flooding far past its budget is disconnected.
 */
/** What bounding a socket's messages needs: the log (a flood dropped) and the metrics (refusals counted). */
export type EmitLimitContext = Pick<HubContext, 'log' | 'metrics'>;

export function limitEmits(ctx: EmitLimitContext, socket: HubSocket, limits: EmitLimits): void {
  const budget = new EmitBudget(limits);
  let dropped = false;
  socket.use((packet, next) => {
    const taken = budget.take();
    if (taken.ok) return next();
    if (dropped) return;
    if (taken.flooding) {
      dropped = true;
      const { caller } = socket.data;
      ctx.log.warn({ caller: caller.kind === 'device' ? caller.device.name : caller.kind === 'ticket' ? `ticket ${caller.ticketId}` : caller.user.username }, 'a socket kept sending far past its limit; disconnected');
      socket.disconnect(true);
      return;
    }
    ctx.metrics.countError('too-many-requests');
    const ack: unknown = packet.at(-1);
    const error: ApiError = { code: 'too-many-requests', message: 'Too many messages on this connection. Wait a moment and try again.', retryAfterSeconds: taken.retryAfterSeconds };
    if (typeof ack === 'function') (ack as (answer: unknown) => void)({ ok: false, error });
  });
}
