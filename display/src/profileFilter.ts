import type { DisplayConfig } from '../../protocol/office.ts';
import type { CallView, DeskView, ServiceView } from '../../protocol/views.ts';

/** The part of a display profile that decides what it shows. */
export type DisplayScope = Pick<DisplayConfig, 'services' | 'desks'>;

/** Whether a display shows (and announces) this call: its desk and its service must both be in scope. */
export function showsCall(scope: DisplayScope, call: Pick<CallView, 'deskId' | 'serviceId'>): boolean {
  if (scope.desks && !scope.desks.includes(call.deskId)) return false;
  if (scope.services && !scope.services.includes(call.serviceId)) return false;
  return true;
}

/**
 * The calls a display lists, newest first: those in scope, each ticket once (a recalled ticket moves
 * back to the top instead of appearing twice), at most `limit`.
 */
export function visibleCalls(scope: DisplayScope, calls: readonly CallView[], limit: number): CallView[] {
  const seen = new Set<number>();
  const shown: CallView[] = [];
  for (const call of calls) {
    if (shown.length >= limit) break;
    if (seen.has(call.ticketId) || !showsCall(scope, call)) continue;
    seen.add(call.ticketId);
    shown.push(call);
  }
  return shown;
}

/**
 * The services whose waiting counts a display shows: the profile's services; else those served by its
 * desks; else every service. Always in the office's order.
 */
export function visibleServices(scope: DisplayScope, services: readonly ServiceView[], desks: readonly Pick<DeskView, 'id' | 'services'>[]): ServiceView[] {
  let wanted: Set<string> | null = null;
  if (scope.services) wanted = new Set(scope.services);
  else if (scope.desks) wanted = new Set(desks.filter((d) => scope.desks!.includes(d.id)).flatMap((d) => d.services));
  return services.filter((s) => wanted === null || wanted.has(s.id));
}

/**
 * The desks a display lists as open to the public now (mode `front` and held by a clerk): the profile's
 * desks, else those serving one of its services, else every desk. In the office's order.
 */
export function openDesks<D extends Pick<DeskView, 'id' | 'services' | 'mode' | 'heldBy'>>(scope: DisplayScope, desks: readonly D[]): D[] {
  return desks.filter(
    (d) =>
      d.mode === 'front' &&
      d.heldBy !== null &&
      (!scope.desks || scope.desks.includes(d.id)) &&
      (!scope.services || d.services.some((s) => scope.services!.includes(s))),
  );
}
