import type { NetworkLoad, OfficeLoad } from '../../protocol/traffic.ts';
import { estimateMinutes, isOpenDesk, waitingCounts, type EngineState } from '../engine/index.ts';
import type { OfficeRuntime } from '../offices/openOffice.ts';
import { openNow } from './nearby.ts';

/** One office's load now, from its engine's state: who waits, the longest estimated wait, desks open, tickets issued today. */
export function officeLoad(id: string, state: EngineState, now: number): OfficeLoad {
  const counts = waitingCounts(state);
  let waiting = 0;
  let longest: number | null = null;
  for (const s of state.office.services) {
    const ahead = counts.get(s.id) ?? 0;
    waiting += ahead;
    if (ahead === 0) continue;
    const minutes = estimateMinutes(state, s.id, ahead);
    // A service nobody serves now has no estimate: said as unknown (null), unless another service gives one.
    if (minutes !== null) longest = Math.max(longest ?? 0, minutes);
  }
  if (waiting === 0) longest = 0;
  let issuedToday = 0;
  for (const n of state.counters.values()) issuedToday += n;
  return {
    officeId: id,
    name: state.office.name,
    open: openNow(state, now),
    waiting,
    longestEstimatedWaitMinutes: longest,
    openDesks: state.office.desks.filter((d) => isOpenDesk(state, d.id)).length,
    desks: state.office.desks.length,
    issuedToday,
    roomBusy: state.roomBusy,
  };
}

/** Every office's load, for the network supervisor board ("Sala controllo"). */
export function networkLoad(offices: readonly OfficeRuntime[], now: number): NetworkLoad {
  return { at: new Date(now).toISOString(), offices: offices.map((o) => officeLoad(o.id, o.ctx.committer.state, now)) };
}
