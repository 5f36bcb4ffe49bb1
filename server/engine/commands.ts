import type { ErrorCode } from '../../protocol/errors.ts';
import type { OfficeConfig } from '../../protocol/office.ts';
import type { CallNeed } from '../../protocol/needs.ts';
import type { DeskMode, OutcomeCount } from '../../protocol/views.ts';

/** What the engine is asked to do. Validated before it gets here; the engine checks meaning, not shape. */
export type Command =
  /** `arrivedAt`: an earlier arrival the ticket keeps its place by (a ticket moved from another office; see issue.ts). `kioskId`: a kiosk issues from its block first. */
  | { type: 'ticket:issue'; serviceId: string; priority?: boolean; requestId?: string; appointmentAt?: number; needs?: readonly CallNeed[]; arrivedAt?: number; kioskId?: string }
  | { type: 'ticket:cancel'; ticketId: number; reason?: string }
  /** A no-show comes back (the citizen was late): to the head of its service's queue. */
  | { type: 'ticket:recover'; ticketId: number }
  | { type: 'desk:call-next'; deskId: string }
  | { type: 'desk:call'; deskId: string; ticketId: number }
  | { type: 'desk:recall'; deskId: string }
  | { type: 'desk:start'; deskId: string }
  | { type: 'desk:finish'; deskId: string; outcomes: readonly OutcomeCount[]; note?: string }
  /** Undo of a call: the desk's current ticket goes back to its own place in the queue. */
  | { type: 'desk:requeue'; deskId: string }
  /** Undo of a finish: the ticket the desk just finished is its current ticket again, its outcomes removed. */
  | { type: 'desk:reopen'; deskId: string; ticketId: number }
  | { type: 'desk:no-show'; deskId: string }
  | { type: 'desk:transfer'; deskId: string; serviceId: string; toDeskId?: string }
  | { type: 'desk:park'; deskId: string }
  | { type: 'desk:resume'; deskId: string; ticketId: number }
  | { type: 'desk:mode'; deskId: string; mode: DeskMode }
  /** A signed-in clerk takes the desk (`takeOver`: from the clerk holding it). See ./holding.ts. */
  | { type: 'desk:hold'; deskId: string; clerk: string; takeOver?: boolean }
  /** The desk is let go: by its clerk (`clerk`), or by the hub (`clerk: null`, the clerk logged out or went away). */
  | { type: 'desk:release'; deskId: string; clerk: string | null; current?: ReleaseChoice }
  /** A new office config (validated by the caller), applied live. */
  | { type: 'office:configure'; office: OfficeConfig }
  /** Tops up a kiosk's blocks of reserved numbers (every open service when none is named). See ./kioskBlocks.ts. */
  | { type: 'kiosk:reserve'; kioskId: string; serviceIds?: readonly string[] }
  /** A ticket a kiosk issued offline from its block, reported with the citizen's real tap time. */
  | { type: 'ticket:issue-reserved'; kioskId: string; serviceId: string; seq: number; tappedAt: number; requestId: string; priority?: boolean; needs?: readonly CallNeed[] }
  /** Lets time pass: rolls the day over and re-evaluates the room. */
  | { type: 'clock:tick' };

/**
 * What a release does with the desk's current ticket: finish it (with outcomes), put it back in its own place
 * in the queue, transfer it; `away` (the hub's own release): a ticket only called goes back to its place, one
 * being served stays at the desk for whoever holds it next. Without a choice a desk with a current ticket is not released.
 */
export type ReleaseChoice =
  | { action: 'finish'; outcomes?: readonly OutcomeCount[] }
  | { action: 'requeue' }
  | { action: 'transfer'; serviceId: string; toDeskId?: string }
  | { action: 'away' };

export type TicketEventType =
  | 'ticket:issued'
  | 'ticket:called'
  | 'ticket:recalled'
  | 'ticket:started'
  | 'ticket:finished'
  | 'ticket:no-show'
  | 'ticket:cancelled'
  | 'ticket:transferred'
  | 'ticket:parked'
  | 'ticket:resumed'
  | 'ticket:expired'
  | 'ticket:requeued'
  | 'ticket:recovered'
  | 'ticket:reopened';

/** What happened, in order. The hub persists these in the event log and pushes them to clients. */
export type EngineEvent =
  | { type: TicketEventType; ticketId: number; deskId: string | null; clerk?: string }
  | { type: 'desk:held'; deskId: string; clerk: string; from: string | null }
  | { type: 'desk:released'; deskId: string; clerk: string; by: 'clerk' | 'hub' }
  | { type: 'desk:changed'; deskId: string; from: DeskMode; to: DeskMode }
  | { type: 'room:busy' | 'room:calm'; waiting: number; longestEstimatedWaitMinutes: number }
  | { type: 'day:started'; day: string }
  /** Numbers handed to a kiosk ahead of time (seq values of the service); nobody else will be given them today. */
  | { type: 'kiosk:reserved'; kioskId: string; serviceId: string; numbers: readonly number[] }
  /** At the rollover: numbers of `day` a kiosk held and never issued (a gap in that day's numbering). */
  | { type: 'kiosk:released'; kioskId: string; serviceId: string; numbers: readonly number[]; day: string }
  | { type: 'office:changed' };

/** A command the engine refuses; the state is unchanged. */
export class EngineError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
