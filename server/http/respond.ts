import type { Request, RequestHandler, Response } from 'express';
import { parse as parseCookie } from 'cookie';
import { errorStatus, type Answer, type ErrorCode } from '../../protocol/errors.ts';
import type { Role } from '../../protocol/views.ts';
import { hasRole } from '../auth/auth.ts';

export const sessionCookie = 'pc_session';

export function sendError(res: Response, code: ErrorCode, message: string): void {
  res.status(errorStatus[code]).json({ error: { code, message } });
}

/** REST face of a command answer: the data with `status`, or `{ error }` with the code's HTTP status. */
export function sendAnswer<T>(res: Response, answer: Answer<T>, status = 200): void {
  if (answer.ok) res.status(status).json(answer.data);
  else sendError(res, answer.error.code, answer.error.message);
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

/** Lets the request through only for a logged-in user with at least `role`. */
export function requireRole(role: Role): RequestHandler {
  return (_req, res, next) => {
    if (!res.locals.user) return sendError(res, 'unauthorized', 'Log in to do this.');
    if (!hasRole(res.locals.user, role)) return sendError(res, 'forbidden', 'Your role may not do this.');
    next();
  };
}
