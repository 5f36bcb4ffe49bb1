import type { DeskMode, TicketStatus } from '../../protocol/views.ts';
import type { Desk, Ticket } from '../engine/index.ts';
import type { Param } from './db.ts';
import { callNeeds, type CallNeed } from '../../protocol/needs.ts';

/** How engine records map to table rows and back. */

export interface TicketRow {
  id: number;
  day: string;
  seq: number;
  number: string;
  issued_service_id: string;
  service_id: string;
  status: string;
  priority: number;
  appointment_at: number | null;
  request_id: string | null;
  issued_at: number;
  called_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  desk_id: string | null;
  assigned_desk_id: string | null;
  recalls: number;
  outcomes: string;
  transfers: string;
  recovered_at: number | null;
  note: string | null;
  cancel_reason: string | null;
  needs: string;
  called_by: string | null;
}

export const ticketColumns = [
  'id', 'day', 'seq', 'number', 'issued_service_id', 'service_id', 'status', 'priority', 'appointment_at',
  'request_id', 'issued_at', 'called_at', 'started_at', 'finished_at', 'desk_id', 'assigned_desk_id', 'recalls',
  'outcomes', 'transfers', 'recovered_at', 'note', 'cancel_reason', 'needs', 'called_by',
] as const;

export function ticketParams(t: Ticket): Param[] {
  return [
    t.id, t.day, t.seq, t.number, t.issuedServiceId, t.serviceId, t.status, t.priority ? 1 : 0, t.appointmentAt,
    t.requestId, t.issuedAt, t.calledAt, t.startedAt, t.finishedAt, t.deskId, t.assignedDeskId, t.recalls,
    JSON.stringify(t.outcomes), JSON.stringify(t.transfers), t.recoveredAt, t.note, t.cancelReason, JSON.stringify(t.needs), t.calledBy,
  ];
}

export function ticketFromRow(r: TicketRow): Ticket {
  return {
    id: r.id,
    day: r.day,
    seq: r.seq,
    number: r.number,
    issuedServiceId: r.issued_service_id,
    serviceId: r.service_id,
    status: r.status as TicketStatus,
    priority: r.priority === 1,
    appointmentAt: r.appointment_at,
    requestId: r.request_id,
    issuedAt: r.issued_at,
    calledAt: r.called_at,
    calledBy: r.called_by ?? null,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    deskId: r.desk_id,
    assignedDeskId: r.assigned_desk_id,
    recalls: r.recalls,
    outcomes: JSON.parse(r.outcomes),
    transfers: JSON.parse(r.transfers),
    recoveredAt: r.recovered_at,
    note: r.note,
    cancelReason: r.cancel_reason,
    needs: needsFromColumn(r.needs),
  };
}

/** The stored needs, in the fixed order; a value this version does not know is dropped rather than trusted. */
function needsFromColumn(column: string): CallNeed[] {
  const stored: unknown = JSON.parse(column);
  return Array.isArray(stored) ? callNeeds.filter((n) => stored.includes(n)) : [];
}

export interface DeskRow {
  id: string;
  mode: string;
  current_ticket_id: number | null;
  parked_ticket_ids: string;
  held_by: string | null;
}

export function deskParams(d: Desk): Param[] {
  return [d.id, d.mode, d.currentTicketId, JSON.stringify(d.parkedTicketIds), d.heldBy];
}

export function deskFromRow(r: DeskRow): Desk {
  return { id: r.id, mode: r.mode as DeskMode, currentTicketId: r.current_ticket_id, parkedTicketIds: JSON.parse(r.parked_ticket_ids), heldBy: r.held_by ?? null };
}
