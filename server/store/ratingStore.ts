import type { RatingCounts, RatingValue } from '../../protocol/ratings.ts';
import type { Database } from './db.ts';

export interface NewRating {
  ticketId: number;
  rating: RatingValue;
  serviceId: string;
  deskId: string;
  /** The office day the ticket was done ('YYYY-MM-DD'). */
  day: string;
  source: 'phone' | 'tablet';
}

/** A kept rating as the reports read it: no ticket, no time of day. */
export interface RatingRow {
  rating: RatingValue;
  serviceId: string;
  deskId: string;
  day: string;
  source: 'phone' | 'tablet';
}

export interface RatingFilter {
  from: string;
  to: string;
  service?: string | undefined;
  desk?: string | undefined;
}

interface CountRow {
  key: string;
  good: number;
  ok: number;
  bad: number;
}

/** The citizens' ratings (migration 0006). Anonymous: a service, a desk, a day; the ticket id only until the retention job clears it. */
export class RatingStore {
  constructor(private readonly db: Database) {}

  /** Keeps a rating; false when the ticket already has one (its id is unique, so two at once cannot both pass). */
  async add(r: NewRating): Promise<boolean> {
    const done = await this.db.run(
      'INSERT INTO ratings (ticket_id, rating, service_id, desk_id, day, source) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      [r.ticketId, r.rating, r.serviceId, r.deskId, r.day, r.source],
    );
    return done.changes > 0;
  }

  async rated(ticketId: number): Promise<boolean> {
    return (await this.db.get('SELECT 1 FROM ratings WHERE ticket_id = ?', [ticketId])) !== undefined;
  }

  /** Every rating of the range, oldest day first (for tests and exports of the raw data). */
  async list(filter: RatingFilter): Promise<RatingRow[]> {
    const { where, params } = whereOf(filter);
    return this.db.all<RatingRow>(
      `SELECT rating, service_id AS "serviceId", desk_id AS "deskId", day, source FROM ratings ${where} ORDER BY day, id`,
      params,
    );
  }

  /** Counts of each face grouped by `by` (a service, a desk, or a month 'YYYY-MM'). */
  async counts(filter: RatingFilter, by: 'service' | 'desk' | 'month'): Promise<(RatingCounts & { key: string })[]> {
    const { where, params } = whereOf(filter);
    const key = by === 'service' ? 'service_id' : by === 'desk' ? 'desk_id' : 'substr(day, 1, 7)';
    const rows = await this.db.all<CountRow>(
      `SELECT ${key} AS key,
              SUM(CASE WHEN rating = 'good' THEN 1 ELSE 0 END) AS good, SUM(CASE WHEN rating = 'ok' THEN 1 ELSE 0 END) AS ok,
              SUM(CASE WHEN rating = 'bad' THEN 1 ELSE 0 END) AS bad
         FROM ratings ${where} GROUP BY ${key} ORDER BY ${key}`,
      params,
    );
    return rows.map((r) => ({ key: r.key, ...ratingCounts(r.good, r.ok, r.bad) }));
  }

  /** Clears the ticket ids of the ratings of days before `day`: past its day a ticket can no longer be rated, so the link is not needed. */
  async forgetTicketsBefore(day: string): Promise<number> {
    return (await this.db.run('UPDATE ratings SET ticket_id = NULL WHERE ticket_id IS NOT NULL AND day < ?', [day])).changes;
  }
}

function whereOf(filter: RatingFilter): { where: string; params: string[] } {
  const clauses = ['day >= ?', 'day <= ?'];
  const params = [filter.from, filter.to];
  if (filter.service !== undefined) {
    clauses.push('service_id = ?');
    params.push(filter.service);
  }
  if (filter.desk !== undefined) {
    clauses.push('desk_id = ?');
    params.push(filter.desk);
  }
  return { where: `WHERE ${clauses.join(' AND ')}`, params };
}

/** The counts of the three faces and the share of `good` among them (%, one decimal; null when there is none). */
export function ratingCounts(good: number, ok: number, bad: number): RatingCounts {
  const total = good + ok + bad;
  return { good, ok, bad, total, satisfactionPercent: total === 0 ? null : Math.round((1000 * good) / total) / 10 };
}
