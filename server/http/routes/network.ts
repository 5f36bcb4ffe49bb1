import { Router, type RequestHandler } from 'express';
import { networkMonthlyQuerySchema, type NetworkMonthlyReport, type OfficeSummary } from '../../../protocol/network.ts';
import { createOffice } from '../../offices/createOffice.ts';
import type { Network } from '../../offices/network.ts';
import { monthlyReport } from '../../reports/accesses.ts';
import { parse, sendError } from '../respond.ts';
import { networkLoad } from '../../traffic/networkLoad.ts';

/** Only a network admin (an admin of every office) may list and create offices and read the network's reports. */
const networkAdmin: RequestHandler = (_req, res, next) => {
  if (res.locals.user?.networkAdmin) return next();
  sendError(res, res.locals.caller.kind === 'anonymous' ? 'unauthorized' : 'forbidden', 'Only a network admin may do this.');
};

/** The network of offices: `/api/admin/offices` and `/api/network/…` (see docs/api.md). */
export function networkRoutes(network: Network): Router {
  const summaries = async (): Promise<OfficeSummary[]> => {
    const recorded = new Map((await network.registry.list()).map((e) => [e.id, e]));
    return network.offices.all().map((o) => ({
      id: o.id,
      name: o.ctx.office.name,
      isDefault: o.isDefault,
      createdAt: new Date(recorded.get(o.id)?.createdAt ?? 0).toISOString(),
    }));
  };
  return Router()
    .use(['/admin/offices', '/network'], networkAdmin)
    .get('/admin/offices', async (_req, res) => {
      res.json({ offices: await summaries() });
    })
    .post('/admin/offices', async (req, res) => {
      const created = await createOffice(network, req.body, res.locals.user!.username);
      if (!created.ok) return sendError(res, created.error.code, created.error.message);
      res.status(201).json({ office: created.office });
    })
    // The supervisor board ("Sala controllo"): every office's load now, polled every few seconds.
    .get('/network/load', (_req, res) => {
      res.json(networkLoad(network.offices.all(), network.parts.clock()));
    })
    .get('/network/reports/monthly', async (req, res) => {
      const q = parse(networkMonthlyQuerySchema, req.query, res);
      if (!q) return;
      const offices = network.offices.all();
      const sums = await Promise.all(offices.map((o) => o.ctx.reports.yearSums(q.year)));
      const report: NetworkMonthlyReport = {
        year: q.year,
        offices: offices.map((o, i) => ({ id: o.id, name: o.ctx.office.name, report: monthlyReport(sums[i]!, q.year) })),
        total: monthlyReport(sums.flat(), q.year),
      };
      res.json(report);
    });
}
