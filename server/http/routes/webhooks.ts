import { Router, type Response } from 'express';
import { deliveriesQuerySchema, smsRequestSchema, webhookIdSchema, webhookInputSchema, type SmsOffer } from '../../../protocol/webhooks.ts';
import type { HubContext } from '../../context.ts';
import { ticketRefSchema } from '../../../protocol/commands.ts';
import { idParam, parse, requires, sendError } from '../respond.ts';

/**
 * Outbound webhooks (issue 25): the admin's endpoints (under /admin, gated for admins in server/http/app.ts),
 * their delivery log and test message; and the SMS notice a kiosk offers after issuing a ticket.
 */
export function webhookRoutes(ctx: HubContext): Router {
  const hooks = ctx.webhooks;
  const actor = (res: Response) => res.locals.user!.username;
  const audit = (res: Response, action: string, target: string, detail?: unknown) =>
    ctx.audit.record(ctx.clock(), actor(res), action, target, detail).catch((err: unknown) => ctx.log.warn({ err }, 'could not audit a webhook change'));
  const endpointId = (res: Response, raw: unknown) => parse(webhookIdSchema, raw, res);
  // A ticket id from the path as every ticket route reads it (idParam, then the commands' ticket id).
  const ticketIdOf = (res: Response, raw: string) => parse(ticketRefSchema, { ticketId: idParam(raw) }, res)?.ticketId;
  const missing = (res: Response, id: number) => sendError(res, 'not-found', `No webhook endpoint ${id}.`);

  return Router()
    .get('/admin/webhooks', async (_req, res) => {
      res.json({ endpoints: await hooks.views() });
    })
    .post('/admin/webhooks', async (req, res) => {
      const input = parse(webhookInputSchema, req.body, res);
      if (!input) return;
      const created = await hooks.create(input);
      await audit(res, 'webhook:add', created.url, { kind: created.kind, events: created.events });
      res.status(201).json(created);
    })
    .put('/admin/webhooks/:id', async (req, res) => {
      const id = endpointId(res, req.params.id);
      if (id === undefined) return;
      const input = parse(webhookInputSchema, req.body, res);
      if (!input) return;
      const replaced = await hooks.replace(id, input);
      if (!replaced) return missing(res, id);
      await audit(res, 'webhook:update', replaced.url, { enabled: replaced.enabled, events: replaced.events, personalData: replaced.personalData });
      res.json(replaced);
    })
    .delete('/admin/webhooks/:id', async (req, res) => {
      const id = endpointId(res, req.params.id);
      if (id === undefined) return;
      if (!(await hooks.remove(id))) return missing(res, id);
      await audit(res, 'webhook:remove', `${id}`);
      res.status(204).end();
    })
    .post('/admin/webhooks/:id/secret', async (req, res) => {
      const id = endpointId(res, req.params.id);
      if (id === undefined) return;
      const rotated = await hooks.rotateSecret(id);
      if (!rotated) return missing(res, id);
      await audit(res, 'webhook:secret', rotated.url);
      res.json(rotated);
    })
    .post('/admin/webhooks/:id/test', async (req, res) => {
      const id = endpointId(res, req.params.id);
      if (id === undefined) return;
      const result = await hooks.sendTest(id);
      if (!result) return missing(res, id);
      res.json(result);
    })
    .get('/admin/webhooks/:id/deliveries', async (req, res) => {
      const id = endpointId(res, req.params.id);
      if (id === undefined) return;
      const q = parse(deliveriesQuerySchema, req.query, res);
      if (!q) return;
      if (!hooks.endpoints.some((e) => e.id === id)) return missing(res, id);
      res.json({ deliveries: await hooks.store.deliveries(id, q.limit) });
    })
    .get('/sms', requires('listen'), (_req, res) => {
      const offer: SmsOffer = { available: hooks.sms.available, ahead: hooks.sms.defaultAhead };
      res.json(offer);
    })
    .post('/tickets/:ticketId/sms', requires('issue'), async (req, res) => {
      const ticketId = ticketIdOf(res, String(req.params.ticketId));
      if (ticketId === undefined) return;
      const body = parse(smsRequestSchema, req.body, res);
      if (!body) return;
      if (!hooks.sms.available) return sendError(res, 'not-found', 'This office sends no SMS: no SMS endpoint is on.');
      const ticket = ctx.committer.state.tickets.get(ticketId);
      if (ticket?.status !== 'waiting') return sendError(res, 'not-found', `No waiting ticket ${ticketId}.`);
      const { sentNow } = await hooks.sms.request(ctx.committer.state, ticketId, body.phone, body.ahead ?? hooks.sms.defaultAhead, ctx.clock());
      if (sentNow) hooks.poke();
      res.status(201).json({ ticketId, ahead: body.ahead ?? hooks.sms.defaultAhead, sentNow });
    })
    .get('/tickets/:ticketId/sms', requires('desk'), async (req, res) => {
      const ticketId = ticketIdOf(res, String(req.params.ticketId));
      if (ticketId === undefined) return;
      const at = await hooks.sms.notifiedAt(ticketId);
      res.json({ ticketId, requested: at !== undefined, notifiedAt: at == null ? null : new Date(at).toISOString() });
    });
}
