import { Router, type Request } from 'express';
import { serialize as serializeCookie } from 'cookie';
import { loginSchema } from '../../../protocol/commands.ts';
import type { HubContext } from '../../context.ts';
import { describeIssues } from '../../commands/execute.ts';
import { loginLimiters } from '../loginLimits.ts';
import { requestToken, sendError, sessionCookie } from '../respond.ts';

export function authRoutes(ctx: HubContext): Router {
  // HttpOnly and SameSite=Strict always; Secure when the hub is reached over HTTPS.
  const cookie = (req: Request, token: string, maxAgeSeconds: number) =>
    serializeCookie(sessionCookie, token, { httpOnly: true, sameSite: 'strict', secure: ctx.secureCookies || req.secure, path: '/', maxAge: maxAgeSeconds });
  return Router()
    .post('/auth/login', ...loginLimiters(ctx.loginLimits), async (req, res) => {
      const parsed = loginSchema.safeParse(req.body);
      if (!parsed.success) return sendError(res, 'validation-failed', describeIssues(parsed.error));
      const session = await ctx.auth.login(parsed.data.username, parsed.data.password);
      if (!session) {
        ctx.log.warn({ username: parsed.data.username, address: req.socket.remoteAddress }, 'failed login');
        return sendError(res, 'unauthorized', 'Wrong username or password.');
      }
      res.setHeader('Set-Cookie', cookie(req, session.token, Math.floor(ctx.sessionMs / 1000)));
      res.json({ token: session.token, expiresAt: new Date(session.expiresAt).toISOString(), user: session.user });
    })
    .post('/auth/logout', async (req, res) => {
      const token = requestToken(req);
      if (token && res.locals.caller.kind === 'staff') {
        await ctx.auth.logout(token);
        ctx.connections.dropHeldBy(token);
      }
      res.setHeader('Set-Cookie', cookie(req, '', 0));
      res.status(204).end();
    })
    .get('/auth/me', (_req, res) => {
      if (!res.locals.user) return sendError(res, 'unauthorized', 'Not logged in.');
      res.json({ user: res.locals.user });
    });
}
