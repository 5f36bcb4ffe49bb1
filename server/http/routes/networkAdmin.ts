import type { RequestHandler } from 'express';
import { sendError } from '../respond.ts';

/** Only a network admin (an admin of every office) may go on: offices, the network's reports, the shared answers' changes. */
export const networkAdmin: RequestHandler = (_req, res, next) => {
  if (res.locals.user?.networkAdmin) return next();
  sendError(res, res.locals.caller.kind === 'anonymous' ? 'unauthorized' : 'forbidden', 'Only a network admin may do this.');
};
