import { randomBytes } from 'node:crypto';
import { parse as parseCookie } from 'cookie';
import { Router, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { joinSchema, remoteCheckInSchema, remoteCodeSchema, remotePauseSchema, remoteReportQuerySchema } from '../../../protocol/remoteJoin.ts';
import { kioskOf, staffUser } from '../../auth/access.ts';
import type { HubContext } from '../../context.ts';
import { kioskThrottle, type KioskThrottleContext } from '../../commands/run.ts';
import { inTurn } from '../../offices/catalogue/inTurn.ts';
import { remoteCheckInRequestId } from '../../remoteJoin/remoteJoin.ts';
import { parse, requires, sendAnswer, sendError } from '../respond.ts';

/** The cookie naming a phone (a random id, nothing else): at most `placesPerDevice` places a day from one phone. */
export const deviceCookie = 'pc_join_device';
const devicePattern = /^[A-Za-z0-9_-]{16,64}$/;

/** Joins from one address: at most this many in the window (a flood from one phone or one script is refused). */
export const joinsPerAddress = { windowMs: 10 * 60_000, limit: 10 };

export type RemoteJoinRoutesContext = Pick<HubContext, 'remoteJoin' | 'committer' | 'office' | 'audit' | 'clock' | 'secureCookies'> & KioskThrottleContext;

/** The phone's device id from its cookie; a new one (set on the answer) for a phone without one. */
function deviceOf(req: Request, res: Response, secure: boolean): string {
  const known = req.headers.cookie ? parseCookie(req.headers.cookie)[deviceCookie] : undefined;
  if (known && devicePattern.test(known)) return known;
  const id = randomBytes(18).toString('base64url');
  res.cookie(deviceCookie, id, { httpOnly: true, sameSite: 'strict', secure, maxAge: 365 * 24 * 3_600_000, path: '/' });
  return id;
}

/** Joining the queue from home (see docs/api.md "Remote places"): public join page routes, the kiosk's check-in, the manager's report and pause. */
export function remoteJoinRoutes(ctx: RemoteJoinRoutesContext): Router {
  const perAddress = rateLimit({
    ...joinsPerAddress,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Made once per office: an office created through the API gets its routes inside that request.
    validate: { creationStack: false },
    // When it lifts is in the standard `RateLimit` header (draft 8), as for pairing codes.
    handler: (_req, res) => sendError(res, 'too-many-requests', 'Too many places asked for from this address. Wait a few minutes.'),
  });
  return Router()
    .get('/remote-join', async (_req, res) => {
      res.json(await ctx.remoteJoin.offer());
    })
    .post('/remote-join', perAddress, async (req, res) => {
      const body = parse(joinSchema, req.body, res);
      if (!body) return;
      sendAnswer(res, await ctx.remoteJoin.join(body.serviceId, deviceOf(req, res, ctx.secureCookies)), 201);
    })
    .get('/remote-join/places/:code', async (req, res) => {
      const code = parse(remoteCodeSchema, req.params['code'], res);
      if (!code) return;
      const place = await ctx.remoteJoin.view(code);
      if (!place) return sendError(res, 'unknown-place', `No place taken from home with the code ${code}.`);
      res.json({ place });
    })
    .post('/remote-join/check-in', requires('issue'), async (req, res) => {
      const body = parse(remoteCheckInSchema, req.body, res);
      if (!body) return;
      // A paired kiosk checks in no faster than it issues (a check-in again, of a place already a ticket, always answers).
      const throttled = kioskThrottle(ctx, res.locals.caller, remoteCheckInRequestId(body.code));
      if (throttled) return sendError(res, throttled.code, throttled.message, throttled.retryAfterSeconds);
      sendAnswer(res, await ctx.remoteJoin.checkIn(body.code, kioskOf(res.locals.caller, body.kioskId), { host: req.headers.host }, body.language), 201);
    })
    .get('/remote-join/report', requires('reports'), async (req, res) => {
      const q = parse(remoteReportQuerySchema, req.query, res);
      if (!q) return;
      res.json(await ctx.remoteJoin.report(q.from !== undefined && q.to !== undefined ? { from: q.from, to: q.to } : undefined));
    })
    // The manager's switch, applied live through the office config (the same `office:configure` as the admin's edits) and audited.
    .put('/remote-join/paused', requires('reports'), async (req, res) => {
      const body = parse(remotePauseSchema, req.body, res);
      if (!body) return;
      const answer = await inTurn(ctx.committer, async () => {
        if (ctx.office.remoteJoin.paused === body.paused) return { ok: true as const };
        const outcome = await ctx.committer.submit({ type: 'office:configure', office: { ...ctx.office, remoteJoin: { ...ctx.office.remoteJoin, paused: body.paused } } });
        if (!outcome.ok) return outcome;
        await ctx.audit.record(ctx.clock(), staffUser(res.locals.caller)?.username ?? 'staff', 'office:update', 'remoteJoin', { paused: body.paused });
        return { ok: true as const };
      });
      if (!answer.ok) return sendError(res, answer.error.code, answer.error.message);
      res.json({ paused: ctx.office.remoteJoin.paused });
    });
}
