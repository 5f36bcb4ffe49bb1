import type { AppointmentListView, AppointmentView } from '../../protocol/appointments.ts';
import type { Answer } from '../../protocol/errors.ts';
import type { DeskPrintResult } from '../../protocol/views.ts';
import type { HubContext } from '../context.ts';
import { fail, unknownDesk } from '../commands/execute.ts';
import { dayOf, dayStart, nextDay } from '../engine/calendar.ts';
import { appointmentView, lastBookableDay, officeOf, printRow, type SlipPrintingContext } from './appointments.ts';
import { findSlot } from './slots.ts';

/** The desks' appointment management: the day's list, cancelling (with a note) and moving to another slot. */

/** What managing appointments needs: their views and slips, the appointments table, the log. */
export type AppointmentManagementContext = SlipPrintingContext & Pick<HubContext, 'appointments' | 'log'>;

export async function appointmentList(ctx: AppointmentManagementContext, date: string | undefined, officeId: string | undefined): Promise<Answer<AppointmentListView>> {
  const { timeZone } = ctx.office;
  if (officeId !== undefined && !officeOf(ctx, officeId)) return fail('not-found', `No appointment office "${officeId}".`);
  const day = date ?? dayOf(ctx.clock(), timeZone);
  const rows = await ctx.appointments.list(dayStart(day, timeZone), dayStart(nextDay(day), timeZone), officeId);
  return { ok: true, data: { date: day, timeZone, appointments: rows.map((r) => appointmentView(ctx, r)) } };
}

/** Why an appointment can no longer be changed, or undefined while it is booked and not yet checked in. */
function notChangeable(view: AppointmentView): Answer<never> | undefined {
  if (view.status === 'cancelled') return fail('wrong-state', `The appointment ${view.code} is already cancelled.`);
  if (view.status !== 'booked' && view.status !== 'no-show') return fail('wrong-state', `The appointment ${view.code} is ${view.status}: the citizen has already checked in.`);
  if (view.ticketId !== null) return fail('wrong-state', `The appointment ${view.code} has been checked in.`);
  return undefined;
}

/**
 * Cancels a booked appointment: its place is free again, the check-in code stops working, and the
 * cancellation note is printed on the desk's printer (`print.printer` "none": the desk prints it from the browser).
 */
export async function cancelAppointment(ctx: AppointmentManagementContext, c: { code: string; reason: string; deskId: string; username: string }): Promise<Answer<{ appointment: AppointmentView; print: DeskPrintResult }>> {
  const noDesk = unknownDesk(ctx.office, c.deskId);
  if (noDesk) return noDesk;
  const row = await ctx.appointments.find(c.code);
  if (!row) return fail('unknown-appointment', `No appointment ${c.code}.`);
  const refused = notChangeable(appointmentView(ctx, row));
  if (refused) return refused;
  if (!(await ctx.appointments.cancel(c.code, c.reason, c.username, ctx.clock()))) return fail('wrong-state', `The appointment ${c.code} has just changed: look again.`);
  ctx.log.info({ officeId: row.office_id, deskId: c.deskId }, 'appointment cancelled'); // not its code, nor the reason
  const after = (await ctx.appointments.find(c.code))!;
  return { ok: true, data: { appointment: appointmentView(ctx, after), print: await printRow(ctx, after, c.deskId) } };
}

/** Moves a booked appointment to another future slot of its office with a place left (same code). */
export async function rescheduleAppointment(ctx: AppointmentManagementContext, r: { code: string; startsAt: string; deskId: string }): Promise<Answer<{ appointment: AppointmentView }>> {
  const noDesk = unknownDesk(ctx.office, r.deskId);
  if (noDesk) return noDesk;
  const row = await ctx.appointments.find(r.code);
  const appointmentOffice = row && officeOf(ctx, row.office_id);
  if (!row || !appointmentOffice) return fail('unknown-appointment', `No appointment ${r.code}.`);
  const refused = notChangeable(appointmentView(ctx, row));
  if (refused) return refused;
  const now = ctx.clock();
  const startsAt = Date.parse(r.startsAt);
  const day = dayOf(startsAt, ctx.office.timeZone);
  if (!findSlot(ctx.office, appointmentOffice, day, startsAt)) {
    return fail('validation-failed', `startsAt: ${r.startsAt} is not one of the slots of "${row.office_id}".`);
  }
  if (startsAt <= now || day > lastBookableDay(ctx, now)) {
    return fail('validation-failed', 'startsAt: the slot must be in the future and within the booking period.');
  }
  if (startsAt === row.starts_at) return fail('validation-failed', 'startsAt: the appointment is already at that time.');
  if (!(await ctx.appointments.reschedule(r.code, startsAt, appointmentOffice.perSlot, now))) {
    const again = await ctx.appointments.find(r.code);
    if (again && (again.cancelled_at !== null || again.status !== 'booked')) return fail('wrong-state', `The appointment ${r.code} has just changed: look again.`);
    return fail('slot-taken', 'That slot is full: choose another one.');
  }
  ctx.log.info({ officeId: row.office_id, deskId: r.deskId }, 'appointment rescheduled');
  return { ok: true, data: { appointment: appointmentView(ctx, (await ctx.appointments.find(r.code))!) } };
}
