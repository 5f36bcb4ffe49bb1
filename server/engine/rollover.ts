import type { EngineEvent } from './commands.ts';
import { releaseBlocks } from './kioskBlocks.ts';
import { dayFields, isActive, ticketsOfDay, type EngineState, type Ticket } from './state.ts';

/**
 * A new office day: tickets still open from the day before are closed as `expired`, desks let go of
 * them, numbering restarts and only the new day's tickets are kept. Numbering restarts from the tickets
 * the new day already has, if any (stored before the hub saw the day start): a number is never given twice.
 * Numbers kiosks held for the old day and never issued are released (./kioskBlocks.ts).
 */
export function startDay(state: EngineState, now: number, events: EngineEvent[]): EngineState {
  const fields = dayFields(state.office, now);
  const expired: Ticket[] = [];
  const ofNewDay: Ticket[] = [];
  for (const t of state.tickets.values()) {
    if (t.day === fields.day) ofNewDay.push(t);
    else if (isActive(t)) {
      events.push({ type: 'ticket:expired', ticketId: t.id, deskId: t.deskId });
      expired.push({ ...t, status: 'expired', finishedAt: now });
    }
  }
  releaseBlocks(state, events);
  const desks = new Map([...state.desks].map(([id, d]) => [id, { ...d, currentTicketId: null, parkedTicketIds: [] }]));
  events.push({ type: 'day:started', day: fields.day });
  return {
    ...state,
    ...fields,
    // The expired tickets stay readable (and storable) through the new day; the next rollover drops them.
    ...ticketsOfDay(fields.day, [...expired, ...ofNewDay], state.nextTicketId),
    desks,
    priorityStreak: 0,
    lastCalls: [],
    reserved: [],
  };
}
