import type { OfficeConfig } from '../../protocol/office.ts';
import { EngineError, type EngineEvent } from './commands.ts';
import { dayStart, nextDay, openingIntervals } from './calendar.ts';
import { freshDesk, isActive, type Desk, type EngineState } from './state.ts';

/**
 * A new office config, applied live (the admin's change). Refused, with nothing changed, when it would
 * strand someone: a desk removed while it holds a ticket, a service removed while tickets wait for it.
 * Closing a service (`open: false`) is the way to wind one down. Today's hours follow the new config.
 */
export function configure(state: EngineState, office: OfficeConfig, now: number, events: EngineEvent[]) {
  const deskIds = new Set(office.desks.map((d) => d.id));
  const serviceIds = new Set(office.services.map((s) => s.id));
  for (const desk of state.desks.values()) {
    if (!deskIds.has(desk.id) && (desk.currentTicketId !== null || desk.parkedTicketIds.length > 0)) {
      throw new EngineError('in-use', `Desk "${desk.id}" is dealing with a ticket; finish it before removing the desk.`);
    }
  }
  for (const t of state.tickets.values()) {
    if (!isActive(t)) continue;
    if (!serviceIds.has(t.serviceId)) {
      throw new EngineError('in-use', `Ticket ${t.number} is still open for "${t.serviceId}"; close the service (open: false) and remove it once its queue is empty.`);
    }
    if (t.assignedDeskId !== null && !deskIds.has(t.assignedDeskId)) {
      throw new EngineError('in-use', `Ticket ${t.number} waits for desk "${t.assignedDeskId}"; serve or transfer it before removing the desk.`);
    }
  }
  const desks = new Map<string, Desk>();
  for (const d of office.desks) {
    const kept = state.desks.get(d.id);
    if (!kept) desks.set(d.id, freshDesk(d));
    // A desk that became a front desk cannot stay in back-office mode (a back desk holds no ticket).
    else if (kept.mode === 'back' && d.kind === 'front') desks.set(d.id, { ...kept, mode: 'front' });
    else desks.set(d.id, kept);
  }
  events.push({ type: 'office:changed' });
  // The office day itself is kept; its hours and its end follow the new config.
  const dayEnds = dayStart(nextDay(state.day), office.timeZone);
  return { state: { ...state, office, desks, openingToday: openingIntervals(office, state.day), dayEndsAt: Math.max(now, dayEnds) } };
}
