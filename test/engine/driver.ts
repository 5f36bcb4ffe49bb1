import { expect } from 'chai';
import type { ErrorCode } from '../../protocol/errors.ts';
import type { OfficeConfig } from '../../protocol/office.ts';
import {
  apply, createState, EngineError, type Applied, type Command, type EngineEvent, type EngineState, type Ticket,
} from '../../server/engine/index.ts';
import { testOffice } from '../helpers/office.ts';
import { StoreJournal } from '../helpers/storeJournal.ts';

/** A small driver for engine tests: one state, one clock, the events of the last command. */

export const minute = 60_000;
export const hour = 60 * minute;

/** Wednesday 14 January 2026, 10:00 in Rome (CET, UTC+1). */
export const T0 = Date.UTC(2026, 0, 14, 9, 0);

export interface IssueOptions {
  priority?: boolean;
  requestId?: string;
  appointmentAt?: number;
  arrivedAt?: number;
  kioskId?: string;
}

export class Session {
  state: EngineState;
  now: number;
  events: EngineEvent[] = [];

  /** Every command applied, as the hub would write it: `restarted()` reads it back through the real store. */
  private readonly journal: StoreJournal;

  constructor(office: OfficeConfig = testOffice(), start: number = T0, journal?: StoreJournal) {
    this.state = createState(office, start);
    this.now = start;
    this.journal = journal ?? new StoreJournal(this.state);
  }

  /** A session on the state a hub restarted at `at` reads back from the database (the same database after that). */
  async restarted(at: number): Promise<Session> {
    const restored = new Session(this.state.office, at, this.journal);
    restored.state = await this.journal.restart(at);
    return restored;
  }

  /** Moves the clock to an instant. */
  at(instant: number): this {
    this.now = instant;
    return this;
  }

  /** Moves the clock forward. */
  later(minutes: number): this {
    this.now += minutes * minute;
    return this;
  }

  run(command: Command): Applied {
    const result = this.journal.apply(this.state, command, this.now);
    this.state = result.state;
    this.events = result.events.map((e) => e.event);
    return { ...result, events: this.events };
  }

  /** Applies a command that must be refused, checks the state is left alone, and gives the error code. */
  refused(command: Command): ErrorCode {
    const before = this.state;
    const copy = structuredClone(plain(before));
    try {
      apply(before, command, this.now);
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      expect(plain(before), 'a refused command must not touch the state').to.deep.equal(copy);
      return error.code;
    }
    return expect.fail(`${command.type} was accepted, expected it to be refused`);
  }

  ticket(id: number | undefined): Ticket {
    expect(id, 'a ticket id').to.be.a('number');
    const t = this.state.tickets.get(id!);
    expect(t, `ticket ${id} in the state`).to.not.equal(undefined);
    return t!;
  }

  issue(serviceId: string, options: IssueOptions = {}): Ticket {
    return this.ticket(this.run({ type: 'ticket:issue', serviceId, ...options }).ticketId);
  }

  /** A clerk takes the desk (by default a clerk of its own, `clerk-<deskId>`): a desk calls only while held. */
  hold(deskId: string, clerk = `clerk-${deskId}`, takeOver = false): Applied {
    return this.run({ type: 'desk:hold', deskId, clerk, takeOver });
  }

  /** Every desk of the office held by a clerk of its own: the office as it is when everyone is at work. */
  holdAll(): this {
    for (const d of this.state.office.desks) this.hold(d.id);
    return this;
  }

  release(deskId: string, current?: Extract<Command, { type: 'desk:release' }>['current'], clerk: string | null = this.desk(deskId).heldBy): Applied {
    return this.run({ type: 'desk:release', deskId, clerk, ...(current ? { current } : {}) });
  }

  callNext(deskId: string): Ticket {
    return this.ticket(this.run({ type: 'desk:call-next', deskId }).ticketId);
  }

  call(deskId: string, ticketId: number): Ticket {
    return this.ticket(this.run({ type: 'desk:call', deskId, ticketId }).ticketId);
  }

  start(deskId: string): Ticket {
    return this.ticket(this.run({ type: 'desk:start', deskId }).ticketId);
  }

  finish(deskId: string, outcomes: { code: string; count: number }[] = []): Ticket {
    return this.ticket(this.run({ type: 'desk:finish', deskId, outcomes }).ticketId);
  }

  park(deskId: string): Ticket {
    return this.ticket(this.run({ type: 'desk:park', deskId }).ticketId);
  }

  mode(deskId: string, mode: 'front' | 'back' | 'paused' | 'closed'): Applied {
    return this.run({ type: 'desk:mode', deskId, mode });
  }

  desk(deskId: string) {
    const d = this.state.desks.get(deskId);
    expect(d, `desk ${deskId}`).to.not.equal(undefined);
    return d!;
  }

  /** Ticket numbers of the given ids, in order. */
  numbers(...tickets: Ticket[]): string[] {
    return tickets.map((t) => t.number);
  }

  eventTypes(): string[] {
    return this.events.map((e) => e.type);
  }
}

/** The same office with one service changed. */
export function officeWithService(id: string, change: Partial<OfficeConfig['services'][number]>): OfficeConfig {
  const base = testOffice();
  return testOffice({ services: base.services.map((s) => (s.id === id ? { ...s, ...change } : s)) });
}

/** A state as plain data: its persistent collections (the ticket book, the request ids) as arrays, to compare and clone. */
function plain(state: EngineState) {
  return { ...state, tickets: state.tickets.values(), requestIds: [...state.requestIds] };
}
