import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LevelWithSilent } from 'pino';
import type { Logger } from '../logger.ts';

export const requestIdHeader = 'X-Request-Id';

/** An id a proxy or a client may hand us; anything else is replaced, so the log never carries junk. */
const saneRequestId = /^[A-Za-z0-9._-]{1,64}$/;

/** The incoming `X-Request-Id` when it is sane, else a new UUID; echoed in the response either way. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && saneRequestId.test(incoming) ? incoming : randomUUID();
  res.setHeader(requestIdHeader, id);
  return id;
}

/** Polled every few seconds by monitors: a success there is not worth an info line. */
const polledPaths = new Set(['/metrics', '/api/health']);

/** `/api/appointments/<code>…`: the code checks the citizen in, so it is not for the log. */
const appointmentCodeInPath = /^(\/api\/appointments\/)(?!offices$|slots$|check-in$)[^/]+/i; // Express matches paths regardless of case

/**
 * The path the client asked for, without the query string (a ticket's status link carries its key
 * there) and with an appointment's code replaced by `:code`. (Express rewrites `req.url` inside
 * routers, not `originalUrl`.)
 */
const pathOf = (req: IncomingMessage) =>
  ((req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '').split('?')[0]!.replace(appointmentCodeInPath, '$1:code');

function levelOf(req: IncomingMessage, res: ServerResponse, err?: Error): LevelWithSilent {
  if (err || res.statusCode >= 500) return 'error';
  if (res.statusCode >= 400) return 'warn';
  return polledPaths.has(pathOf(req)) ? 'debug' : 'info';
}

const summary = (req: IncomingMessage, res: ServerResponse) => `${req.method} ${pathOf(req)} ${res.statusCode}`;

declare module 'http' {
  interface IncomingMessage {
    /** The request's id, also sent as `X-Request-Id`. */
    id: string;
    /** The hub's logger with the request's `reqId` (made when first used). */
    log: Logger;
  }
}

/**
 * One log line per request on the hub's logger, at the end of the request: `reqId`, the method and path,
 * the status and `responseTime` (ms); 5xx at error, 4xx at warn, the rest at info (successful polls of
 * /metrics and /api/health at debug). Only those fields are written: never a header (so no Authorization,
 * Cookie or Set-Cookie), a query string, an appointment code or a body.
 *
 * The line pino-http wrote, without its two child loggers per request (they were most of its cost, and
 * pino-http was the largest part of a health poll after Express's; see docs/performance.md): `req.log`, the
 * child with the `reqId`, is made only when a handler logs, and the line is built only when its level is on.
 */
export function logRequest(log: Logger, req: IncomingMessage, res: ServerResponse): void {
  const started = Date.now();
  const id = requestId(req, res);
  req.id = id;
  let child: Logger | undefined;
  Object.defineProperty(req, 'log', { configurable: true, enumerable: false, get: () => (child ??= log.child({ reqId: id })) });
  const done = (err?: Error) => {
    res.off('finish', done);
    res.off('close', done);
    res.off('error', done);
    const level = levelOf(req, res, err);
    if (level === 'silent' || !log.isLevelEnabled(level)) return;
    const line: Record<string, unknown> = { reqId: id, req: { method: req.method, url: pathOf(req) }, res: { statusCode: res.statusCode }, responseTime: Date.now() - started };
    if (level === 'error') line.err = err ?? new Error(`failed with status code ${res.statusCode}`);
    log[level](line, summary(req, res));
  };
  res.on('finish', done);
  res.on('close', done);
  res.on('error', done);
}
