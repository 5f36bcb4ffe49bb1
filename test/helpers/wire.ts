import type { Socket } from 'socket.io-client';
import type { Answer } from '../../protocol/errors.ts';
import type { ChangeEventName, Change } from '../../protocol/events.ts';
import type { TestSocket } from './hub.ts';

/** Small tools for talking to a hub over Socket.IO in tests. */

/** The same socket without the typed event map, to send what a typed client never would. */
export function untyped(socket: TestSocket): Socket {
  return socket as unknown as Socket;
}

/**
 * Emits `event` with `args` and waits for the acknowledgement. Resolves with the answer, or rejects
 * when none comes within `timeoutMs` (a hub that never answers is a failure, not a hang).
 */
export function ask<T = unknown>(socket: TestSocket, event: string, args: unknown[], timeoutMs = 2000): Promise<Answer<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to "${event}" within ${timeoutMs} ms`)), timeoutMs);
    untyped(socket).emit(event, ...args, (answer: Answer<T>) => {
      clearTimeout(timer);
      resolve(answer);
    });
  });
}

/** A pushed change as a recorder keeps it: the event's name and its payload. */
export interface Recorded {
  name: ChangeEventName;
  payload: Change & Record<string, unknown>;
}

/** Records every event the hub pushes to a socket, in arrival order. */
export function record(socket: TestSocket): Recorded[] {
  const seen: Recorded[] = [];
  untyped(socket).onAny((name: string, payload: Change & Record<string, unknown>) => {
    seen.push({ name: name as ChangeEventName, payload });
  });
  return seen;
}

/** Waits (bounded) until `done()` holds; rejects with `what` when it does not within `timeoutMs`. */
export async function until(done: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
