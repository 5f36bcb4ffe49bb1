import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { parse as parseCookie } from 'cookie';
import { errorStatus, type Answer, type ErrorCode } from '../../protocol/errors.ts';
import { refusal, type Permission } from '../auth/access.ts';
import { describeIssues } from '../commands/execute.ts';
import type { HubMetrics } from '../observability/metrics.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express types its locals through this namespace.
  namespace Express {
    interface Locals {
      /**
       * Where sendError counts error answers and the response is counted: on `res.locals`, the office whose API
       * answers (set by its router); on `app.locals`, the default office's, for what no office's API answered.
       */
      metrics?: HubMetrics;
    }
  }
}

export const sessionCookie = 'pc_session';

/** An error answer with the code's HTTP status; a wait (seconds) goes into `Retry-After` and the body. */
/** `value` checked against `schema`: its data, or undefined after answering 400 `validation-failed` with what is wrong. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, res: Response): z.infer<S> | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  sendError(res, 'validation-failed', describeIssues(parsed.error));
  return undefined;
}

export function sendError(res: Response, code: ErrorCode, message: string, retryAfterSeconds?: number): void {
  answeringMetrics(res)?.countError(code);
  if (retryAfterSeconds === undefined) return void res.status(errorStatus[code]).json({ error: { code, message } });
  res.set('Retry-After', String(retryAfterSeconds)).status(errorStatus[code]).json({ error: { code, message, retryAfterSeconds } });
}

/** REST face of a command answer: the data with `status`, or `{ error }` with the code's HTTP status. */
export function sendAnswer<T>(res: Response, answer: Answer<T>, status = 200): void {
  if (answer.ok) res.status(status).json(answer.data);
  else if (answer.error.heldBy !== undefined) {
    // `desk-held` names the clerk at the desk, so the one asking can decide to take it over.
    answeringMetrics(res)?.countError(answer.error.code);
    res.status(errorStatus[answer.error.code]).json({ error: { code: answer.error.code, message: answer.error.message, heldBy: answer.error.heldBy } });
  } else sendError(res, answer.error.code, answer.error.message, answer.error.retryAfterSeconds);
}

/** The metrics of the office answering: the one whose API the request reached, else the default office's. */
export function answeringMetrics(res: Response): HubMetrics | undefined {
  return res.locals.metrics ?? res.app.locals.metrics;
}

/** The session token from `Authorization: Bearer …` or the session cookie. */
export function requestToken(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  const cookies = req.headers.cookie ? parseCookie(req.headers.cookie) : {};
  return cookies[sessionCookie] || undefined;
}

/** A whole positive integer from a path segment, or the raw text (which validation then refuses). */
export function idParam(value: string): number | string {
  return /^[1-9]\d{0,15}$/.test(value) ? Number(value) : value;
}

/** Lets the request through only for a caller (staff or device) granted `permission`. */
export function requires(permission: Permission): RequestHandler {
  return (_req, res, next) => {
    const refused = refusal(res.locals.caller, permission);
    if (refused) return sendError(res, refused.code, refused.message);
    next();
  };
}
