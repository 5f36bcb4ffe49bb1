import type { ReportFormat } from '../../protocol/reports.ts';
import { apiUrl } from '../../ui/office.ts';

/** The manager's reports and the query each one takes. */
export type ReportKind = 'monthly' | 'accesses' | 'outcomes' | 'times' | 'heatmap' | 'ratings' | 'needs' | 'service-months' | 'clerks' | 'period' | 'faq' | 'kiosk-gaps';

/** Filter values as the page holds them: an empty string means "not filtered". */
export type ReportParams = Record<string, string | number | null | undefined>;

/**
 * The path of a report with its filters: empty values left out, keys in a stable order, and
 * `format` only for the file downloads (JSON is the default).
 */
export function reportPath(kind: ReportKind, params: ReportParams, format: ReportFormat = 'json'): string {
  const query = new URLSearchParams();
  for (const key of Object.keys(params).sort()) {
    const value = params[key];
    if (value === null || value === undefined || value === '') continue;
    query.set(key, String(value));
  }
  if (format !== 'json') query.set('format', format);
  const text = query.toString();
  return apiUrl(`/api/reports/${kind}${text ? `?${text}` : ''}`);
}

/** The name a downloaded report gets when the hub does not name it ("accessi-2026.csv"). */
export function reportFileName(kind: ReportKind, params: ReportParams, format: Exclude<ReportFormat, 'json'>): string {
  const names: Record<ReportKind, string> = { monthly: 'accessi', accesses: 'accessi', outcomes: 'prestazioni', times: 'tempi', heatmap: 'orari-di-punta', ratings: 'soddisfazione', needs: 'aiuti-chiamata', 'service-months': 'accessi-per-servizio', clerks: 'operatori', period: 'rendiconto', faq: 'risposte', 'kiosk-gaps': 'numeri-non-usati' };
  const table = params.table ? `-${params.table}` : '';
  const span = params.year !== undefined && params.year !== null && params.year !== '' ? String(params.year) : [params.from, params.to].filter(Boolean).join('_');
  return `${names[kind]}${span ? `-${span}` : ''}${table}.${format}`;
}
