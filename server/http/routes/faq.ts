import { Router, type Response } from 'express';
import { faqAnswerInputSchema, faqIdSchema, faqQuerySchema, faqReportQuerySchema, type FaqAnswer, type FaqList } from '../../../protocol/faq.ts';
import type { HubContext } from '../../context.ts';
import { dayOf } from '../../engine/calendar.ts';
import { searchAnswers } from '../../faq/faqSearch.ts';
import { faqUsesReport, faqUsesTables, FaqUses } from '../../faq/faqUses.ts';
import type { Network } from '../../offices/network.ts';
import { parse, requires, sendError } from '../respond.ts';
import { sendReport } from '../sendReport.ts';
import { networkAdmin } from './networkAdmin.ts';

/**
 * The network's shared answers, mounted in every office's API (server/http/app.ts): each office's staff and
 * paired kiosks read them through their own office (`/api/offices/<id>/network/faq`, the default office's
 * `/api/network/faq`), as their tokens are known there. Network admins edit them from any office; the change
 * is audited in the default office's log, in the same transaction (the answers live in its database).
 * A desk counts a use in its own office (`/faq/:id/used`), and the office's manager reads the uses (`/reports/faq`).
 */
export function faqRoutes(network: Network, ctx: HubContext): Router {
  const faq = network.faq;
  const uses = new FaqUses(ctx.database);
  const networkAudit = () => network.offices.defaultOffice.ctx.audit;
  const actor = (res: Response) => res.locals.user!.username;
  const answerId = (res: Response, raw: unknown) => parse(faqIdSchema, raw, res);

  /** An answer whose services are all known to the office the admin works in (or to some office of the network). */
  const unknownService = (answer: { services: string[] }) => {
    const known = new Set(network.offices.all().flatMap((o) => o.ctx.office.services.map((s) => s.id)));
    return answer.services.find((s) => !known.has(s));
  };

  return Router()
    .get('/network/faq', requires('listen'), async (req, res) => {
      const q = parse(faqQuerySchema, req.query, res);
      if (!q) return;
      let answers: FaqAnswer[] = await faq.list();
      if (q.serviceId !== undefined) answers = answers.filter((a) => a.services.length === 0 || a.services.includes(q.serviceId!));
      if (q.tag !== undefined) answers = answers.filter((a) => a.tags.includes(q.tag!));
      const found = q.q !== undefined && q.q.trim() !== '' ? searchAnswers(answers, q.q) : answers;
      const list: FaqList = { answers: found.slice(0, q.limit) };
      res.json(list);
    })
    .use('/network/faq', networkAdmin)
    .post('/network/faq', async (req, res) => {
      const input = parse(faqAnswerInputSchema, req.body, res);
      if (!input) return;
      const unknown = unknownService(input);
      if (unknown) return sendError(res, 'validation-failed', `services: no office of the network has the service "${unknown}".`);
      const at = ctx.clock();
      const created = await networkAudit().recording({ at, actor: actor(res), action: 'faq:add', target: input.question.it.slice(0, 80) }, (tx) =>
        faq.on(tx).create(input, at, actor(res)),
      );
      res.status(201).json(created);
    })
    .put('/network/faq/:id', async (req, res) => {
      const id = answerId(res, req.params.id);
      if (id === undefined) return;
      const input = parse(faqAnswerInputSchema, req.body, res);
      if (!input) return;
      const unknown = unknownService(input);
      if (unknown) return sendError(res, 'validation-failed', `services: no office of the network has the service "${unknown}".`);
      const at = ctx.clock();
      const replaced = await networkAudit().recording({ at, actor: actor(res), action: 'faq:update', target: `${id}`, detail: { question: input.question.it.slice(0, 80) } }, async (tx) => {
        const r = await faq.on(tx).replace(id, input, at, actor(res));
        // No such answer: the transaction is rolled back, so no audit entry is left for a change not made.
        if (!r) throw new NoSuchAnswer();
        return r;
      }).catch(orMissing);
      if (!replaced) return sendError(res, 'not-found', `No answer ${id}.`);
      res.json(replaced);
    })
    .delete('/network/faq/:id', async (req, res) => {
      const id = answerId(res, req.params.id);
      if (id === undefined) return;
      const removed = await networkAudit().recording({ at: ctx.clock(), actor: actor(res), action: 'faq:remove', target: `${id}` }, async (tx) => {
        if (!(await faq.on(tx).remove(id))) throw new NoSuchAnswer();
        return true;
      }).catch(orMissing);
      if (!removed) return sendError(res, 'not-found', `No answer ${id}.`);
      res.status(204).end();
    })
    .post('/faq/:id/used', requires('desk'), async (req, res) => {
      const id = answerId(res, req.params.id);
      if (id === undefined) return;
      if (req.body !== undefined && (typeof req.body !== 'object' || req.body === null || Object.keys(req.body as object).length > 0)) {
        return sendError(res, 'validation-failed', 'This takes no body.');
      }
      if (!(await faq.get(id))) return sendError(res, 'not-found', `No answer ${id}.`);
      const day = dayOf(ctx.clock(), ctx.office.timeZone);
      await uses.record(id, day);
      res.json({ answerId: id, day });
    })
    .get('/reports/faq', requires('reports'), async (req, res) => {
      const q = parse(faqReportQuerySchema, req.query, res);
      if (!q) return;
      const counted = await uses.byMonth(q.from, q.to);
      const report = faqUsesReport(counted, await faq.questions([...new Set(counted.map((u) => u.answerId))]), q.from, q.to);
      await sendReport(ctx, res, q, `risposte-${q.from === q.to ? q.from : `${q.from}_${q.to}`}`, report, faqUsesTables);
    });
}

class NoSuchAnswer extends Error {}

/** undefined for the answer that was not there; any other failure goes on to the error handler. */
function orMissing(err: unknown): undefined {
  if (err instanceof NoSuchAnswer) return undefined;
  throw err;
}
