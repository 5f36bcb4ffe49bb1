import type { ServiceConfig } from '../../protocol/office.ts';
import type { EngineState } from './state.ts';

/**
 * A service's cap on tickets per office day (`dailyLimit` in the office config).
 *
 * What counts is every number of the service handed out today: the service's daily counter, which
 * numbering keeps anyway (so checking is O(1) and restarts with the numbers at the day's rollover).
 * That is walk-ins and appointment check-ins alike, cancelled tickets included: each used a number and
 * most use a desk's time. Tickets transferred in from another service keep their number and do not
 * count here; a refused issue uses no number and does not count either.
 */
export function ticketsIssuedToday(state: EngineState, serviceId: string): number {
  return state.counters.get(serviceId) ?? 0;
}

/** Tickets the service may still hand out today; null when it has no daily limit. */
export function ticketsLeftToday(state: EngineState, service: Pick<ServiceConfig, 'id' | 'dailyLimit'>): number | null {
  if (service.dailyLimit === undefined) return null;
  // A limit lowered during the day may already be passed: nothing left, never a negative number.
  return Math.max(0, service.dailyLimit - ticketsIssuedToday(state, service.id));
}
