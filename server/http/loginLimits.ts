import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { slowDown } from 'express-slow-down';
import { sendError } from './respond.ts';

/** Failed logins from one address, counted over a window; successful logins do not count. */
export interface LoginLimits {
  windowMs: number;
  /** Failures after which each further attempt is answered more slowly… */
  slowAfter: number;
  /** …by this much more each time… */
  stepMs: number;
  /** …up to this delay. */
  maxDelayMs: number;
  /** Failures after which attempts are refused (429) until the window has passed. */
  refuseAfter: number;
}

export const defaultLoginLimits: LoginLimits = { windowMs: 15 * 60_000, slowAfter: 3, stepMs: 500, maxDelayMs: 5000, refuseAfter: 10 };

/**
 * Guessing passwords gets slow, then stops: after `slowAfter` failures each attempt waits a little
 * longer, and after `refuseAfter` failures the address is refused until the window has passed.
 */
export function loginLimiters(limits: LoginLimits): RequestHandler[] {
  const common = { windowMs: limits.windowMs, skipSuccessfulRequests: true, standardHeaders: 'draft-8' as const, legacyHeaders: false };
  return [
    rateLimit({
      ...common,
      limit: limits.refuseAfter,
      handler: (_req, res) => {
        res.setHeader('Retry-After', String(Math.ceil(limits.windowMs / 1000)));
        sendError(res, 'too-many-requests', `Too many failed logins from this computer. Try again in ${Math.ceil(limits.windowMs / 60_000)} minutes.`);
      },
    }),
    slowDown({
      ...common,
      delayAfter: limits.slowAfter,
      delayMs: (used) => (used - limits.slowAfter) * limits.stepMs,
      maxDelayMs: limits.maxDelayMs,
    }),
  ];
}
