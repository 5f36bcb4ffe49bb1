import type { Response } from 'express';
import type { ReportFormat } from '../../protocol/reports.ts';
import type { HubContext } from '../context.ts';
import { exportNames, localize, type ExportLang, type ExportNames } from '../reports/exportLabels.ts';
import { toCsv, toXlsx } from '../reports/files.ts';
import type { Table } from '../reports/tables.ts';
import { sendError } from './respond.ts';

/** What a report's files need: the office's names for services, desks and outcomes. */
export type ReportFileContext = Pick<HubContext, 'office'>;

type FileQuery = { format: ReportFormat; lang: ExportLang; table?: string | undefined };

/**
 * A report as JSON, or one of its tables as CSV, or all of them as an XLSX workbook (a download), the files
 * in the language asked for, with the office's names (server/reports/exportLabels.ts).
 */
export function sendReport<T>(ctx: ReportFileContext, res: Response, query: FileQuery, fileName: string, report: T, tables: (r: T) => Table[]) {
  return sendReportNamed((lang) => exportNames(ctx.office, lang), res, query, fileName, report, tables);
}

/** `sendReport` with the names of ids given by `namesIn` (the network's reports name several offices' services). */
export async function sendReportNamed<T>(namesIn: (lang: ExportLang) => ExportNames, res: Response, query: FileQuery, fileName: string, report: T, tables: (r: T) => Table[]) {
  if (query.format === 'json') return void res.json(report);
  const names = namesIn(query.lang);
  const all = tables(report).map((t) => localize(t, names));
  if (query.format === 'xlsx') {
    res.attachment(`${fileName}.xlsx`);
    return void res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await toXlsx(all));
  }
  const table = query.table === undefined ? all[0]! : all.find((t) => t.id === query.table);
  if (!table) return sendError(res, 'validation-failed', `table: one of ${all.map((t) => t.id).join(', ')}`);
  res.attachment(`${fileName}${query.table ? `-${table.id}` : ''}.csv`);
  res.type('text/csv; charset=utf-8').send(toCsv(table, query.lang));
}
