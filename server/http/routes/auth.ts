import { Router, type Request } from 'express';
import { serialize as serializeCookie } from 'cookie';
import { loginSchema } from '../../../protocol/commands.ts';
import type { HubContext } from '../../context.ts';
import { describeIssues } from '../../commands/execute.ts';
import { releaseDesksOf, type DeskReleaseContext } from '../../desks/holding.ts';
import { requestToken, sendError, sessionCookie } from '../respond.ts';

/** What logging in and out needs: sessions and their cookie, the failed logins, the time, the log, the clerk's desks and sockets. */
export type AuthRoutesContext = DeskReleaseContext &
  Pick<HubContext, 'auth' | 'sessionMs' | 'secureCookies' | 'loginFailures' | 'clock' | 'connections'>;

export function authRoutes(ctx: AuthRoutesContext): Router {
  // HttpOnly and SameSite=Strict always; Secure when the hub is reached over HTTPS.
  const cookie = (req: Request, token: string, maxAgeSeconds: number) =>
    serializeCookie(sessionCookie, token, { httpOnly: true, sameSite: 'strict', secure: ctx.secureCookies || req.secure, path: '/', maxAge: maxAgeSeconds });
  const failures = ctx.loginFailures;
  return Router()
    .post('/auth/login', async (req, res) => {
      const parsed = loginSchema.safeParse(req.body);
      if (!parsed.success) return sendError(res, 'validation-failed', describeIssues(parsed.error));
      const { username, password } = parsed.data;
      // The client's address as the proxies we trust report it (TRUST_PROXY), else the socket's.
      const address = req.ip ?? '';
      const result = await ctx.auth.login(username, password, address);
      if (!result.ok && result.why === 'busy') {
        res.setHeader('Retry-After', '5');
        return sendError(res, 'too-many-requests', 'Too many logins at once from this computer. Try again in a few seconds.');
      }
      if (!result.ok && result.why === 'no-role') {
        failures.succeed(username, address);
        return sendError(res, 'forbidden', 'Your account has no role in this office: ask an admin of this office or of the network.');
      }
      if (!result.ok) {
        // Checked like any other, then answered late: the right password never waits for these.
        const holdMs = failures.fail(username, address);
        ctx.log.warn({ username, address, failures: failures.count(username, address) }, 'failed login');
        if (holdMs > 0) await new Promise((resolve) => setTimeout(resolve, holdMs));
        return sendError(res, 'unauthorized', 'Wrong username or password.');
      }
      failures.succeed(username, address);
      const { session } = result;
      res.setHeader('Set-Cookie', cookie(req, session.token, Math.floor(ctx.sessionMs / 1000)));
      res.json({ token: session.token, expiresAt: new Date(session.expiresAt).toISOString(), user: session.user });
    })
    .post('/auth/logout', async (req, res) => {
      const token = requestToken(req);
      const { caller } = res.locals;
      if (token && caller.kind === 'staff') {
        // The clerk's desks close with the session: nobody is at them any more.
        await releaseDesksOf(ctx, caller.user.username);
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
