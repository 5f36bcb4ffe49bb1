import type { OfficeConfig } from '../../protocol/office.ts';
import type { KioskGapsReport, ReportFilter } from '../../protocol/reports.ts';
import { dayStart, nextDay } from '../engine/calendar.ts';
import { formatNumber } from '../engine/issue.ts';
import type { Database } from '../store/db.ts';
import type { Table } from './tables.ts';

/** A day is released at its rollover: the first command after it ended, normally at midnight, later if the hub was off. */
const releaseLateDays = 14;

/**
 * The numbers kiosks were handed ahead of time and never issued (server/engine/kioskBlocks.ts), from the event
 * log's `kiosk:released` events: each names the day its numbers belonged to. Few rows, so no roll-up.
 */
export async function kioskGapsReport(db: Database, office: OfficeConfig, filter: Pick<ReportFilter, 'from' | 'to' | 'service'>): Promise<KioskGapsReport> {
  let until = filter.to;
  for (let i = 0; i <= releaseLateDays; i++) until = nextDay(until);
  const events = await db.all<{ data: string }>(
    "SELECT data FROM events WHERE type = 'kiosk:released' AND at >= ? AND at < ? ORDER BY seq",
    [dayStart(filter.from, office.timeZone), dayStart(until, office.timeZone)],
  );
  const prefixes = new Map(office.services.map((s) => [s.id, s.prefix]));
  const rows: KioskGapsReport['rows'] = [];
  for (const { data } of events) {
    const e = JSON.parse(data) as { kioskId: string; serviceId: string; numbers: number[]; day: string };
    if (e.day < filter.from || e.day > filter.to || (filter.service !== undefined && e.serviceId !== filter.service)) continue;
    const prefix = prefixes.get(e.serviceId) ?? '';
    rows.push({ day: e.day, kioskId: e.kioskId, serviceId: e.serviceId, count: e.numbers.length, numbers: e.numbers.map((n) => formatNumber(prefix, n)) });
  }
  rows.sort((a, b) => a.day.localeCompare(b.day) || a.kioskId.localeCompare(b.kioskId) || a.serviceId.localeCompare(b.serviceId));
  return { from: filter.from, to: filter.to, rows, total: rows.reduce((n, r) => n + r.count, 0) };
}

export function kioskGapsTables(r: KioskGapsReport): Table[] {
  return [{
    id: 'gaps',
    columns: ['day', 'kioskId', 'serviceId', 'count', 'numbers'],
    rows: [...r.rows.map((row) => [row.day, row.kioskId, row.serviceId, row.count, row.numbers.join(' ')]), ['total', '', '', r.total, '']],
  }];
}
