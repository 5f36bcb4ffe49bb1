import type { Answer } from '../../../protocol/errors.ts';
import type { Caller } from '../../auth/access.ts';
import type { HubContext } from '../../context.ts';
import type { HubSocket } from '../types.ts';
import { isStorageFailure, storageError } from '../../store/storageError.ts';

/** What finding a socket's caller again needs: the office's sessions and pairings. */
export type CallerContext = Pick<HubContext, 'auth'>;
/** What answering a socket message needs: the log (a handler that throws) and the metrics (error answers). */
export type AnsweringContext = Pick<HubContext, 'log' | 'metrics'>;

/** Who the socket acts for now: its session may have ended (logout, expiry) or its device been unpaired since the handshake. */
export async function currentCaller(ctx: CallerContext, socket: HubSocket): Promise<Caller> {
  const { caller } = socket.data;
  return caller.kind === 'ticket' ? caller : ctx.auth.identify(caller.token);
}

/**
 * Wraps a socket handler, run for the socket's office of the moment: a missing or bad acknowledgement callback is tolerated, and a handler that
 * throws answers `internal` instead of taking the hub down (`storage-full` or `storage-failed` when the
 * database refused it). Error answers are counted in the metrics.
 */
export function answering<C extends AnsweringContext, T>(ctxOf: () => C, handle: (payload: unknown, ctx: C) => Promise<Answer<T>> | Answer<T>) {
  return async (...args: unknown[]) => {
    // The office the socket follows when the message arrives (a staff socket may move with `session:join`).
    const ctx = ctxOf();
    // Socket.IO passes the acknowledgement last: a client that sends no payload gives only the callback.
    const ack = typeof args.at(-1) === 'function' ? args.pop() : undefined;
    let answer: Answer<T>;
    try {
      answer =
        args.length > 1
          ? { ok: false, error: { code: 'validation-failed', message: 'Send one payload.' } }
          : await handle(args[0], ctx);
    } catch (err) {
      if (isStorageFailure(err)) {
        answer = { ok: false, error: storageError(err) };
        ctx.log.error({ err, code: answer.error.code }, 'socket handler failed: the database refused it');
      } else {
        ctx.log.error({ err }, 'socket handler failed');
        answer = { ok: false, error: { code: 'internal', message: 'Something went wrong in the hub.' } };
      }
    }
    if (!answer.ok) ctx.metrics.countError(answer.error.code);
    if (typeof ack === 'function') (ack as (a: Answer<T>) => void)(answer);
  };
}
