import express, { type ErrorRequestHandler } from 'express';
import type { UserView } from '../../protocol/views.ts';
import { staffUser, type Caller } from '../auth/access.ts';
import type { HubContext } from '../context.ts';
import { appRoutes, defaultAppsDir } from './apps.ts';
import { appointmentRoutes } from './routes/appointments.ts';
import { authRoutes } from './routes/auth.ts';
import { callbackRoutes } from './routes/callbacks.ts';
import { deskRoutes } from './routes/desks.ts';
import { deviceRoutes } from './routes/devices.ts';
import { displayRoutes } from './routes/displays.ts';
import { healthAnswer, healthRoutes } from './routes/health.ts';
import { queueRoutes } from './routes/queue.ts';
import { whatIfRoutes } from './routes/whatif.ts';
import { reportRoutes } from './routes/reports.ts';
import { adminRoutes } from './routes/admin.ts';
import { networkRoutes } from './routes/network.ts';
import { faqRoutes } from './routes/faq.ts';
import type { Network } from '../offices/network.ts';
import { ticketRoutes } from './routes/tickets.ts';
import { kioskBlockRoutes } from './routes/kioskBlocks.ts';
import { remoteJoinRoutes } from './routes/remoteJoin.ts';
import { trafficRoutes } from './routes/traffic.ts';
import { TicketMoves } from '../traffic/move.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { logRequest } from './requestLog.ts';
import { countResponse } from './requestMetrics.ts';
import { requestToken, requires, sendError } from './respond.ts';
import { sameOrigin } from './sameOrigin.ts';
import { hostAllowed } from './allowedHosts.ts';
import { setSecurityHeaders } from './securityHeaders.ts';
import { isStorageFailure, storageError } from '../store/storageError.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express types its locals through this namespace.
  namespace Express {
    interface Locals {
      /** Who sent the request (set for every /api request). */
      caller: Caller;
      /** The staff member behind it, when it is one. */
      user?: UserView | undefined;
    }
  }
}

export const maxBodyBytes = 16 * 1024;
export const maxAdminBodyBytes = 512 * 1024;

/** The REST API under /api (the default office, and the network's routes) and under /api/offices/<id> (every office), and the pages. */
export function createApp(network: Network): express.Express {
  const ctx = network.offices.defaultOffice.ctx;
  const app = express();
  app.disable('x-powered-by');
  // No ETag hashed from every body: the API's answers are no-store (no client keeps a copy to revalidate), and
  // the hashing was a few per cent of a health poll. GET /api/queue sends its own (the seq); files have send's.
  app.set('etag', false);
  // req.ip, req.secure and req.protocol believe X-Forwarded-* only from the proxies TRUST_PROXY names.
  app.set('trust proxy', ctx.trustProxy);
  app.locals.metrics = ctx.metrics; // what no office's API answers (pages, /metrics, an unknown office) is counted on the default office
  // One middleware for what every request gets (each layer a request passes costs it):
  // - first, so that every request, refused or not, gets its X-Request-Id, its log line and its count;
  // - ALLOWED_HOSTS: a page of another site whose name was pointed at the hub (DNS rebinding) gets nothing;
  // - helmet's security headers.
  app.use((req, res, next) => {
    logRequest(ctx.log, req, res);
    countResponse(req, res);
    if (!hostAllowed(ctx.allowedHosts, req)) return sendError(res, 'unknown-host', 'This hub does not answer to that host name.');
    setSecurityHeaders(res);
    next();
  });

  // Each office's API, made as the office starts; the default office's also carries the network's routes.
  const apis = new Map<string, express.Router>();
  const moves = new TicketMoves(() => network.offices.all());
  network.offices.each((office) =>
    apis.set(office.id, officeApi(office.ctx, [...(office.isDefault ? [networkRoutes(network)] : []), faqRoutes(network, office.ctx), trafficRoutes(network, office, moves)])),
  );
  // The default office's health poll (monitors, every device, every few seconds) as one route of the app's own router:
  // the same front middleware and handler as in its API below, without the three routers a request passes there.
  app.get('/api/health', officeFront(ctx), healthAnswer(ctx));
  app.use('/api/offices/:officeId', (req, res, next) => {
    const api = apis.get(String(req.params['officeId']));
    if (!api) return sendError(res.set('Cache-Control', 'no-store'), 'unknown-office', `No office "${String(req.params['officeId']).slice(0, 40)}".`);
    api(req, res, next);
  });
  app.use('/api', apis.get(network.offices.defaultOffice.id)!);
  app.use(metricsRoutes({ nodeMetrics: network.parts.nodeMetrics, metricsToken: ctx.metricsToken, auth: ctx.auth }));
  app.use(appRoutes(defaultAppsDir, ctx.office.name, (id) => network.offices.has(id)));

  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') return sendError(res, 'payload-too-large', `The body is larger than ${(err as { limit?: number }).limit ?? maxBodyBytes} bytes.`);
    if (type === 'entity.parse.failed') return sendError(res, 'validation-failed', 'The body is not valid JSON.');
    if (type === 'charset.unsupported' || type === 'encoding.unsupported') return sendError(res, 'validation-failed', 'Send UTF-8 JSON.');
    // Any other client error (bad percent-encoding, a body not in its declared content-encoding…) is the client's.
    const status = (err as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) return sendError(res, 'validation-failed', 'The request could not be read.');
    // A store that met a full disk or a locked database: said as the queue's commands say it (507, 503).
    if (isStorageFailure(err)) {
      const refused = storageError(err);
      req.log.error({ err, code: refused.code }, 'request failed: the database refused it');
      return sendError(res, refused.code, refused.message);
    }
    req.log.error({ err }, 'request failed');
    sendError(res, 'internal', 'Something went wrong in the hub.');
  };
  app.use(onError);
  return app;
}

/**
 * One middleware for what every request to an office's API needs (each layer a request passes costs it):
 * - its requests and error answers are counted under the office's id in /metrics;
 * - every answer is fresh and many carry personal data (appointments, call-backs, staff accounts) or secrets
 *   (session and device tokens): no browser or proxy may keep a copy, errors included;
 * - no CORS: a page from another site may not use the API, even with the staff's cookie;
 * - who asks: without a promise when the caches know the token (most requests); a rejected lookup goes to onError.
 */
function officeFront(ctx: HubContext): express.RequestHandler {
  const identified = (res: express.Response, caller: Caller, next: express.NextFunction) => {
    res.locals.caller = caller;
    res.locals.user = staffUser(caller);
    next();
  };
  return (req, res, next) => {
    res.locals.metrics = ctx.metrics;
    res.setHeader('Cache-Control', 'no-store');
    if (!sameOrigin(req)) return sendError(res, 'forbidden', 'Requests from other sites are refused.');
    const token = requestToken(req);
    const known = ctx.auth.identifyKnown(token);
    if (known) return identified(res, known, next);
    return ctx.auth.identify(token).then((caller) => identified(res, caller, next));
  };
}

/** One office's API: who asks (its devices, its staff roles), its routes; `extra` routes come before all but the busiest. */
function officeApi(ctx: HubContext, extra: express.Router[]): express.Router {
  const api = express.Router();
  api.use(officeFront(ctx));
  // The one gate of every /admin route; a whole office config (import) is larger than any other body, taken from admins only.
  api.use('/admin', requires('admin'), express.json({ limit: maxAdminBodyBytes, strict: false }));
  api.use(express.json({ limit: maxBodyBytes, strict: false }));
  // The busiest routes first (each router a request goes through before its own costs a little): health polls,
  // the queue, and tickets. None of the routers after them has a path of theirs or a gate on one.
  for (const routes of [healthRoutes, queueRoutes, ticketRoutes]) api.use(routes(ctx));
  for (const routes of extra) api.use(routes);
  for (const routes of [deskRoutes, authRoutes, displayRoutes, appointmentRoutes, remoteJoinRoutes, callbackRoutes, kioskBlockRoutes, reportRoutes, whatIfRoutes, deviceRoutes, webhookRoutes, adminRoutes]) api.use(routes(ctx));
  api.use((req, res) => sendError(res, 'not-found', `No route ${req.method} ${req.baseUrl}${req.path}.`));
  return api;
}
