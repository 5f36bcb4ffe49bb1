import type { DeskMode, DeskTodayView } from '../../protocol/views.ts';
import type { HubContext } from '../context.ts';
import { dayStart, nextDay } from '../engine/calendar.ts';
import { frontMs } from './frontTime.ts';

/** What a desk's counters need: today's tickets, the time, the office's time zone, the event log, the appointments table. */
export type DeskTodayContext = Pick<HubContext, 'committer' | 'clock' | 'office' | 'queueStore' | 'appointments'>;

/** A desk's counters for the office day so far, from today's tickets and the event log. */
export async function deskToday(ctx: DeskTodayContext, deskId: string): Promise<DeskTodayView> {
  const state = ctx.committer.state;
  const now = ctx.clock();
  let served = 0;
  let noShows = 0;
  let transferred = 0;
  let serviceMs = 0;
  for (const t of state.tickets.values()) {
    if (t.day !== state.day) continue;
    if (t.deskId === deskId && t.status === 'done') {
      served++;
      serviceMs += (t.finishedAt ?? now) - (t.calledAt ?? t.finishedAt ?? now);
    }
    if (t.deskId === deskId && t.status === 'no-show') noShows++;
    transferred += t.transfers.filter((x) => x.byDeskId === deskId).length;
  }
  const from = dayStart(state.day, ctx.office.timeZone);
  const changes = await ctx.queueStore.deskModeChanges(deskId, from);
  const publicMs = frontMs(changes, state.desks.get(deskId)!.mode, from, now, state.openingToday);
  return {
    deskId,
    day: state.day,
    served,
    noShows,
    transferred,
    avgServiceMinutes: served === 0 ? null : Math.round(serviceMs / served / 6_000) / 10,
    publicMinutes: Math.floor(publicMs / 60_000),
    appointmentsBooked: await ctx.appointments.countBookedBy(deskId, from, dayStart(nextDay(state.day), ctx.office.timeZone)),
  };
}
