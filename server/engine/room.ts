import type { EngineEvent } from './commands.ts';
import type { EngineState } from './state.ts';
import { estimateMinutes, waitingCounts } from './waitEstimate.ts';

/** The waiting room's load, and whether it crossed the busy or calm threshold (with hysteresis between them). */

export interface RoomLoad {
  waiting: number;
  longestEstimatedWaitMinutes: number;
}

/** Runs after every command: from the waiting lists the engine keeps, not a pass over the day. */
export function roomLoad(state: EngineState): RoomLoad {
  const counts = waitingCounts(state);
  let waiting = 0;
  let longest = 0;
  for (const s of state.office.services) {
    const ahead = counts.get(s.id) ?? 0;
    waiting += ahead;
    longest = Math.max(longest, estimateMinutes(state, s.id, ahead) ?? 0);
  }
  return { waiting, longestEstimatedWaitMinutes: longest };
}

export function isBusy(state: EngineState, load: RoomLoad): boolean {
  const t = state.office.thresholds;
  return load.waiting >= t.busyWhenWaitingAtLeast || load.longestEstimatedWaitMinutes >= t.busyWhenWaitMinutesAtLeast;
}

export function isCalm(state: EngineState, load: RoomLoad): boolean {
  const t = state.office.thresholds;
  return load.waiting <= t.calmWhenWaitingAtMost && load.longestEstimatedWaitMinutes <= t.calmWhenWaitMinutesAtMost;
}

export function evaluateRoom(state: EngineState, events: EngineEvent[]): EngineState {
  const load = roomLoad(state);
  if (!state.roomBusy && isBusy(state, load)) {
    events.push({ type: 'room:busy', ...load });
    return { ...state, roomBusy: true };
  }
  if (state.roomBusy && isCalm(state, load)) {
    events.push({ type: 'room:calm', ...load });
    return { ...state, roomBusy: false };
  }
  return state;
}
