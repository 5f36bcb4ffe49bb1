import type { Answer } from './errors.ts';
import type { CheckIn } from './appointments.ts';
import type {
  CallTicket, CancelTicket, DeskRef, Finish, Hold, IssueTicket, Join, ModeChange, Release, Reopen, Resume, TicketRef, Transfer,
} from './commands.ts';
import type { RatingAnswer, TabletRating } from './ratings.ts';
import type { TicketStatusPush } from './ticketStatus.ts';
import type { DeskView, PrinterStatusView, PrintState, QueueSnapshot, TicketView } from './views.ts';

/** Every pushed change carries the office-wide sequence number; a client that sees a gap asks for a snapshot. */
export interface Change {
  seq: number;
  at: string;
}
export interface TicketChange extends Change {
  ticket: TicketView;
  desk: DeskView | null;
}
export interface DeskChange extends Change {
  desk: DeskView;
}
export interface RoomChange extends Change {
  waiting: number;
  longestEstimatedWaitMinutes: number;
}
export interface DayChange extends Change {
  day: string;
}

/** Numbers of a service a kiosk reserved ahead of time (`kiosk:reserved`) or, at the rollover, released unused (`kiosk:released`, numbers of `day`). */
export interface KioskNumbersChange extends Change {
  kioskId: string;
  serviceId: string;
  numbers: number[];
  day?: string;
}

/** The sequenced change stream: every event carries the next office-wide seq. */
export interface ChangeEvents {
  'ticket:issued': (e: TicketChange) => void;
  'ticket:called': (e: TicketChange) => void;
  'ticket:recalled': (e: TicketChange) => void;
  'ticket:started': (e: TicketChange) => void;
  'ticket:finished': (e: TicketChange) => void;
  'ticket:no-show': (e: TicketChange) => void;
  'ticket:cancelled': (e: TicketChange) => void;
  'ticket:transferred': (e: TicketChange) => void;
  'ticket:parked': (e: TicketChange) => void;
  'ticket:resumed': (e: TicketChange) => void;
  'ticket:expired': (e: TicketChange) => void;
  /** A called ticket waits again in its own place: its desk took the call back, or was released (the clerk left or went away). */
  'ticket:requeued': (e: TicketChange) => void;
  /** A no-show came back, at the head of its queue. */
  'ticket:recovered': (e: TicketChange) => void;
  /** A desk reopened the ticket it had just finished. */
  'ticket:reopened': (e: TicketChange) => void;
  'desk:changed': (e: DeskChange) => void;
  'room:busy': (e: RoomChange) => void;
  'room:calm': (e: RoomChange) => void;
  'day:started': (e: DayChange) => void;
  'kiosk:reserved': (e: KioskNumbersChange) => void;
  'kiosk:released': (e: KioskNumbersChange) => void;
  /** An admin changed the office config: fetch the office facts and a snapshot again. */
  'office:changed': (e: Change) => void;
}

/** The answer to a check-in: the ticket (as for `ticket:issue`) and the appointment's public facts. */
export interface CheckedIn {
  ticket: TicketView;
  print?: PrintState;
  /** The citizen's status page for the ticket (the QR code). */
  statusUrl: string;
  appointment: { code: string; officeName: { it: string; en: string }; startsAt: string; time: string };
}

/** Events outside the sequenced change stream (they carry no seq and never need a snapshot). */
export interface ServerToClientNotices {
  'printer:status': (e: PrinterStatusView) => void;
  /** The list of call-back requests changed; staff screens fetch it again (no personal data here). */
  'callbacks:changed': (e: { open: number }) => void;
}

/**
 * What a ticket's own socket (the citizen's phone, `auth: { ticketId, key }`) receives, and nothing else:
 * that ticket's view on connecting and after every change to it or to its place in the queue.
 */
export interface TicketFollowerEvents {
  'ticket:status': (e: TicketStatusPush) => void;
}

export type ChangeEventName = keyof ChangeEvents;

export interface ServerToClientEvents extends ChangeEvents, ServerToClientNotices, TicketFollowerEvents {}

type Ack<T> = (answer: Answer<T>) => void;

export interface ClientToServerEvents {
  'session:join': (payload: Join, ack: Ack<QueueSnapshot>) => void;
  'queue:snapshot': (payload: Record<string, never>, ack: Ack<QueueSnapshot>) => void;
  'ticket:issue': (payload: IssueTicket, ack: Ack<{ ticket: TicketView; print?: PrintState; statusUrl: string }>) => void;
  /** The kiosk's "I have an appointment": a ticket in the appointment's queue, called at the booked time. */
  'appointment:check-in': (payload: CheckIn, ack: Ack<CheckedIn>) => void;
  'ticket:get': (payload: TicketRef, ack: Ack<{ ticket: TicketView }>) => void;
  'ticket:cancel': (payload: CancelTicket, ack: Ack<{ ticket: TicketView }>) => void;
  'ticket:recover': (payload: TicketRef, ack: Ack<{ ticket: TicketView }>) => void;
  'desk:call-next': (payload: DeskRef, ack: Ack<{ ticket: TicketView }>) => void;
  'desk:call': (payload: CallTicket, ack: Ack<{ ticket: TicketView }>) => void;
  'desk:recall': (payload: DeskRef, ack: Ack<{ ticket: TicketView }>) => void;
  'desk:start': (payload: DeskRef, ack: Ack<{ ticket: TicketView }>) => void;
  'desk:finish': (payload: Finish, ack: Ack<{ ticket: TicketView }>) => void;
  'desk:no-show': (payload: DeskRef, ack: Ack<{ ticket: TicketView }>) => void;
  'desk:transfer': (payload: Transfer, ack: Ack<{ ticket: TicketView }>) => void;
  'desk:park': (payload: DeskRef, ack: Ack<{ ticket: TicketView }>) => void;
  'desk:resume': (payload: Resume, ack: Ack<{ ticket: TicketView }>) => void;
  'desk:requeue': (payload: DeskRef, ack: Ack<{ ticket: TicketView }>) => void;
  'desk:reopen': (payload: Reopen, ack: Ack<{ ticket: TicketView }>) => void;
  'desk:mode': (payload: ModeChange, ack: Ack<{ desk: DeskView }>) => void;
  /** The feedback tablet's rating of a ticket its desk has just finished (see protocol/ratings.ts). */
  'rating:give': (payload: TabletRating, ack: Ack<RatingAnswer>) => void;
  /** The signed-in clerk takes the desk (`desk-held` with `heldBy` when another clerk holds it and `takeOver` is not set). */
  'desk:hold': (payload: Hold, ack: Ack<{ desk: DeskView }>) => void;
  /** The clerk lets the desk go, saying what to do with its current ticket. */
  'desk:release': (payload: Release, ack: Ack<{ desk: DeskView }>) => void;
}
