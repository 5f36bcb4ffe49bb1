import type { LiveBoard } from '../../protocol/reports.ts';
import { isOpenDesk, waitingTickets, type EngineState } from '../engine/index.ts';

const minutesSince = (at: number, now: number) => Math.max(0, Math.floor((now - at) / 60_000));

/** The room right now, from the engine's state: who waits for what, for how long, and what each desk does. */
export function liveBoard(state: EngineState, now: number): LiveBoard {
  const waiting = waitingTickets(state);
  const longest = (tickets: typeof waiting) => (tickets.length === 0 ? 0 : minutesSince(Math.min(...tickets.map((t) => t.issuedAt)), now));
  const today = state.tickets.values().filter((t) => t.day === state.day);
  return {
    at: new Date(now).toISOString(),
    day: state.day,
    roomBusy: state.roomBusy,
    waiting: waiting.length,
    longestWaitMinutes: longest(waiting),
    services: state.office.services.map((s) => {
      const mine = waiting.filter((t) => t.serviceId === s.id);
      return { serviceId: s.id, waiting: mine.length, longestWaitMinutes: longest(mine), open: s.open };
    }),
    desks: state.office.desks.map((d) => {
      const desk = state.desks.get(d.id)!;
      const current = desk.currentTicketId === null ? undefined : state.tickets.get(desk.currentTicketId);
      return {
        deskId: d.id,
        name: d.name,
        kind: d.kind,
        mode: desk.mode,
        currentNumber: current?.number ?? null,
        servedToday: today.filter((t) => t.deskId === d.id && t.status === 'done').length,
        // Who is at the desk: open to the public only while a clerk holds it.
        heldBy: desk.heldBy,
        open: isOpenDesk(state, d.id),
      };
    }),
  };
}
