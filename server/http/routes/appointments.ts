import { Router } from 'express';
import { appointmentCodeSchema, appointmentListQuerySchema, bookAppointmentSchema, cancelAppointmentSchema, checkInSchema, printAppointmentSchema, rescheduleAppointmentSchema, slotsQuerySchema } from '../../../protocol/appointments.ts';
import { appointmentList, cancelAppointment, rescheduleAppointment, type AppointmentManagementContext } from '../../appointments/manage.ts';
import { appointmentOffices, appointmentView, book, checkIn, checkInRequestId, freeSlots, printSlip, type AppointmentContext } from '../../appointments/appointments.ts';
import { kioskOf, staffUser } from '../../auth/access.ts';
import { describeIssues } from '../../commands/execute.ts';
import { kioskThrottle, type KioskThrottleContext } from '../../commands/run.ts';
import { requires, sendAnswer, sendError } from '../respond.ts';

/** What the appointment routes need: the appointments and their management, the kiosk's rate. */
export type AppointmentRoutesContext = AppointmentContext & AppointmentManagementContext & KioskThrottleContext;

/** Second-level appointments: booked by desks, checked in at a kiosk. */
export function appointmentRoutes(ctx: AppointmentRoutesContext): Router {
  const clerk = requires('desk');
  return Router()
    .post('/appointments/check-in', requires('issue'), async (req, res) => {
      const parsed = checkInSchema.safeParse(req.body);
      if (!parsed.success) return sendError(res, 'validation-failed', describeIssues(parsed.error));
      const throttled = kioskThrottle(ctx, res.locals.caller, checkInRequestId(parsed.data.code));
      if (throttled) return sendError(res, throttled.code, throttled.message, throttled.retryAfterSeconds);
      sendAnswer(res, await checkIn(ctx, parsed.data.code, kioskOf(res.locals.caller, parsed.data.kioskId), { host: req.headers.host }, parsed.data.language), 201);
    })
    .get('/appointments/offices', clerk, (_req, res) => {
      res.json({ offices: appointmentOffices(ctx) });
    })
    .get('/appointments/slots', clerk, async (req, res) => {
      const parsed = slotsQuerySchema.safeParse(req.query);
      if (!parsed.success) return sendError(res, 'validation-failed', describeIssues(parsed.error));
      sendAnswer(res, await freeSlots(ctx, parsed.data.officeId, parsed.data.date));
    })
    .get('/appointments', clerk, async (req, res) => {
      const parsed = appointmentListQuerySchema.safeParse(req.query);
      if (!parsed.success) return sendError(res, 'validation-failed', describeIssues(parsed.error));
      sendAnswer(res, await appointmentList(ctx, parsed.data.date, parsed.data.officeId));
    })
    .post('/appointments', clerk, async (req, res) => {
      const parsed = bookAppointmentSchema.safeParse(req.body);
      if (!parsed.success) return sendError(res, 'validation-failed', describeIssues(parsed.error));
      sendAnswer(res, await book(ctx, parsed.data), 201);
    })
    .get('/appointments/:code', clerk, async (req, res) => {
      const parsed = appointmentCodeSchema.safeParse({ code: req.params.code });
      if (!parsed.success) return sendError(res, 'validation-failed', describeIssues(parsed.error));
      const row = await ctx.appointments.find(parsed.data.code);
      if (!row) return sendError(res, 'unknown-appointment', `No appointment ${parsed.data.code}.`);
      res.json({ appointment: appointmentView(ctx, row) });
    })
    .post('/appointments/:code/print', clerk, async (req, res) => {
      const body: unknown = req.body === undefined ? {} : req.body;
      const parsed = printAppointmentSchema.safeParse({ ...(typeof body === 'object' && body !== null ? body : {}), code: req.params.code });
      if (!parsed.success) return sendError(res, 'validation-failed', describeIssues(parsed.error));
      sendAnswer(res, await printSlip(ctx, parsed.data.code, parsed.data.deskId));
    })
    .post('/appointments/:code/cancel', clerk, async (req, res) => {
      const parsed = cancelAppointmentSchema.safeParse({ ...bodyObject(req.body), code: req.params.code });
      if (!parsed.success) return sendError(res, 'validation-failed', describeIssues(parsed.error));
      sendAnswer(res, await cancelAppointment(ctx, { ...parsed.data, username: staffUser(res.locals.caller)?.username ?? 'staff' }));
    })
    .post('/appointments/:code/reschedule', clerk, async (req, res) => {
      const parsed = rescheduleAppointmentSchema.safeParse({ ...bodyObject(req.body), code: req.params.code });
      if (!parsed.success) return sendError(res, 'validation-failed', describeIssues(parsed.error));
      sendAnswer(res, await rescheduleAppointment(ctx, parsed.data));
    });
}

/** A JSON object body's fields; anything else (an array, a string) gets a field the strict schemas refuse. */
function bodyObject(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...(body as Record<string, unknown>) } : { invalidBody: true };
}
