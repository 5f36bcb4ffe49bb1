import { Router } from 'express';
import { faqReportQuerySchema, type NetworkFaqUsesReport } from '../../../protocol/faq.ts';
import { networkArchiveQuerySchema, outcomeCatalogueSchema, type CatalogueView } from '../../../protocol/catalogue.ts';
import { networkMonthlyQuerySchema, type NetworkMonthlyReport, type OfficeSummary } from '../../../protocol/network.ts';
import { createOffice } from '../../offices/createOffice.ts';
import type { Network } from '../../offices/network.ts';
import { monthlyReport } from '../../reports/accesses.ts';
import { FaqUses, faqUsesReport, faqUsesTables } from '../../faq/faqUses.ts';
import { monthsRange, networkArchive, networkArchiveTables, networkExportNames } from '../../reports/networkArchive.ts';
import { parse, sendError } from '../respond.ts';
import { sendReport, sendReportNamed } from '../sendReport.ts';
import { networkAdmin } from './networkAdmin.ts';
import { networkLoad } from '../../traffic/networkLoad.ts';

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
  const catalogue = network.parts.catalogue;
  const catalogueView = (): CatalogueView => {
    const codes = new Set(catalogue.current.outcomes.map((o) => o.code));
    return {
      catalogue: catalogue.current,
      updatedAt: new Date(catalogue.updatedAt).toISOString(),
      extensions: network.offices.all().map((o) => ({
        officeId: o.id,
        codes: [...new Set(o.ctx.office.services.flatMap((s) => s.outcomes.map((x) => x.code)))].filter((c) => !codes.has(c)).sort(),
      })),
    };
  };
  return Router()
    // The shared answers (`/network/faq`, server/http/routes/faq.ts) are read by every desk and kiosk: not gated here.
    .use(['/admin/offices', '/network/reports', '/network/catalogue', '/network/load'], networkAdmin)
    .get('/network/catalogue', (_req, res) => {
      res.json(catalogueView());
    })
    .put('/network/catalogue', async (req, res) => {
      const next = parse(outcomeCatalogueSchema, req.body, res);
      if (!next) return;
      const offices = network.offices.all().map((o) => ({ id: o.id, committer: o.ctx.committer }));
      await catalogue.replace(next, res.locals.user!.username, network.parts.clock(), offices);
      res.json(catalogueView());
    })
    .get('/network/reports/archive', async (req, res) => {
      const q = parse(networkArchiveQuerySchema, req.query, res);
      if (!q) return;
      const days = { ...monthsRange(q.from, q.to), ...(q.service ? { service: q.service } : {}) };
      const offices = await Promise.all(
        network.offices.all().map(async (o) => ({
          id: o.id,
          name: o.ctx.office.name,
          services: o.ctx.office.services.map((s) => ({ id: s.id, name: s.name })),
          rows: await o.ctx.reports.monthRows(days),
        })),
      );
      const current = catalogue.current;
      const report = networkArchive(offices, current, q);
      const name = q.from === q.to ? q.from : `${q.from}_${q.to}`;
      await sendReportNamed((lang) => networkExportNames(report, lang), res, q, `archivio-rete-${name}`, report, (r) => networkArchiveTables(r, current, q.lang));
    })
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
    })
    .get('/network/reports/faq', async (req, res) => {
      const q = parse(faqReportQuerySchema, req.query, res);
      if (!q) return;
      const offices = network.offices.all();
      const perOffice = await Promise.all(offices.map((o) => new FaqUses(o.ctx.database).byMonth(q.from, q.to)));
      const all = perOffice.flat();
      const total = faqUsesReport(all, await network.faq.questions([...new Set(all.map((u) => u.answerId))]), q.from, q.to);
      const report: NetworkFaqUsesReport = {
        ...total,
        offices: offices.map((o, i) => ({ id: o.id, name: o.ctx.office.name, total: perOffice[i]!.reduce((n, u) => n + u.uses, 0) })),
      };
      await sendReport(network.offices.defaultOffice.ctx, res, q, `risposte-rete-${q.from}_${q.to}`, report, faqUsesTables);
    });
}
