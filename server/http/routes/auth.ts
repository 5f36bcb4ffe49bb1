import { Router } from 'express';
import { serialize as serializeCookie } from 'cookie';
import { loginSchema } from '../../../protocol/commands.ts';
import type { HubContext } from '../../context.ts';
import { describeIssues } from '../../commands/execute.ts';
import { requestToken, sendError, sessionCookie } from '../respond.ts';

export function authRoutes(ctx: HubContext): Router {
  return Router()
    .post('/auth/login', async (req, res) => {
      const parsed = loginSchema.safeParse(req.body);
      if (!parsed.success) return sendError(res, 'validation-failed', describeIssues(parsed.error));
      const session = await ctx.auth.login(parsed.data.username, parsed.data.password);
      if (!session) return sendError(res, 'unauthorized', 'Wrong username or password.');
      res.setHeader(
        'Set-Cookie',
        serializeCookie(sessionCookie, session.token, { httpOnly: true, sameSite: 'strict', path: '/', maxAge: Math.floor(ctx.sessionMs / 1000) }),
      );
      res.json({ token: session.token, expiresAt: new Date(session.expiresAt).toISOString(), user: session.user });
    })
    .post('/auth/logout', async (req, res) => {
      const token = requestToken(req);
      if (token) await ctx.auth.logout(token);
      res.setHeader('Set-Cookie', serializeCookie(sessionCookie, '', { httpOnly: true, sameSite: 'strict', path: '/', maxAge: 0 }));
      res.status(204).end();
    })
    .get('/auth/me', (_req, res) => {
      if (!res.locals.user) return sendError(res, 'unauthorized', 'Not logged in.');
      res.json({ user: res.locals.user });
    });
}
