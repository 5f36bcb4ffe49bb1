import { Router } from 'express';
import type { HubContext } from '../../context.ts';
import { commandNames, type CommandName } from '../../commands/catalog.ts';
import { unknownDesk } from '../../commands/execute.ts';
import { runCommand, type CommandContext } from '../../commands/run.ts';
import { deskToday, type DeskTodayContext } from '../../desks/deskToday.ts';
import { requires, sendAnswer, sendError } from '../respond.ts';

/** What the desk routes need: the office's desks, a desk's counters, the command path. */
export type DeskRoutesContext = DeskTodayContext & CommandContext & Pick<HubContext, 'office'>;

/** `POST /api/desks/:deskId/<action>` runs the socket command `desk:<action>` with the desk from the path. */
export function deskRoutes(ctx: DeskRoutesContext): Router {
  return Router()
    .get('/desks/:deskId/today', requires('desk'), async (req, res) => {
      const deskId = String(req.params.deskId);
      const noDesk = unknownDesk(ctx.office, deskId);
      if (noDesk) return sendAnswer(res, noDesk);
      res.json(await deskToday(ctx, deskId));
    })
    .post('/desks/:deskId/:action', async (req, res) => {
    const name = `desk:${req.params.action}`;
    if (!commandNames.includes(name as CommandName)) return sendError(res, 'not-found', `No desk action "${req.params.action}".`);
    // No body is an empty one; the JSON body `null` is not an object and is refused.
    const body: unknown = req.body === undefined ? {} : req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return sendError(res, 'validation-failed', 'The body must be a JSON object.');
    }
    const payload = { ...body, deskId: req.params.deskId };
    sendAnswer(res, await runCommand(ctx, name as CommandName, payload, res.locals.caller, { host: req.headers.host }));
  });
}
