import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { UserView } from '../../protocol/views.ts';
import type { HubContext } from '../context.ts';
import { appRoutes, defaultAppsDir } from './apps.ts';
import { appointmentRoutes } from './routes/appointments.ts';
import { authRoutes } from './routes/auth.ts';
import { callbackRoutes } from './routes/callbacks.ts';
import { deskRoutes } from './routes/desks.ts';
import { displayRoutes } from './routes/displays.ts';
import { healthRoutes } from './routes/health.ts';
import { queueRoutes } from './routes/queue.ts';
import { reportRoutes } from './routes/reports.ts';
import { adminRoutes } from './routes/admin.ts';
import { ticketRoutes } from './routes/tickets.ts';
import { requestToken, sendError } from './respond.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express types its locals through this namespace.
  namespace Express {
    interface Locals {
      user?: UserView | undefined;
    }
  }
}

export const maxBodyBytes = 16 * 1024;
export const maxAdminBodyBytes = 512 * 1024;

/** The REST API under /api. */
export function createApp(ctx: HubContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);

  const identify: RequestHandler = async (req, res, next) => {
    const token = requestToken(req);
    res.locals.user = token ? await ctx.auth.authenticate(token) : undefined;
    next();
  };

  const api = express.Router();
  // A whole office config (import) is larger than any other body.
  api.use('/admin', express.json({ limit: maxAdminBodyBytes, strict: false }));
  api.use(express.json({ limit: maxBodyBytes, strict: false }), identify);
  for (const routes of [healthRoutes, queueRoutes, ticketRoutes, deskRoutes, authRoutes, displayRoutes, appointmentRoutes, callbackRoutes, reportRoutes, adminRoutes]) api.use(routes(ctx));
  api.use((req, res) => sendError(res, 'not-found', `No route ${req.method} ${req.baseUrl}${req.path}.`));
  app.use('/api', api);

  app.use(appRoutes(defaultAppsDir, ctx.office.name));

  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') return sendError(res, 'payload-too-large', `The body is larger than ${(err as { limit?: number }).limit ?? maxBodyBytes} bytes.`);
    if (type === 'entity.parse.failed') return sendError(res, 'validation-failed', 'The body is not valid JSON.');
    if (type === 'charset.unsupported' || type === 'encoding.unsupported') return sendError(res, 'validation-failed', 'Send UTF-8 JSON.');
    // Any other client error (bad percent-encoding, a body not in its declared content-encoding…) is the client's.
    const status = (err as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) return sendError(res, 'validation-failed', 'The request could not be read.');
    ctx.log.error({ err }, 'request failed');
    sendError(res, 'internal', 'Something went wrong in the hub.');
  };
  app.use(onError);
  return app;
}
