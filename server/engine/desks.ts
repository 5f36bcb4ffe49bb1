import type { DeskMode } from '../../protocol/views.ts';
import { EngineError, type EngineEvent } from './commands.ts';
import { deskConfig, deskState, withDesk } from './access.ts';
import type { EngineState } from './state.ts';

/**
 * Desk modes: `front` calls the public, `back` does back-office work (back-office desks only),
 * `paused` and `closed`. A desk holding a called or served ticket must finish it before leaving `front`.
 */
export function setMode(state: EngineState, deskId: string, mode: DeskMode, events: EngineEvent[]) {
  const config = deskConfig(state, deskId);
  const desk = deskState(state, deskId);
  if (mode === 'back' && config.kind !== 'back') {
    throw new EngineError('wrong-state', `Desk "${deskId}" is a front-office desk; it has no back-office mode.`);
  }
  if (desk.mode === mode) return { state, deskId };
  if (desk.currentTicketId !== null) {
    throw new EngineError('desk-busy', `Desk "${deskId}" must finish, transfer or park its current ticket first.`);
  }
  events.push({ type: 'desk:changed', deskId, from: desk.mode, to: mode });
  return { state: withDesk(state, { ...desk, mode }), deskId };
}
