import type { Answer } from '../../../protocol/errors.ts';
import type { HubContext } from '../../context.ts';

/**
 * Wraps a socket handler: a missing or bad acknowledgement callback is tolerated, and a handler that
 * throws answers `internal` instead of taking the hub down.
 */
export function answering<T>(ctx: HubContext, handle: (payload: unknown) => Promise<Answer<T>> | Answer<T>) {
  return async (...args: unknown[]) => {
    // Socket.IO passes the acknowledgement last: a client that sends no payload gives only the callback.
    const ack = typeof args.at(-1) === 'function' ? args.pop() : undefined;
    let answer: Answer<T>;
    try {
      answer =
        args.length > 1
          ? { ok: false, error: { code: 'validation-failed', message: 'Send one payload.' } }
          : await handle(args[0]);
    } catch (err) {
      ctx.log.error({ err }, 'socket handler failed');
      answer = { ok: false, error: { code: 'internal', message: 'Something went wrong in the hub.' } };
    }
    if (typeof ack === 'function') (ack as (a: Answer<T>) => void)(answer);
  };
}
