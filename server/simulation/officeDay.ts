import type { DeskConfig, OfficeConfig } from '../../protocol/office.ts';
import type { DeskMode, OutcomeCount } from '../../protocol/views.ts';
import type { Committed } from '../commands/committer.ts';
import { dayStart, nextDay, openingIntervals } from '../engine/calendar.ts';
import { EngineError, type Command } from '../engine/index.ts';
import type { Citizen } from './citizen.ts';
import { EventQueue } from './eventQueue.ts';
import type { Random } from './random.ts';
import type { SimulatedEngine } from './simulatedEngine.ts';

/**
 * One office day as a discrete-event simulation: citizens arrive and take tickets, free desks call the
 * next one, serve it and record outcomes; back-office desks open to the public when the engine says the
 * room is busy and go back when it is calm. Every action is a command to the real engine at its instant.
 */

const minuteMs = 60_000;
/** After closing, desks keep calling the people already waiting for this long; the rest expire at midnight. */
export const servingAfterCloseMs = 60 * minuteMs;

export interface Arrival {
  at: number;
  citizen: Citizen;
}

export interface Floor {
  engine: SimulatedEngine;
  office: OfficeConfig;
  /** The front desks in use; the other front desks stay closed. */
  frontDeskIds: ReadonlySet<string>;
  /** Desk-side randomness: pauses between citizens, how fast back desks react to an alert. */
  behaviour: Random;
  /**
   * What a finishing visit records, given the service it ends in and what the citizen was drawn with: the
   * hook `--outcomes` uses to reach exact totals. Called once per finish, in the order desks start serving.
   */
  outcomesFor?: (serviceId: string, day: string, drawn: readonly OutcomeCount[]) => OutcomeCount[];
}

interface Step {
  afterMs: number;
  command: Command;
}

type Happening =
  | { kind: 'arrival'; citizen: Citizen }
  | { kind: 'step'; deskId: string; command: Command; then: Step[] }
  | { kind: 'free'; deskId: string }
  | { kind: 'open-back'; deskId: string };

export async function simulateDay(floor: Floor, day: string, arrivals: readonly Arrival[]): Promise<void> {
  const intervals = openingIntervals(floor.office, day);
  if (intervals.length === 0) return;
  await new OfficeDay(floor, day, intervals[0]!.from, Math.max(...intervals.map((i) => i.to))).run(arrivals);
}

class OfficeDay {
  private readonly agenda = new EventQueue<Happening>();
  private readonly busy = new Set<string>();
  private readonly idleSince = new Map<string, number>();
  private readonly citizens = new Map<number, Citizen>();
  private readonly transferred = new Set<number>();
  private readonly lastInstant: number;
  private readonly callUntil: number;

  constructor(
    private readonly floor: Floor,
    private readonly day: string,
    private readonly opensAt: number,
    closesAt: number,
  ) {
    this.lastInstant = dayStart(nextDay(day), floor.office.timeZone) - 1;
    this.callUntil = Math.min(closesAt + servingAfterCloseMs, this.lastInstant - minuteMs);
  }

  async run(arrivals: readonly Arrival[]): Promise<void> {
    await this.floor.engine.advanceTo(this.opensAt);
    await this.openDesks(this.opensAt);
    for (const a of arrivals) this.agenda.push(a.at, { kind: 'arrival', citizen: a.citizen });
    for (let next = this.agenda.pop(); next; next = this.agenda.pop()) await this.handle(next.at, next.item);
  }

  private get desks(): readonly DeskConfig[] {
    return this.floor.office.desks;
  }

  private mode(deskId: string): DeskMode {
    return this.floor.engine.state.desks.get(deskId)!.mode;
  }

  /** The morning's desk modes: the front desks in use open, the others closed, back desks at their own work. */
  private async openDesks(at: number): Promise<void> {
    for (const d of this.desks) {
      const wanted: DeskMode = d.kind === 'back' ? 'back' : this.floor.frontDeskIds.has(d.id) ? 'front' : 'closed';
      if (this.mode(d.id) !== wanted) await this.exec({ type: 'desk:mode', deskId: d.id, mode: wanted }, at);
      // A desk calls only while a clerk holds it: each simulated desk has its own clerk all day.
      if (this.floor.engine.state.desks.get(d.id)!.heldBy === null) await this.exec({ type: 'desk:hold', deskId: d.id, clerk: `sim-${d.id}` }, at);
      this.idleSince.set(d.id, at);
    }
  }

  /** Runs a command the simulation expects to be accepted, and reacts to the room turning busy or calm. */
  private async exec(command: Command, at: number): Promise<Committed> {
    const result = await this.floor.engine.run(command, at);
    if (result instanceof EngineError) throw new Error(`The engine refused ${command.type} at ${new Date(at).toISOString()}: ${result.code} (${result.message})`);
    await this.react(result, at);
    return result;
  }

  private async react(result: Committed, at: number): Promise<void> {
    for (const { event } of result.events) {
      if (event.type === 'room:busy') this.roomBusy(at);
      if (event.type === 'room:calm') await this.roomCalm(at);
    }
  }

  private async handle(at: number, h: Happening): Promise<void> {
    switch (h.kind) {
      case 'arrival': {
        const c = h.citizen;
        const issued = await this.exec({ type: 'ticket:issue', serviceId: c.serviceId, priority: c.priority }, at);
        this.citizens.set(issued.ticketId!, c);
        return this.wake(c.serviceId, at);
      }
      case 'step': {
        const done = await this.exec(h.command, at);
        if (h.command.type === 'desk:transfer') {
          this.transferred.add(done.ticketId!);
          await this.wake(h.command.serviceId, at);
        }
        return this.follow(h.deskId, at, h.then);
      }
      case 'free':
        return this.free(h.deskId, at);
      case 'open-back':
        if (at > this.callUntil || !this.floor.engine.state.roomBusy || this.mode(h.deskId) !== 'back') return;
        await this.exec({ type: 'desk:mode', deskId: h.deskId, mode: 'front' }, at);
        return this.free(h.deskId, at);
    }
  }

  /** A ticket became callable: the desk idle the longest that serves its service calls next. */
  private async wake(serviceId: string, at: number): Promise<void> {
    const idle = this.desks
      .filter((d) => !this.busy.has(d.id) && d.services.includes(serviceId) && this.mode(d.id) === 'front')
      .sort((a, b) => this.idleSince.get(a.id)! - this.idleSince.get(b.id)!);
    for (const d of idle) if (await this.callNext(d.id, at)) return;
  }

  /** A desk is done with a citizen: a back desk goes back to its own work once the room is calm or the day is over. */
  private async free(deskId: string, at: number): Promise<void> {
    this.busy.delete(deskId);
    this.idleSince.set(deskId, at);
    const config = this.desks.find((d) => d.id === deskId)!;
    const goBack = !this.floor.engine.state.roomBusy || at > this.callUntil;
    if (config.kind === 'back' && this.mode(deskId) === 'front' && goBack) {
      await this.exec({ type: 'desk:mode', deskId, mode: 'back' }, at);
      return;
    }
    await this.callNext(deskId, at);
  }

  private async callNext(deskId: string, at: number): Promise<boolean> {
    if (at > this.callUntil || this.mode(deskId) !== 'front') return false;
    const called = await this.floor.engine.run({ type: 'desk:call-next', deskId }, at);
    if (called instanceof EngineError) {
      if (called.code === 'queue-empty') return false;
      throw new Error(`The engine refused desk:call-next for ${deskId}: ${called.code} (${called.message})`);
    }
    const ticketId = called.ticketId!;
    const citizen = this.citizens.get(ticketId);
    if (!citizen) throw new Error(`Desk ${deskId} called ticket ${ticketId}, which this simulation did not issue.`);
    this.busy.add(deskId);
    await this.react(called, at);
    await this.follow(deskId, at, this.visit(deskId, ticketId, citizen));
    return true;
  }

  /** What happens at the desk once a citizen is called, as timed steps. */
  private visit(deskId: string, ticketId: number, c: Citizen): Step[] {
    const again = this.transferred.has(ticketId);
    if (c.fate === 'no-show' && !again) {
      return [
        { afterMs: c.recallAfterMs, command: { type: 'desk:recall', deskId } },
        { afterMs: c.giveUpAfterMs, command: { type: 'desk:no-show', deskId } },
      ];
    }
    const start: Step = { afterMs: c.walkUpMs, command: { type: 'desk:start', deskId } };
    if (c.fate === 'transfer' && !again && c.transferTo !== null) {
      return [start, { afterMs: c.deskMs, command: { type: 'desk:transfer', deskId, serviceId: c.transferTo } }];
    }
    const deskMs = again ? c.transferDeskMs : c.deskMs;
    const endsIn = again && c.transferTo !== null ? c.transferTo : c.serviceId;
    const outcomes = this.floor.outcomesFor ? this.floor.outcomesFor(endsIn, this.day, c.outcomes) : c.outcomes;
    return [start, { afterMs: deskMs, command: { type: 'desk:finish', deskId, outcomes } }];
  }

  /** Schedules a desk's next step, or its moment of being free again (after a short pause). */
  private async follow(deskId: string, at: number, steps: readonly Step[]): Promise<void> {
    const [next, ...then] = steps;
    if (next) this.agenda.push(this.within(at + next.afterMs), { kind: 'step', deskId, command: next.command, then });
    else this.agenda.push(this.within(at + Math.round(this.floor.behaviour.between(0.1, 0.6) * minuteMs)), { kind: 'free', deskId });
  }

  /** Everything a desk does happens before the local midnight, when the engine rolls the day over. */
  private within(at: number): number {
    return Math.min(at, this.lastInstant);
  }

  private roomBusy(at: number): void {
    if (at > this.callUntil) return;
    for (const d of this.desks) {
      if (d.kind !== 'back' || this.mode(d.id) !== 'back') continue;
      const reactMs = Math.round(this.floor.behaviour.between(1, 4) * minuteMs);
      this.agenda.push(this.within(at + reactMs), { kind: 'open-back', deskId: d.id });
    }
  }

  /** Back desks with nobody in front of them go back at once; the others when their citizen leaves. */
  private async roomCalm(at: number): Promise<void> {
    for (const d of this.desks) {
      if (d.kind === 'back' && this.mode(d.id) === 'front' && !this.busy.has(d.id)) {
        await this.exec({ type: 'desk:mode', deskId: d.id, mode: 'back' }, at);
      }
    }
  }
}
