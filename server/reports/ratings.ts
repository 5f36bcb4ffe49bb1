import type { RatingsReport } from '../../protocol/ratings.ts';
import type { Database } from '../store/db.ts';
import { ratingCounts, RatingStore, type RatingFilter } from '../store/ratingStore.ts';
import type { Table } from './tables.ts';

/** Ratings per service, per desk and per month of the range, and in all ("Mettiamoci la faccia"). */
export async function ratingsReport(db: Database, filter: RatingFilter): Promise<RatingsReport> {
  const store = new RatingStore(db);
  const [byService, byDesk, byMonth] = await Promise.all([store.counts(filter, 'service'), store.counts(filter, 'desk'), store.counts(filter, 'month')]);
  const sum = (k: 'good' | 'ok' | 'bad') => byMonth.reduce((n, r) => n + r[k], 0);
  return {
    from: filter.from,
    to: filter.to,
    byService: byService.map(({ key, ...c }) => ({ serviceId: key, ...c })),
    byDesk: byDesk.map(({ key, ...c }) => ({ deskId: key, ...c })),
    byMonth: byMonth.map(({ key, ...c }) => ({ month: key, ...c })),
    total: ratingCounts(sum('good'), sum('ok'), sum('bad')),
  };
}

const countColumns = ['good', 'ok', 'bad', 'total', 'satisfactionPercent'] as const;

/** One table: a row per service, desk and month, then the total (`group` says which). An empty percentage is an empty cell. */
export function ratingsTables(r: RatingsReport): Table[] {
  const cells = (c: RatingsReport['total']) => countColumns.map((k) => c[k] ?? '');
  return [
    {
      id: 'ratings',
      columns: ['group', 'key', ...countColumns],
      rows: [
        ...r.byService.map((s) => ['service', s.serviceId, ...cells(s)]),
        ...r.byDesk.map((d) => ['desk', d.deskId, ...cells(d)]),
        ...r.byMonth.map((m) => ['month', m.month, ...cells(m)]),
        ['total', 'total', ...cells(r.total)],
      ],
    },
  ];
}
