import type { FirstContact, TimesReport, TimesRow } from '../../protocol/reports.ts';
import type { DeskPublicRow, StatsRow } from './dayFigures.ts';
import { addCounts, addMinutes, type MinuteCounts } from './minuteCounts.ts';
import { spread } from './spread.ts';

/** Waits and service times per service and per desk, no-shows, transfers, first-contact resolution, back desks' public time. */

interface Acc {
  served: number;
  noShows: number;
  transfers: number;
  waits: number;
  waitMs: number;
  waitHist: MinuteCounts;
  services: number;
  serviceMs: number;
  serviceHist: MinuteCounts;
}

const emptyAcc = (): Acc => ({ served: 0, noShows: 0, transfers: 0, waits: 0, waitMs: 0, waitHist: [], services: 0, serviceMs: 0, serviceHist: [] });

/** The plain counts of an accumulator; its two histograms are added by their own kind (a row's or another sum's). */
const countFields = ['served', 'noShows', 'transfers', 'waits', 'waitMs', 'services', 'serviceMs'] as const;

function addCountFields(acc: Acc, more: Pick<Acc, (typeof countFields)[number]>): void {
  for (const field of countFields) acc[field] += more[field];
}

function add(acc: Acc, r: StatsRow): void {
  addCountFields(acc, r);
  addMinutes(acc.waitHist, r.waitHist);
  addMinutes(acc.serviceHist, r.serviceHist);
}

function merge(acc: Acc, more: Acc): void {
  addCountFields(acc, more);
  addCounts(acc.waitHist, more.waitHist);
  addCounts(acc.serviceHist, more.serviceHist);
}

interface Pair {
  serviceId: string;
  deskId: string;
  acc: Acc;
}

/**
 * The rows summed per service and desk: a year's dozen monthly rows of a pair become one, so the overall,
 * per-service and per-desk sums then merge a few hundred histograms instead of thousands.
 */
function byPair(rows: readonly StatsRow[]): Pair[] {
  const pairs = new Map<string, Pair>();
  for (const r of rows) {
    const key = `${r.serviceId}\u0000${r.deskId}`;
    let pair = pairs.get(key);
    if (!pair) pairs.set(key, (pair = { serviceId: r.serviceId, deskId: r.deskId, acc: emptyAcc() }));
    add(pair.acc, r);
  }
  return [...pairs.values()];
}

function timesRow(key: string, a: Acc): TimesRow {
  const ended = a.served + a.noShows;
  return {
    key,
    served: a.served,
    noShows: a.noShows,
    noShowRate: ended === 0 ? 0 : Math.round((a.noShows / ended) * 1000) / 1000,
    transfers: a.transfers,
    wait: spread(a.waitMs, a.waits, a.waitHist),
    service: spread(a.serviceMs, a.services, a.serviceHist),
  };
}

function grouped(pairs: readonly Pair[], keyOf: (p: Pair) => string): TimesRow[] {
  const groups = new Map<string, Acc>();
  for (const p of pairs) {
    const key = keyOf(p);
    if (!key) continue;
    let acc = groups.get(key);
    if (!acc) groups.set(key, (acc = emptyAcc()));
    merge(acc, p.acc);
  }
  return [...groups].sort((a, b) => a[0].localeCompare(b[0])).map(([key, acc]) => timesRow(key, acc));
}

export function firstContact(served: number, secondLevel: number): FirstContact {
  const firstLevel = served - secondLevel;
  return { firstLevel, secondLevel, rate: served === 0 ? 0 : Math.round((firstLevel / served) * 1000) / 1000 };
}

/** `target`: the office's first-contact goal (`policy.firstContactTarget`), reported beside the rates. */
export function timesReport(rows: readonly StatsRow[], deskPublic: readonly DeskPublicRow[], from: string, to: string, target: number): TimesReport {
  const pairs = byPair(rows);
  const all = emptyAcc();
  for (const p of pairs) merge(all, p.acc);
  const byService = new Map<string, { served: number; secondLevel: number }>();
  for (const r of rows) {
    let s = byService.get(r.serviceId);
    if (!s) byService.set(r.serviceId, (s = { served: 0, secondLevel: 0 }));
    s.served += r.served;
    s.secondLevel += r.secondLevel;
  }
  const publicMs = new Map<string, number>();
  for (const d of deskPublic) publicMs.set(d.deskId, (publicMs.get(d.deskId) ?? 0) + d.publicMs);
  const secondLevel = [...byService.values()].reduce((n, s) => n + s.secondLevel, 0);
  return {
    from,
    to,
    overall: timesRow('all', all),
    byService: grouped(pairs, (p) => p.serviceId),
    byDesk: grouped(pairs, (p) => p.deskId),
    firstContact: {
      ...firstContact(all.served, secondLevel),
      target,
      byService: [...byService]
        .filter(([, s]) => s.served > 0)
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([serviceId, s]) => ({ serviceId, ...firstContact(s.served, s.secondLevel) })),
    },
    backDesks: [...publicMs].sort((a, b) => a[0].localeCompare(b[0])).map(([deskId, ms]) => ({ deskId, publicMinutes: Math.floor(ms / 60_000) })),
  };
}
