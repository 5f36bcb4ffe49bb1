import type { AppointmentOfficeView, AppointmentStatus, AppointmentView, SlotsView } from '../../protocol/appointments.ts';
import type { CheckedIn } from '../../protocol/events.ts';
import type { TicketLanguage } from '../../protocol/commands.ts';
import type { AppointmentOfficeConfig } from '../../protocol/office.ts';
import type { Answer } from '../../protocol/errors.ts';
import type { DeskPrintResult } from '../../protocol/views.ts';
import type { HubContext } from '../context.ts';
import { fail, unknownDesk } from '../commands/execute.ts';
import { printIssued, ticketStatusUrl, type CommandOrigin, type PrintIssuedContext } from '../commands/run.ts';
import { dayOf, dayStart, nextDay, timeOf } from '../engine/calendar.ts';
import type { AppointmentRow } from '../store/appointmentStore.ts';
import { ticketView } from '../views.ts';
import { calendarEvent } from './calendarEvent.ts';
import { findSlot, slotsOfDay } from './slots.ts';

/** Second-level appointments: free slots, booking, the slip, and the citizen's check-in at the kiosk. */

/** What the appointment offices and the booking period need: the office config. */
export type AppointmentOfficesContext = Pick<HubContext, 'office'>;
/** What an appointment's view needs: the office config, the time, and today's tickets (for its status). */
export type AppointmentViewContext = Pick<HubContext, 'office' | 'clock' | 'committer'>;
/** What printing an appointment's slip needs: its view and the desks' printers. */
export type SlipPrintingContext = AppointmentViewContext & Pick<HubContext, 'printing'>;
/** What the slots, booking, the slip and the check-in need besides: the appointments table, the log, and the kiosk's printing. */
export type AppointmentContext = SlipPrintingContext & PrintIssuedContext & Pick<HubContext, 'appointments' | 'log'>;

export function appointmentOffices(ctx: AppointmentOfficesContext): AppointmentOfficeView[] {
  return ctx.office.appointmentOffices.map((a) => ({ id: a.id, name: { ...a.name }, serviceId: a.serviceId, slotMinutes: a.slotMinutes }));
}

export function officeOf(ctx: AppointmentOfficesContext, officeId: string): AppointmentOfficeConfig | undefined {
  return ctx.office.appointmentOffices.find((a) => a.id === officeId);
}

/** The last day appointments can be booked for. */
export function lastBookableDay(ctx: AppointmentOfficesContext, now: number): string {
  let day = dayOf(now, ctx.office.timeZone);
  for (let i = 0; i < ctx.office.policy.appointmentBookAheadDays; i++) day = nextDay(day);
  return day;
}

export async function freeSlots(ctx: AppointmentContext, officeId: string, date: string): Promise<Answer<SlotsView>> {
  const appointmentOffice = officeOf(ctx, officeId);
  if (!appointmentOffice) return fail('not-found', `No appointment office "${officeId}".`);
  const now = ctx.clock();
  const { timeZone } = ctx.office;
  if (date < dayOf(now, timeZone) || date > lastBookableDay(ctx, now)) return { ok: true, data: { officeId, date, slots: [] } };
  const booked = await ctx.appointments.bookedPerSlot(officeId, dayStart(date, timeZone), dayStart(nextDay(date), timeZone));
  const slots = slotsOfDay(ctx.office, appointmentOffice, date)
    .filter((s) => s.startsAt > now)
    .map((s) => ({ startsAt: new Date(s.startsAt).toISOString(), time: s.time, free: Math.max(0, appointmentOffice.perSlot - (booked.get(s.startsAt) ?? 0)) }));
  return { ok: true, data: { officeId, date, slots } };
}

export interface Booking {
  officeId: string;
  startsAt: string;
  name: string;
  phone?: string | undefined;
  email?: string | undefined;
  fromTicketId?: number | undefined;
  deskId?: string | undefined;
}

export async function book(ctx: AppointmentContext, b: Booking): Promise<Answer<{ appointment: AppointmentView }>> {
  const appointmentOffice = officeOf(ctx, b.officeId);
  if (!appointmentOffice) return fail('not-found', `No appointment office "${b.officeId}".`);
  const noDesk = b.deskId === undefined ? undefined : unknownDesk(ctx.office, b.deskId);
  if (noDesk) return noDesk;
  const now = ctx.clock();
  const startsAt = Date.parse(b.startsAt);
  const day = dayOf(startsAt, ctx.office.timeZone);
  if (!findSlot(ctx.office, appointmentOffice, day, startsAt)) {
    return fail('validation-failed', `startsAt: ${b.startsAt} is not one of the slots of "${b.officeId}".`);
  }
  if (startsAt <= now || day > lastBookableDay(ctx, now)) {
    return fail('validation-failed', 'startsAt: the slot must be in the future and within the booking period.');
  }
  const code = await ctx.appointments.book(
    { officeId: b.officeId, startsAt, name: b.name, phone: b.phone ?? null, email: b.email ?? null, fromTicketId: b.fromTicketId ?? null, deskId: b.deskId ?? null, createdAt: now },
    appointmentOffice.perSlot,
  );
  if (code === undefined) return fail('slot-taken', 'That slot has just been taken: choose another one.');
  ctx.log.info({ officeId: b.officeId, deskId: b.deskId }, 'appointment booked'); // not its code: that checks the citizen in
  return { ok: true, data: { appointment: appointmentView(ctx, (await ctx.appointments.find(code))!) } };
}

/** Where an appointment stands: its row, then its ticket of today (called, served, no-show), then the clock. */
export function appointmentStatus(ctx: AppointmentViewContext, row: AppointmentRow): AppointmentStatus {
  if (row.cancelled_at !== null) return 'cancelled';
  if (row.status === 'booked') {
    return ctx.clock() > row.starts_at + ctx.office.policy.appointmentLateMinutes * 60_000 ? 'no-show' : 'booked';
  }
  const ticket = row.ticket_id === null ? undefined : ctx.committer.state.tickets.get(row.ticket_id);
  switch (ticket?.status) {
    case 'called':
    case 'serving':
    case 'parked':
      return 'called';
    case 'done':
      return 'served';
    case 'no-show':
    case 'expired':
    case 'cancelled':
      return 'no-show';
    default:
      return 'checked-in';
  }
}

export function appointmentView(ctx: AppointmentViewContext, row: AppointmentRow): AppointmentView {
  const { timeZone } = ctx.office;
  const appointmentOffice = officeOf(ctx, row.office_id);
  const officeName = appointmentOffice ? { ...appointmentOffice.name } : { it: row.office_id, en: row.office_id };
  return {
    code: row.code,
    officeId: row.office_id,
    officeName,
    startsAt: new Date(row.starts_at).toISOString(),
    date: dayOf(row.starts_at, timeZone),
    time: timeOf(row.starts_at, timeZone),
    name: row.name,
    phone: row.phone,
    email: row.email,
    status: appointmentStatus(ctx, row),
    ticketId: row.ticket_id,
    createdAt: new Date(row.created_at).toISOString(),
    ...(row.cancelled_at !== null ? { cancelledAt: new Date(row.cancelled_at).toISOString(), cancelReason: row.cancel_reason, cancelledBy: row.cancelled_by ?? '' } : {}),
    ...(row.rescheduled_from !== null ? { rescheduledFrom: new Date(row.rescheduled_from).toISOString() } : {}),
    calendar: calendarEvent({
      code: row.code,
      startsAt: row.starts_at,
      minutes: appointmentOffice?.slotMinutes ?? 20,
      officeName: officeName.it,
      location: ctx.office.name,
      createdAt: row.created_at,
    }),
  };
}

export async function printSlip(ctx: AppointmentContext, code: string, deskId: string): Promise<Answer<{ print: DeskPrintResult }>> {
  const noDesk = unknownDesk(ctx.office, deskId);
  if (noDesk) return noDesk;
  const row = await ctx.appointments.find(code);
  if (!row) return fail('unknown-appointment', `No appointment ${code}.`);
  return { ok: true, data: { print: await printRow(ctx, row, deskId) } };
}

/** Prints an appointment's slip on the desk's printer: the booking, or its cancellation note once cancelled. */
export async function printRow(ctx: SlipPrintingContext, row: AppointmentRow, deskId: string): Promise<DeskPrintResult> {
  const view = appointmentView(ctx, row);
  return ctx.printing.printAppointmentSlip(deskId, {
    officeName: ctx.office.name,
    appointmentOffice: view.officeName.it,
    startsAt: new Date(row.starts_at),
    code: row.code,
    calendar: view.calendar,
    ...(ctx.office.ticketPrint.footer ? { footer: ctx.office.ticketPrint.footer } : {}),
    ...(row.cancelled_at !== null ? { cancelled: { reason: row.cancel_reason ?? '' } } : {}),
  });
}

/**
 * "I have an appointment" at the kiosk: on the appointment's day, up to `appointmentLateMinutes` after
 * its time, the citizen gets a ticket in the office's queue that desks call at the booked time, ahead of
 * walk-ins. The code is the ticket's request id: checking in again gives the same ticket, never a second.
 */
/** The request id of an appointment's check-in: checking in again is a retry, answered with the same ticket. */
export const checkInRequestId = (code: string) => `appointment-${code}`;

export async function checkIn(ctx: AppointmentContext, code: string, kioskId: string | undefined, origin: CommandOrigin, language?: TicketLanguage): Promise<Answer<CheckedIn>> {
  const row = await ctx.appointments.find(code);
  const appointmentOffice = row && officeOf(ctx, row.office_id);
  if (!row || !appointmentOffice) return fail('unknown-appointment', `No appointment with the code ${code}.`);
  if (row.cancelled_at !== null) return fail('appointment-cancelled', `The appointment ${code} was cancelled. Ask at the info point.`);
  const now = ctx.clock();
  const { timeZone } = ctx.office;
  const date = dayOf(row.starts_at, timeZone);
  const time = timeOf(row.starts_at, timeZone);
  if (date !== dayOf(now, timeZone)) {
    return fail('appointment-not-today', `The appointment ${code} is on ${date} at ${time}, not today.`);
  }
  if (row.status === 'booked' && now > row.starts_at + ctx.office.policy.appointmentLateMinutes * 60_000) {
    return fail('appointment-missed', `The appointment ${code} was at ${time}: it is too late to check in. Ask at the info point.`);
  }
  // At a kiosk the number comes from its block, like any ticket it issues (server/engine/kioskBlocks.ts).
  const outcome = await ctx.committer.submit({ type: 'ticket:issue', serviceId: appointmentOffice.serviceId, requestId: checkInRequestId(code), appointmentAt: row.starts_at, ...(kioskId ? { kioskId } : {}) });
  if (!outcome.ok) return outcome;
  const { state, ticketId, events } = outcome.value;
  const ticket = ticketView(state, state.tickets.get(ticketId!)!);
  const issuedNow = events.some((e) => e.event.type === 'ticket:issued');
  if (row.status !== 'checked-in' || row.ticket_id !== ticket.id) await ctx.appointments.markCheckedIn(code, ticket.id);
  const appointment = { code, officeName: { ...appointmentOffice.name }, startsAt: new Date(row.starts_at).toISOString(), time };
  const statusUrl = ticketStatusUrl(ctx, origin, ticket.id);
  return { ok: true, data: { ticket, ...(kioskId ? { print: printIssued(ctx, kioskId, ticket, issuedNow, origin, { appointmentAt: row.starts_at, ...(language ? { language } : {}) }) } : {}), statusUrl, appointment } };
}
