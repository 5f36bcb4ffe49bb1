import { Router } from 'express';
import { idPattern } from '../../../protocol/ids.ts';
import type { DisplayProfile } from '../../../protocol/office.ts';
import type { HubContext } from '../../context.ts';
import { requires, sendError } from '../respond.ts';

/** The id plain `/display` uses: a display that shows the whole office. */
export const defaultDisplayId = 'all';

/** What the displays' profiles need: the office config. */
export type DisplayRoutesContext = Pick<HubContext, 'office'>;

/** The profile of a waiting-room display (what it shows and says), or the "everything" profile with the office's own ticker. */
export function displayRoutes(ctx: DisplayRoutesContext): Router {
  const profileOf = (id: string): DisplayProfile => {
    const office = { officeName: ctx.office.name, timeZone: ctx.office.timeZone };
    const configured = ctx.office.displays.find((d) => d.id === id);
    if (configured) return { ...structuredClone(configured), configured: true, ...office };
    return { id, name: ctx.office.name, language: 'it', speak: true, ticker: structuredClone(ctx.office.ticker), configured: false, ...office };
  };
  return Router()
    .use('/displays', requires('listen'))
    .get('/displays', (_req, res) => {
      res.json(profileOf(defaultDisplayId));
    })
    .get('/displays/:displayId', (req, res) => {
      const id = req.params.displayId;
      if (!idPattern.test(id)) return sendError(res, 'validation-failed', 'A display id is lowercase letters, digits and dashes (max 40).');
      res.json(profileOf(id));
    });
}
