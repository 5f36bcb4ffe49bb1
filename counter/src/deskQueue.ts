import type { DeskMode, DeskView, QueueSnapshot, ServiceView, TicketView } from '../../protocol/views.ts';

/** What a desk sees of the office: pure functions over the live snapshot (no Vue, no socket). */

export function deskOf(snapshot: QueueSnapshot | null, deskId: string): DeskView | null {
  return snapshot?.desks.find((d) => d.id === deskId) ?? null;
}

export function serviceOf(snapshot: QueueSnapshot | null, serviceId: string): ServiceView | null {
  return snapshot?.services.find((s) => s.id === serviceId) ?? null;
}

/**
 * The waiting tickets this desk may call, in the hub's call order (the snapshot's): those of the desk's
 * services that are not reserved for another desk.
 */
export function callableQueue(snapshot: QueueSnapshot | null, desk: DeskView | null): TicketView[] {
  if (!snapshot || !desk) return [];
  return snapshot.waiting.filter(
    (t) => t.status === 'waiting' && desk.services.includes(t.serviceId) && (t.assignedDeskId === null || t.assignedDeskId === desk.id),
  );
}

/** Minutes a ticket waited: from issue to its call, or until `nowMs` while nobody has called it. */
export function waitedMinutes(ticket: TicketView, nowMs: number): number {
  const end = ticket.calledAt ? Date.parse(ticket.calledAt) : nowMs;
  return Math.max(0, Math.floor((end - Date.parse(ticket.issuedAt)) / 60_000));
}

export interface TransferTarget {
  service: ServiceView;
  /** Other desks serving the service, open ones first. */
  desks: DeskView[];
  /** The ticket's own service: a transfer there must name a desk. */
  needsDesk: boolean;
}

/** Where the current ticket can be sent: every service (its own only with a desk), and the other desks serving each. */
export function transferTargets(snapshot: QueueSnapshot | null, fromDesk: DeskView | null, ticket: TicketView | null): TransferTarget[] {
  if (!snapshot || !fromDesk || !ticket) return [];
  const rank = (d: DeskView) => (d.mode === 'front' ? 0 : 1);
  return snapshot.services
    .map((service) => ({
      service,
      desks: snapshot.desks.filter((d) => d.id !== fromDesk.id && d.services.includes(service.id)).sort((a, b) => rank(a) - rank(b)),
      needsDesk: service.id === ticket.serviceId,
    }))
    .filter((target) => !target.needsDesk || target.desks.length > 0);
}

/** A back-office desk at its back-office work while the waiting room is busy: it is asked to open. */
export function busyAlertDue(snapshot: QueueSnapshot | null, desk: DeskView | null): boolean {
  return !!snapshot?.roomBusy && desk?.kind === 'back' && desk.mode === 'back';
}

/**
 * The mode the "open to the public / back to back-office" action switches to: a desk not open goes to
 * `front`; a back-office desk open to the public goes back to `back`; an open front desk has nowhere to go.
 */
export function modeToggle(desk: DeskView | null): DeskMode | null {
  if (!desk) return null;
  if (desk.mode !== 'front') return 'front';
  return desk.kind === 'back' ? 'back' : null;
}
