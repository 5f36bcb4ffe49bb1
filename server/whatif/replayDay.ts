import type { DeskConfig, OfficeConfig } from '../../protocol/office.ts';
import type { DeskMode } from '../../protocol/views.ts';
import type { StaffingPlan } from '../../protocol/whatif.ts';
import { dayStart, nextDay, openingIntervals, weekdayOf } from '../engine/calendar.ts';
import { apply, EngineError, type Applied, type Command, type EngineState } from '../engine/index.ts';
import { weekdays } from '../../protocol/office.ts';
import { serviceMinutes } from '../simulation/citizen.ts';
import { EventQueue } from '../simulation/eventQueue.ts';
import { Random } from '../simulation/random.ts';
import type { FigureBuilder } from './figures.ts';
import { hourOf, hourStarts } from './figures.ts';
import type { PastTicket } from './history.ts';

/**
 * One office day replayed: the day's real arrivals (time, service, priority, appointment) are issued to the
 * real engine at their real instants; front desks open and close hour by hour as the plan says; a free desk
 * calls the next ticket, which spends its real time at the desk (or a time drawn from its service's
 * distribution when it was not really served); back desks open when the engine says the room is busy.
 * Synchronous and pure apart from its own state: no I/O.
 */

const minuteMs = 60_000;
/** As in the simulator: desks keep calling the people still waiting for an hour after closing. */
const servingAfterCloseMs = 60 * minuteMs;
const defaultWalkUpMs = 45_000;
const longestVisitMs = 4 * 60 * minuteMs;

export interface ReplaySides {
  reality: FigureBuilder;
  replay: FigureBuilder;
}

interface Step {
  afterMs: number;
  command: Command;
}

type Happening =
  | { kind: 'arrival'; past: PastTicket }
  | { kind: 'cancel'; ticketId: number }
  | { kind: 'hour'; hour: number }
  | { kind: 'step'; deskId: string; command: Command; then: Step[] }
  | { kind: 'free'; deskId: string }
  | { kind: 'open-back'; deskId: string };

interface Replayed {
  past: PastTicket;
  issuedAt: number;
  calledAt: number | null;
}

/** The office as the replay runs it: no daily limits and no required outcome (the arrivals are real and already happened). */
export function replayOffice(office: OfficeConfig): OfficeConfig {
  return {
    ...office,
    services: office.services.map(({ dailyLimit: _limit, ...s }) => s),
    policy: { ...office.policy, requireOutcome: false },
  };
}

export class Replayer {
  replayed = 0;
  skipped = 0;
  private lastNow = 0;

  constructor(
    private state: EngineState,
    readonly plan: StaffingPlan,
    readonly backDesks: 'when-busy' | 'never',
    readonly sides: ReplaySides,
  ) {}

  get office(): OfficeConfig {
    return this.state.office;
  }

  /** Applies a command at an instant; a refusal comes back as its EngineError, nothing changed. */
  run(command: Command, now: number): Applied | EngineError {
    const at = Math.max(now, this.lastNow);
    try {
      const done = apply(this.state, command, at);
      this.state = done.state;
      this.lastNow = at;
      return done;
    } catch (err) {
      if (err instanceof EngineError) return err;
      throw err;
    }
  }

  get engine(): EngineState {
    return this.state;
  }

  replayDay(day: string, tickets: readonly PastTicket[]): void {
    const intervals = openingIntervals(this.office, day);
    if (intervals.length === 0) {
      this.skipped += tickets.length;
      return;
    }
    new DayReplay(this, day, intervals[0]!.from, Math.max(...intervals.map((i) => i.to))).run(tickets);
  }
}

class DayReplay {
  private readonly agenda = new EventQueue<Happening>();
  private readonly busy = new Map<string, number>();
  private readonly idleSince = new Map<string, number>();
  private readonly openSince = new Map<string, number>();
  private readonly closeWhenFree = new Set<string>();
  private readonly tickets = new Map<number, Replayed>();
  /** Tickets waiting per service, as this replay knows them: a desk asks the engine only when one of its services has any. */
  private readonly waiting = new Map<string, number>();
  private readonly lastInstant: number;
  private readonly callUntil: number;
  private readonly starts: number[];
  private readonly frontIds: string[];

  constructor(
    private readonly r: Replayer,
    private readonly day: string,
    private readonly opensAt: number,
    private readonly closesAt: number,
  ) {
    this.lastInstant = dayStart(nextDay(day), r.office.timeZone) - 1;
    this.callUntil = Math.min(closesAt + servingAfterCloseMs, this.lastInstant - minuteMs);
    this.starts = hourStarts(day, r.office.timeZone);
    this.frontIds = this.desks.filter((d) => d.kind === 'front').map((d) => d.id);
  }

  private get desks(): readonly DeskConfig[] {
    return this.r.office.desks;
  }

  private mode(deskId: string): DeskMode {
    return this.r.engine.desks.get(deskId)!.mode;
  }

  run(tickets: readonly PastTicket[]): void {
    if (this.r.engine.dayEndsAt <= this.opensAt) this.exec({ type: 'clock:tick' }, this.opensAt);
    for (const d of this.desks) {
      if (this.r.engine.desks.get(d.id)!.heldBy === null) this.exec({ type: 'desk:hold', deskId: d.id, clerk: `whatif-${d.id}` }, this.opensAt);
      if (d.kind === 'back' && this.mode(d.id) !== 'back') this.setMode(d.id, 'back', this.opensAt);
      this.idleSince.set(d.id, this.opensAt);
      // A desk left open overnight is open from the morning on.
      if (this.mode(d.id) === 'front') this.openSince.set(d.id, this.opensAt);
    }
    this.staff(hourOf(this.starts, this.opensAt), this.opensAt);
    for (let h = hourOf(this.starts, this.opensAt) + 1; h < 24 && this.starts[h]! < this.closesAt; h++) {
      this.agenda.push(this.starts[h]!, { kind: 'hour', hour: h });
    }
    for (const t of tickets) this.agenda.push(Math.min(t.issuedAt, this.lastInstant), { kind: 'arrival', past: t });
    for (let next = this.agenda.pop(); next; next = this.agenda.pop()) this.handle(next.at, next.item);
    this.endOfDay();
  }

  private exec(command: Command, at: number): Applied {
    const result = this.r.run(command, at);
    if (result instanceof EngineError) throw new Error(`The replay's engine refused ${command.type} at ${new Date(at).toISOString()}: ${result.code} (${result.message})`);
    this.react(result, at);
    return result;
  }

  private react(result: Applied, at: number): void {
    for (const e of result.events) {
      if (e.type === 'room:busy') this.roomBusy(at);
      if (e.type === 'room:calm') this.roomCalm(at);
      if (e.type === 'desk:changed') {
        if (e.to === 'front') this.openSince.set(e.deskId, at);
        else if (e.from === 'front') this.closeOpen(e.deskId, at);
      }
    }
  }

  private closeOpen(deskId: string, at: number): void {
    const since = this.openSince.get(deskId);
    if (since !== undefined) this.r.sides.replay.addOpen(Math.min(at, this.callUntil) - Math.max(since, this.opensAt));
    this.openSince.delete(deskId);
  }

  private setMode(deskId: string, mode: DeskMode, at: number): void {
    if (this.mode(deskId) !== mode) this.exec({ type: 'desk:mode', deskId, mode }, at);
  }

  /** The plan's front desks for the hour: the first N open, the others close (a busy one once its citizen leaves). */
  private staff(hour: number, at: number): void {
    const weekday = weekdays.indexOf(weekdayOf(this.day));
    const wanted = Math.min(this.frontIds.length, this.r.plan[weekday]?.[hour] ?? 0);
    this.frontIds.forEach((id, i) => {
      if (i < wanted) {
        this.closeWhenFree.delete(id);
        if (this.mode(id) !== 'front') {
          this.setMode(id, 'front', at);
          this.idleSince.set(id, at);
          if (!this.busy.has(id)) this.callNext(id, at);
        }
      } else if (this.mode(id) === 'front') {
        if (this.busy.has(id)) this.closeWhenFree.add(id);
        else this.setMode(id, 'closed', at);
      }
    });
  }

  private handle(at: number, h: Happening): void {
    switch (h.kind) {
      case 'arrival':
        return this.arrive(h.past, at);
      case 'cancel': {
        const t = this.r.engine.tickets.get(h.ticketId);
        if (t?.status !== 'waiting') return;
        this.exec({ type: 'ticket:cancel', ticketId: h.ticketId }, at);
        this.waiting.set(t.serviceId, (this.waiting.get(t.serviceId) ?? 1) - 1);
        return;
      }
      case 'hour':
        return this.staff(h.hour, at);
      case 'step':
        this.exec(h.command, at);
        return this.follow(h.deskId, at, h.then);
      case 'free':
        return this.free(h.deskId, at);
      case 'open-back':
        if (at > this.callUntil || !this.r.engine.roomBusy || this.mode(h.deskId) !== 'back') return;
        this.setMode(h.deskId, 'front', at);
        return this.free(h.deskId, at);
    }
  }

  private arrive(past: PastTicket, at: number): void {
    const command: Command = { type: 'ticket:issue', serviceId: past.serviceId, priority: past.priority, ...(past.appointmentAt !== null ? { appointmentAt: past.appointmentAt } : {}) };
    const issued = this.r.office.services.some((s) => s.id === past.serviceId) ? this.r.run(command, at) : undefined;
    if (issued === undefined || issued instanceof EngineError) {
      this.r.skipped++;
      return;
    }
    this.react(issued, at);
    this.r.replayed++;
    const id = issued.ticketId!;
    this.tickets.set(id, { past, issuedAt: at, calledAt: null });
    this.waiting.set(past.serviceId, (this.waiting.get(past.serviceId) ?? 0) + 1);
    if (past.status === 'cancelled' && past.finishedAt !== null) this.agenda.push(Math.min(past.finishedAt, this.lastInstant), { kind: 'cancel', ticketId: id });
    this.wake(past.serviceId, at);
  }

  /** A ticket became callable: the desk idle the longest that serves its service calls next. */
  private wake(serviceId: string, at: number): void {
    const idle = this.desks
      .filter((d) => !this.busy.has(d.id) && d.services.includes(serviceId) && this.mode(d.id) === 'front')
      .sort((a, b) => this.idleSince.get(a.id)! - this.idleSince.get(b.id)!);
    for (const d of idle) if (this.callNext(d.id, at)) return;
  }

  private free(deskId: string, at: number): void {
    const since = this.busy.get(deskId);
    if (since !== undefined) this.r.sides.replay.addBusy(at - since);
    this.busy.delete(deskId);
    this.idleSince.set(deskId, at);
    const config = this.desks.find((d) => d.id === deskId)!;
    if (config.kind === 'back' && this.mode(deskId) === 'front' && (!this.r.engine.roomBusy || at > this.callUntil)) return this.setMode(deskId, 'back', at);
    if (this.closeWhenFree.delete(deskId)) return this.setMode(deskId, 'closed', at);
    this.callNext(deskId, at);
  }

  private callNext(deskId: string, at: number): boolean {
    if (at > this.callUntil || this.mode(deskId) !== 'front') return false;
    const config = this.desks.find((d) => d.id === deskId)!;
    if (!config.services.some((s) => (this.waiting.get(s) ?? 0) > 0)) return false;
    const called = this.r.run({ type: 'desk:call-next', deskId }, at);
    if (called instanceof EngineError) {
      if (called.code === 'queue-empty') return false;
      throw new Error(`The replay's engine refused desk:call-next for ${deskId}: ${called.code} (${called.message})`);
    }
    const t = this.tickets.get(called.ticketId!);
    if (!t) throw new Error(`Desk ${deskId} called ticket ${called.ticketId}, which this replay did not issue.`);
    if (t.calledAt === null) this.waiting.set(t.past.serviceId, (this.waiting.get(t.past.serviceId) ?? 1) - 1);
    t.calledAt ??= at;
    this.busy.set(deskId, at);
    this.react(called, at);
    this.follow(deskId, at, visit(deskId, t.past, this.r.office));
    return true;
  }

  private follow(deskId: string, at: number, steps: readonly Step[]): void {
    const [next, ...then] = steps;
    if (next) this.agenda.push(Math.min(at + next.afterMs, this.lastInstant), { kind: 'step', deskId, command: next.command, then });
    else this.agenda.push(at, { kind: 'free', deskId });
  }

  private roomBusy(at: number): void {
    if (this.r.backDesks === 'never' || at > this.callUntil) return;
    for (const d of this.desks) {
      // Back desks react within a couple of minutes, as the simulator's clerks do on average.
      if (d.kind === 'back' && this.mode(d.id) === 'back') this.agenda.push(Math.min(at + 2 * minuteMs, this.lastInstant), { kind: 'open-back', deskId: d.id });
    }
  }

  private roomCalm(at: number): void {
    for (const d of this.desks) {
      if (d.kind === 'back' && this.mode(d.id) === 'front' && !this.busy.has(d.id)) this.setMode(d.id, 'back', at);
    }
  }

  /** The day's figures on both sides; desks still open count as open until closing (or their last citizen). */
  private endOfDay(): void {
    for (const [deskId, since] of this.openSince) {
      const until = Math.max(this.closesAt, this.idleSince.get(deskId) ?? since);
      this.r.sides.replay.addOpen(Math.min(until, this.callUntil) - Math.max(since, this.opensAt));
    }
    this.openSince.clear();
    for (const t of this.tickets.values()) {
      this.r.sides.replay.add({ day: this.day, issuedAt: t.issuedAt, calledAt: t.calledAt, closesAt: this.closesAt });
      this.r.sides.reality.add({ day: this.day, issuedAt: t.past.issuedAt, calledAt: t.past.calledAt, closesAt: this.closesAt });
    }
    addRealDesks(this.r.sides.reality, [...this.tickets.values()].map((t) => t.past), this.starts);
  }
}

/** What really went on at the desks: time with each citizen, and each desk counted open in each hour it called someone. */
function addRealDesks(reality: FigureBuilder, tickets: readonly PastTicket[], starts: readonly number[]): void {
  const deskHours = new Set<string>();
  for (const t of tickets) {
    if (t.calledAt === null || t.deskId === null) continue;
    deskHours.add(`${t.deskId} ${hourOf(starts, t.calledAt)}`);
    if (t.finishedAt !== null) reality.addBusy(Math.min(longestVisitMs, t.finishedAt - t.calledAt));
  }
  reality.addOpen(deskHours.size * 3_600_000);
}

const clamp = (ms: number, min: number, max: number) => Math.round(Math.min(max, Math.max(min, ms)));

/** The steps of one visit, from its real course: a no-show is recalled and given up; anyone else is served for their real time. */
function visit(deskId: string, past: PastTicket, office: OfficeConfig): Step[] {
  if (past.status === 'no-show') {
    const total = past.calledAt !== null && past.finishedAt !== null ? clamp(past.finishedAt - past.calledAt, 30_000, 10 * minuteMs) : 2.5 * minuteMs;
    return [
      { afterMs: Math.round(total / 2), command: { type: 'desk:recall', deskId } },
      { afterMs: total - Math.round(total / 2), command: { type: 'desk:no-show', deskId } },
    ];
  }
  const served = past.status === 'done' && past.startedAt !== null && past.finishedAt !== null;
  const walkUpMs = served && past.calledAt !== null ? clamp(past.startedAt! - past.calledAt, 0, 5 * minuteMs) : defaultWalkUpMs;
  const deskMs = served ? clamp(past.finishedAt! - past.startedAt!, 1_000, longestVisitMs) : drawnDeskMs(past, office);
  return [
    { afterMs: walkUpMs, command: { type: 'desk:start', deskId } },
    { afterMs: deskMs, command: { type: 'desk:finish', deskId, outcomes: [] } },
  ];
}

/** A time at the desk from the service's distribution (as the simulator draws it), the same for the same ticket every run. */
function drawnDeskMs(past: PastTicket, office: OfficeConfig): number {
  const service = office.services.find((s) => s.id === past.serviceId)!;
  return Math.round(serviceMinutes(service, new Random(1, 'whatif', String(past.id))) * minuteMs);
}
