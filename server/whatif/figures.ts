import { weekdays, type Weekday } from '../../protocol/office.ts';
import type { WhatIfFigures, WhatIfResult } from '../../protocol/whatif.ts';
import { localInstant, weekdayOf } from '../engine/calendar.ts';

/** The figures of one side of a what-if (reality or replay), built one visit at a time. Pure. */

const minuteMs = 60_000;
const longWaitMs = 30 * minuteMs;

export interface Visit {
  day: string;
  issuedAt: number;
  /** First call; null when never called. */
  calledAt: number | null;
  /** When the office closed on that day. */
  closesAt: number;
}

/** The instants each local hour of a day starts at (24 of them; DST days included). */
export function hourStarts(day: string, timeZone: string): number[] {
  const key = `${timeZone} ${day}`;
  let starts = startsCache.get(key);
  if (!starts) {
    starts = Array.from({ length: 24 }, (_, h) => localInstant(day, `${String(h).padStart(2, '0')}:00`, timeZone));
    if (startsCache.size >= 800) startsCache.clear();
    startsCache.set(key, starts);
  }
  return starts;
}

/** Time-zone arithmetic is slow next to the replay: each day's hours are worked out once (a year is 366 entries). */
const startsCache = new Map<string, number[]>();

export function hourOf(starts: readonly number[], at: number): number {
  let hour = 0;
  while (hour < 23 && starts[hour + 1]! <= at) hour++;
  return hour;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The q-quantile (nearest rank) of sorted numbers; 0 for none. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function spread(waits: number[]): { median: number; p90: number } {
  waits.sort((a, b) => a - b);
  return { median: round1(quantile(waits, 0.5) / minuteMs), p90: round1(quantile(waits, 0.9) / minuteMs) };
}

export class FigureBuilder {
  private readonly all: number[] = [];
  private readonly byHour = new Map<number, number[]>();
  private readonly byCell = new Map<string, number[]>();
  private waitedOver30 = 0;
  private leftAtClosing = 0;
  private busyMs = 0;
  private openMs = 0;
  private readonly starts = new Map<string, number[]>();
  private readonly weekdays = new Map<string, Weekday>();

  constructor(private readonly timeZone: string) {}

  /** A visit; a ticket never called counts as waiting until closing (its wait is at least that long). */
  add(v: Visit): void {
    let starts = this.starts.get(v.day);
    if (!starts) this.starts.set(v.day, (starts = hourStarts(v.day, this.timeZone)));
    const hour = hourOf(starts, v.issuedAt);
    const wait = Math.max(0, (v.calledAt ?? Math.max(v.closesAt, v.issuedAt)) - v.issuedAt);
    this.all.push(wait);
    push(this.byHour, hour, wait);
    let weekday = this.weekdays.get(v.day);
    if (!weekday) this.weekdays.set(v.day, (weekday = weekdayOf(v.day)));
    push(this.byCell, `${weekday} ${hour}`, wait);
    if (v.calledAt === null || wait > longWaitMs) this.waitedOver30++;
    if (v.calledAt === null || v.calledAt >= v.closesAt) this.leftAtClosing++;
  }

  addBusy(ms: number): void {
    this.busyMs += Math.max(0, ms);
  }

  addOpen(ms: number): void {
    this.openMs += Math.max(0, ms);
  }

  figures(): WhatIfFigures {
    const total = spread(this.all);
    const byHour = [...this.byHour.entries()]
      .sort(([a], [b]) => a - b)
      .map(([hour, waits]) => {
        const s = spread(waits);
        return { hour, tickets: waits.length, medianWaitMinutes: s.median, p90WaitMinutes: s.p90 };
      });
    const cells: WhatIfFigures['cells'] = [];
    for (const weekday of weekdays) {
      for (let hour = 0; hour < 24; hour++) {
        const waits = this.byCell.get(`${weekday} ${hour}`);
        if (waits) cells.push({ weekday, hour, tickets: waits.length, medianWaitMinutes: spread(waits).median });
      }
    }
    return {
      tickets: this.all.length,
      medianWaitMinutes: total.median,
      p90WaitMinutes: total.p90,
      waitedOver30: this.waitedOver30,
      leftAtClosing: this.leftAtClosing,
      utilisation: this.openMs > 0 ? Math.round(Math.min(1, this.busyMs / this.openMs) * 1000) / 1000 : 0,
      deskHours: round1(this.openMs / 3_600_000),
      byHour,
      cells,
    };
  }
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Replay minus reality, median wait per weekday and hour where anyone arrived. */
export function difference(reality: WhatIfFigures, replay: WhatIfFigures): WhatIfResult['difference'] {
  const key = (c: { weekday: Weekday; hour: number }) => `${c.weekday} ${c.hour}`;
  const replayed = new Map(replay.cells.map((c) => [key(c), c]));
  return reality.cells.map((c) => ({
    weekday: c.weekday,
    hour: c.hour,
    arrivals: c.tickets,
    medianWaitDelta: round1((replayed.get(key(c))?.medianWaitMinutes ?? 0) - c.medianWaitMinutes),
  }));
}
