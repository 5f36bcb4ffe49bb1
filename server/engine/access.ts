import type { DeskConfig, ServiceConfig } from '../../protocol/office.ts';
import { EngineError } from './commands.ts';
import type { Desk, EngineState, Ticket } from './state.ts';
import { carryWaiting } from './waitEstimate.ts';

/** Lookups that fail with the error a client should see, and copy-on-write updates. */

export function serviceConfig(state: EngineState, serviceId: string): ServiceConfig {
  const service = state.office.services.find((s) => s.id === serviceId);
  if (!service) throw new EngineError('unknown-service', `No service "${serviceId}".`);
  return service;
}

export function deskConfig(state: EngineState, deskId: string): DeskConfig {
  const desk = state.office.desks.find((d) => d.id === deskId);
  if (!desk) throw new EngineError('unknown-desk', `No desk "${deskId}".`);
  return desk;
}

export function deskState(state: EngineState, deskId: string): Desk {
  deskConfig(state, deskId);
  return state.desks.get(deskId)!;
}

export function ticket(state: EngineState, ticketId: number): Ticket {
  const t = state.tickets.get(ticketId);
  if (!t) throw new EngineError('unknown-ticket', `No ticket ${ticketId} today.`);
  return t;
}

/** The ticket a desk is dealing with (called or serving). */
export function currentTicket(state: EngineState, deskId: string): Ticket {
  const desk = deskState(state, deskId);
  if (desk.currentTicketId === null) throw new EngineError('no-current-ticket', `Desk "${deskId}" has no current ticket.`);
  return ticket(state, desk.currentTicketId);
}

export function requireCallingDesk(state: EngineState, deskId: string): Desk {
  const desk = deskState(state, deskId);
  if (desk.mode !== 'front') throw new EngineError('desk-not-open', `Desk "${deskId}" is not open to the public.`);
  if (desk.heldBy === null) throw new EngineError('desk-not-open', `Nobody holds desk "${deskId}": a clerk must take it first.`);
  if (desk.currentTicketId !== null) {
    throw new EngineError('desk-busy', `Desk "${deskId}" must finish, transfer or park its current ticket first.`);
  }
  return desk;
}

export function withTicket(state: EngineState, t: Ticket): EngineState {
  const tickets = state.tickets.with(t);
  carryWaiting(state.tickets, tickets, state.tickets.get(t.id), t);
  return { ...state, tickets };
}

export function withDesk(state: EngineState, desk: Desk): EngineState {
  return { ...state, desks: new Map(state.desks).set(desk.id, desk) };
}
