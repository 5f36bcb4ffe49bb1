import type { Answer } from '../../../protocol/errors.ts';
import type { HubContext } from '../../context.ts';

/**
 * Wraps a socket handler: a missing or bad acknowledgement callback is tolerated, and a handler that
 * throws answers `internal` instead of taking the hub down.
 */
export function answering<T>(ctx: HubContext, handle: (payload: unknown) => Promise<Answer<T>> | Answer<T>) {
  return async (payload: unknown, ack: unknown) => {
    let answer: Answer<T>;
    try {
      answer = await handle(payload);
    } catch (err) {
      ctx.log.error({ err }, 'socket handler failed');
      answer = { ok: false, error: { code: 'internal', message: 'Something went wrong in the hub.' } };
    }
    if (typeof ack === 'function') ack(answer);
  };
}
