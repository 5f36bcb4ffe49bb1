import type { EngineEvent } from './commands.ts';
import { dayFields, isActive, type Desk, type EngineState, type Ticket } from './state.ts';
import { TicketBook } from './ticketBook.ts';

/**
 * A new office day: tickets still open from the day before are closed as `expired`, desks let go of
 * them, numbering restarts and only the new day's tickets are kept.
 */
export function startDay(state: EngineState, now: number, events: EngineEvent[]): EngineState {
  for (const t of state.tickets.values()) {
    if (isActive(t)) events.push({ type: 'ticket:expired', ticketId: t.id, deskId: t.deskId });
  }
  const expired: Ticket[] = [];
  for (const e of events) {
    if (e.type === 'ticket:expired') expired.push({ ...state.tickets.get(e.ticketId)!, status: 'expired', finishedAt: now });
  }
  const desks: Record<string, Desk> = {};
  for (const [id, d] of Object.entries(state.desks)) desks[id] = { ...d, currentTicketId: null, parkedTicketIds: [] };
  const fields = dayFields(state.office, now);
  events.push({ type: 'day:started', day: fields.day });
  return {
    ...state,
    ...fields,
    // The expired tickets stay readable (and storable) through the new day; the next rollover drops them.
    tickets: TicketBook.of(expired, state.nextTicketId),
    counters: {},
    requestIds: {},
    desks,
    priorityStreak: 0,
    lastCalls: [],
  };
}
