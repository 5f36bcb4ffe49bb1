import type { OfficeConfig } from '../../protocol/office.ts';
import type { Db } from '../store/db.ts';
import type { ArrivalRow, DayFigures, DeskPublicRow, StatsRow } from './dayFigures.ts';
import { computeDay, lastRolledUpDay } from './rollup.ts';

export interface FigureFilter {
  from: string;
  to: string;
  service?: string | undefined;
  desk?: string | undefined;
}

interface StatsDbRow {
  day: string;
  service_id: string;
  desk_id: string;
  issued: number;
  served: number;
  no_shows: number;
  transfers: number;
  second_level: number;
  waits: number;
  wait_ms: number;
  wait_hist: string;
  services: number;
  service_ms: number;
  service_hist: string;
  outcomes: string;
}

/**
 * The roll-up rows of a range of office days, filtered by service and desk: read from the roll-up
 * tables for days already rolled up, computed from the tickets for the others (today).
 * A desk filter keeps the arrivals (they belong to no desk yet); a service filter keeps the desks' public time.
 */
export async function loadFigures(db: Db, office: OfficeConfig, filter: FigureFilter, now: number): Promise<DayFigures> {
  const rolledUntil = await lastRolledUpDay(db);
  const range = [filter.from, filter.to < rolledUntil ? filter.to : rolledUntil];
  const [byService, service] = filter.service ? [' AND service_id = ?', [filter.service]] : ['', []];
  const [byDesk, desk] = filter.desk ? [' AND desk_id = ?', [filter.desk]] : ['', []];
  const stats = (
    await db.all<StatsDbRow>(`SELECT * FROM daily_stats WHERE day BETWEEN ? AND ?${byService}${byDesk}`, [...range, ...service, ...desk])
  ).map(statsFromDb);
  const arrivals = await db.all<ArrivalRow>(
    `SELECT day, service_id AS serviceId, hour, arrivals, waits, wait_ms AS waitMs FROM daily_arrivals WHERE day BETWEEN ? AND ?${byService}`,
    [...range, ...service],
  );
  const deskPublic = await db.all<DeskPublicRow>(
    `SELECT day, desk_id AS deskId, public_ms AS publicMs FROM daily_desk_public WHERE day BETWEEN ? AND ?${byDesk}`,
    [...range, ...desk],
  );

  const liveDays = await db.all<{ day: string }>(
    'SELECT DISTINCT day FROM tickets WHERE day > ? AND day BETWEEN ? AND ?',
    [rolledUntil, filter.from, filter.to],
  );
  for (const { day } of liveDays) {
    const live = await computeDay(db, office, day, now);
    stats.push(...live.stats.filter((s) => (!filter.service || s.serviceId === filter.service) && (!filter.desk || s.deskId === filter.desk)));
    arrivals.push(...live.arrivals.filter((a) => !filter.service || a.serviceId === filter.service));
    deskPublic.push(...live.deskPublic.filter((d) => !filter.desk || d.deskId === filter.desk));
  }
  return { stats, arrivals, deskPublic };
}

function statsFromDb(r: StatsDbRow): StatsRow {
  return {
    day: r.day, serviceId: r.service_id, deskId: r.desk_id, issued: r.issued, served: r.served, noShows: r.no_shows,
    transfers: r.transfers, secondLevel: r.second_level, waits: r.waits, waitMs: r.wait_ms, waitHist: JSON.parse(r.wait_hist),
    services: r.services, serviceMs: r.service_ms, serviceHist: JSON.parse(r.service_hist), outcomes: JSON.parse(r.outcomes),
  };
}
