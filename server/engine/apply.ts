import { callNext, callTicket, recall } from './calling.ts';
import type { Command, EngineEvent } from './commands.ts';
import { configure } from './configure.ts';
import { setMode } from './desks.ts';
import { hold, release } from './holding.ts';
import { cancelTicket, issueTicket } from './issue.ts';
import { issueReserved, reserveNumbers } from './kioskBlocks.ts';
import { evaluateRoom } from './room.ts';
import { startDay } from './rollover.ts';
import { recover, reopen, requeue } from './undo.ts';
import { finish, noShow, park, resume, start, transfer } from './serving.ts';
import type { EngineState } from './state.ts';

export interface Applied {
  state: EngineState;
  events: EngineEvent[];
  /** The ticket or desk the command acted on, for its answer. */
  ticketId?: number;
  deskId?: string;
}

/**
 * The queue engine: one command at one instant gives the next state and what happened.
 * Pure (no I/O, no clock, no randomness). A refused command throws an EngineError; state is unchanged.
 */
export function apply(before: EngineState, command: Command, now: number): Applied {
  const events: EngineEvent[] = [];
  const state = now >= before.dayEndsAt ? startDay(before, now, events) : before;
  const done = run(state, command, now, events);
  return { ...done, state: evaluateRoom(done.state, events), events };
}

function run(state: EngineState, c: Command, now: number, events: EngineEvent[]): Omit<Applied, 'events'> {
  switch (c.type) {
    case 'ticket:issue':
      return issueTicket(state, c, now, events);
    case 'ticket:cancel':
      return cancelTicket(state, c.ticketId, now, events, c.reason);
    case 'ticket:recover':
      return recover(state, c.ticketId, now, events);
    case 'desk:requeue':
      return requeue(state, c.deskId, events);
    case 'desk:reopen':
      return reopen(state, c.deskId, c.ticketId, now, events);
    case 'desk:call-next':
      return callNext(state, c.deskId, now, events);
    case 'desk:call':
      return callTicket(state, c.deskId, c.ticketId, now, events);
    case 'desk:recall':
      return recall(state, c.deskId, now, events);
    case 'desk:start':
      return start(state, c.deskId, now, events);
    case 'desk:finish':
      return finish(state, c.deskId, c.outcomes, now, events, c.note);
    case 'desk:no-show':
      return noShow(state, c.deskId, now, events);
    case 'desk:transfer':
      return transfer(state, c.deskId, c, now, events);
    case 'desk:park':
      return park(state, c.deskId, events);
    case 'desk:resume':
      return resume(state, c.deskId, c.ticketId, events);
    case 'desk:mode':
      return setMode(state, c.deskId, c.mode, events);
    case 'desk:hold':
      return hold(state, c.deskId, c.clerk, c.takeOver ?? false, events);
    case 'desk:release':
      return release(state, c.deskId, c.clerk, c.current, now, events);
    case 'office:configure':
      return configure(state, c.office, now, events);
    case 'kiosk:reserve':
      return reserveNumbers(state, c.kioskId, c.serviceIds, events);
    case 'ticket:issue-reserved':
      return issueReserved(state, c, now, events);
    case 'clock:tick':
      return { state };
  }
}
