import type { PrinterStatus } from '../../printer/index.ts';
import { isOpenDesk, serviceEstimateMinutes, waitingTickets, type EngineState } from '../engine/index.ts';

/** The numbers `/metrics` shows about the queue and the printers, read from the hub's state. Pure. */

export interface ServiceFigures {
  serviceId: string;
  waiting: number;
  /** How long the ticket waiting longest has waited (0 when nobody waits). */
  oldestWaitSeconds: number;
  /** A new ticket's estimated wait; null when no desk serving the service is open. */
  estimatedWaitMinutes: number | null;
  /** Numbers the service handed out today (a transferred ticket counts for the service that issued it). */
  issuedToday: number;
}

export function serviceFigures(state: EngineState, now: number): ServiceFigures[] {
  // One pass over the day's tickets for every service: a scrape reads every office of the node.
  const issuedToday = new Map<string, number>();
  for (const t of state.tickets.values()) if (t.day === state.day) issuedToday.set(t.issuedServiceId, (issuedToday.get(t.issuedServiceId) ?? 0) + 1);
  return state.office.services.map((s) => {
    const waiting = waitingTickets(state, s.id);
    const oldestIssuedAt = Math.min(...waiting.map((t) => t.issuedAt));
    return {
      serviceId: s.id,
      waiting: waiting.length,
      oldestWaitSeconds: waiting.length > 0 ? Math.max(0, now - oldestIssuedAt) / 1000 : 0,
      estimatedWaitMinutes: serviceEstimateMinutes(state, s.id),
      issuedToday: issuedToday.get(s.id) ?? 0,
    };
  });
}

/** Desks receiving the public now (mode `front` and held by a clerk), by the kind the office config gives them. */
export function openDesksByKind(state: EngineState): Record<'front' | 'back', number> {
  const open = { front: 0, back: 0 };
  for (const d of state.office.desks) if (isOpenDesk(state, d.id)) open[d.kind]++;
  return open;
}

/**
 * Whether each printer's latest job went through, by printer address; kiosks sharing a printer share
 * its entry. Printers that have not printed yet, and the `none` printer, are left out.
 */
export function printersUp(statuses: readonly PrinterStatus[]): Map<string, boolean> {
  const latest = new Map<string, PrinterStatus>();
  for (const s of statuses) {
    const known = latest.get(s.printer);
    if (s.printer !== 'none' && (!known || known.at < s.at)) latest.set(s.printer, s);
  }
  return new Map([...latest].map(([printer, s]) => [printer, s.ok]));
}
