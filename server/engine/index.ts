export { apply, type Applied } from './apply.ts';
export { EngineError, type Command, type EngineEvent, type ReleaseChoice } from './commands.ts';
export { createState, type EngineState, type PersistedState, type Ticket, type Desk, type Call } from './state.ts';
export { positionOf, positionByScan, waitingInCallOrder, forEachWaitingInCallOrder, estimateMinutes, estimator, serviceEstimateMinutes, openDesksFor, isOpenDesk, waitingTickets, waitingCount, waitingCounts, callsBefore } from './waitEstimate.ts';
export { roomLoad } from './room.ts';
export { isWithin } from './calendar.ts';
export { ticketsIssuedToday, ticketsLeftToday } from './dailyLimit.ts';
export { TicketBook } from './ticketBook.ts';
