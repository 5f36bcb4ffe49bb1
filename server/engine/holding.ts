import { EngineError, type EngineEvent, type ReleaseChoice } from './commands.ts';
import { deskState, ticket, withDesk } from './access.ts';
import { finish, transfer } from './serving.ts';
import type { EngineState } from './state.ts';
import { requeue } from './undo.ts';

/**
 * Who is at a desk. A desk is open to the public only while a signed-in clerk holds it: a clerk takes it
 * when choosing it, and lets it go by logging out, choosing another desk, or going away (the hub notices
 * the desk's page is gone). A clerk holds one desk at a time and a desk has one clerk.
 */

export function hold(state: EngineState, deskId: string, clerk: string, takeOver: boolean, events: EngineEvent[]) {
  const desk = deskState(state, deskId);
  if (desk.heldBy === clerk) return { state, deskId };
  if (desk.heldBy !== null && !takeOver) {
    throw new EngineError('desk-held', `Desk "${deskId}" is held by ${desk.heldBy}; take it over only on purpose.`);
  }
  // The clerk's other desk is let go first; one with a citizen in front of it must be dealt with by the clerk.
  let next = state;
  for (const other of state.desks.values()) {
    if (other.heldBy !== clerk || other.id === deskId) continue;
    if (other.currentTicketId !== null) {
      throw new EngineError('desk-busy', `Desk "${other.id}" still has a current ticket; release it first, saying what to do with the ticket.`);
    }
    events.push({ type: 'desk:released', deskId: other.id, clerk, by: 'clerk' });
    next = withDesk(next, { ...other, heldBy: null });
  }
  events.push({ type: 'desk:held', deskId, clerk, from: desk.heldBy });
  return { state: withDesk(next, { ...deskState(next, deskId), heldBy: clerk }), deskId };
}

/**
 * Lets a desk go: by its own clerk (`clerk`) or by the hub (`clerk` null). A current ticket needs a choice
 * (see ReleaseChoice); released without one, a desk keeps nobody's citizen waiting at it.
 */
export function release(state: EngineState, deskId: string, clerk: string | null, current: ReleaseChoice | undefined, now: number, events: EngineEvent[]) {
  const desk = deskState(state, deskId);
  if (desk.heldBy === null) return { state, deskId };
  if (clerk !== null && desk.heldBy !== clerk) throw new EngineError('desk-held', `Desk "${deskId}" is held by ${desk.heldBy}.`);
  let next = state;
  if (desk.currentTicketId !== null) {
    if (current === undefined) {
      throw new EngineError('desk-busy', `Desk "${deskId}" has a current ticket: say whether to finish it, put it back in the queue or transfer it.`);
    }
    next = settleCurrent(state, deskId, current, now, events);
  }
  events.push({ type: 'desk:released', deskId, clerk: desk.heldBy, by: clerk === null ? 'hub' : 'clerk' });
  return { state: withDesk(next, { ...deskState(next, deskId), heldBy: null }), deskId };
}

function settleCurrent(state: EngineState, deskId: string, current: ReleaseChoice, now: number, events: EngineEvent[]): EngineState {
  const t = ticket(state, deskState(state, deskId).currentTicketId!);
  switch (current.action) {
    case 'finish':
      return finish(state, deskId, current.outcomes ?? [], now, events).state;
    case 'transfer':
      return transfer(state, deskId, current, now, events).state;
    case 'requeue':
      return requeue(state, deskId, events).state;
    case 'away':
      // A citizen already being served stays with the desk (whoever holds it next finishes); one only called goes back.
      return t.status === 'called' ? requeue(state, deskId, events).state : state;
  }
}
