import { io, type Socket } from 'socket.io-client';
import type { ApiError, Answer } from '../protocol/errors.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../protocol/events.ts';
import { officeHandshake } from './office.ts';

/** The one Socket.IO connection of an app page, typed with the shared event maps. */
export type HubSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** An error answer, or `unreachable` when the hub did not answer in time (nothing is known to have happened). */
export type ClientError = ApiError | { code: 'unreachable'; message: string };
export type ClientAnswer<T> = { ok: true; data: T } | { ok: false; error: ClientError };

/** Connects to the hub as this page's office (`/o/<id>/…`; the default office otherwise), with the token given. */
export function connectHub(token?: string): HubSocket {
  const auth = { ...(token ? { token } : {}), ...officeHandshake() };
  return io({
    transports: ['websocket', 'polling'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    ...(Object.keys(auth).length > 0 ? { auth } : {}),
  });
}

type Command = keyof ClientToServerEvents;
type PayloadOf<E extends Command> = Parameters<ClientToServerEvents[E]>[0];
type DataOf<E extends Command> = Parameters<ClientToServerEvents[E]>[1] extends (a: Answer<infer T>) => void ? T : never;

/** Sends a command and waits for its answer; a disconnected socket or a silent hub gives `unreachable`. */
export function ask<E extends Command>(socket: HubSocket, event: E, payload: PayloadOf<E>, timeoutMs = 8000): Promise<ClientAnswer<DataOf<E>>> {
  const unreachable = { ok: false as const, error: { code: 'unreachable' as const, message: 'The hub did not answer.' } };
  if (!socket.connected) return Promise.resolve(unreachable);
  return new Promise((resolve) => {
    // socket.io's typed emit cannot follow a generic event name; the event map above keeps callers honest.
    const emit = socket.timeout(timeoutMs).emit as unknown as (e: E, p: PayloadOf<E>, ack: (err: Error | null, a: Answer<DataOf<E>>) => void) => void;
    emit.call(socket.timeout(timeoutMs), event, payload, (err, answer) => resolve(err ? unreachable : answer));
  });
}
