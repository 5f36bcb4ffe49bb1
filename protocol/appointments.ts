import { z } from 'zod';
import { ticketLanguageSchema } from './commands.ts';
import { idPattern } from './ids.ts';
import type { Localized } from './views.ts';
import { appointmentCodePattern, callbackOutcomes, preferredTimes, type CallbackOutcome, type PreferredTime } from './appointmentTerms.ts';

export * from './appointmentTerms.ts';

/**
 * Second-level appointments (booked at a desk, checked in at the kiosk) and call-back requests
 * (left at a desk or at the kiosk, worked through by back-office desks). REST payloads and views.
 */

const configId = z.string().regex(idPattern);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const code = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.string().regex(appointmentCodePattern, 'six letters and digits, e.g. K7P3QX'));
/** An Italian or international phone number: digits, spaces, +, dashes, dots, slashes, brackets; 6 to 15 digits. */
export const phonePattern = /^\+?[0-9 ().\/-]{6,24}$/;
export const phoneSchema = z
  .string()
  .trim()
  .regex(phonePattern, 'a phone number (digits, spaces, + - . / ( ))')
  .refine((p) => {
    const digits = p.replace(/\D/g, '').length;
    return digits >= 6 && digits <= 15;
  }, 'a phone number has 6 to 15 digits');
const email = z.string().trim().max(120).pipe(z.email('an e-mail address'));
const requestId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const slotsQuerySchema = z.strictObject({ officeId: configId, date: day });

export const bookAppointmentSchema = z
  .strictObject({
    officeId: configId,
    /** The slot's start, as `startsAt` of a SlotView. */
    startsAt: z.iso.datetime({ offset: true }),
    name: z.string().trim().min(2).max(80),
    phone: phoneSchema.optional(),
    email: email.optional(),
    /** The ticket being served when the appointment was booked (its outcome is `second-level`). */
    fromTicketId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
    /** The desk that booked it. */
    deskId: configId.optional(),
  })
  .refine((b) => b.phone !== undefined || b.email !== undefined, { message: 'a phone number or an e-mail address is needed', path: ['phone'] });

export const appointmentCodeSchema = z.strictObject({ code });
export const printAppointmentSchema = z.strictObject({ code, deskId: configId });

export const checkInSchema = z.strictObject({
  code,
  kioskId: configId.optional(),
  requestId: requestId.optional(),
  /** The language the citizen chose: the paper ticket is printed in it (Italian when left out). */
  language: ticketLanguageSchema.optional(),
});


export const createCallbackSchema = z.strictObject({
  /** The topic: one of the office's services. */
  serviceId: configId,
  phone: phoneSchema,
  preferredTime: z.enum(preferredTimes),
  /** A clerk's note on what the citizen needs (no note from the kiosk). */
  note: z.string().trim().max(200).optional(),
  /** Who took the request: a desk, or a kiosk when the wait ran past closing time. */
  deskId: configId.optional(),
  kioskId: configId.optional(),
});

export const closeCallbackSchema = z.strictObject({
  outcome: z.enum(callbackOutcomes),
  deskId: configId,
});

/** The day's appointment list at a desk: one office-local day (today when left out), one office or all. */
export const appointmentListQuerySchema = z.strictObject({ date: day.optional(), officeId: configId.optional() });

export const cancelAppointmentSchema = z.strictObject({
  code,
  /** Why, in the clerk's words (printed on the cancellation note). */
  reason: z.string().trim().min(3).max(200),
  /** The desk cancelling it: the note is printed on its printer. */
  deskId: configId,
});

export const rescheduleAppointmentSchema = z.strictObject({
  code,
  /** The new slot's start, as `startsAt` of a SlotView of the same office. */
  startsAt: z.iso.datetime({ offset: true }),
  deskId: configId,
});

export const callbackListQuerySchema = z.strictObject({ status: z.enum(['open', 'closed']).default('open') });

export type SlotsQuery = z.infer<typeof slotsQuerySchema>;
export type BookAppointment = z.input<typeof bookAppointmentSchema>;
export type CheckIn = z.input<typeof checkInSchema>;
export type CreateCallback = z.input<typeof createCallbackSchema>;
export type CloseCallback = z.input<typeof closeCallbackSchema>;
export type CancelAppointment = z.input<typeof cancelAppointmentSchema>;
export type RescheduleAppointment = z.input<typeof rescheduleAppointmentSchema>;

/** `GET /api/appointments?date=…`: the day's appointments of the office's competent offices, by time. */
export interface AppointmentListView {
  date: string;
  /** The office's IANA time zone: the times shown are the office's. */
  timeZone: string;
  appointments: AppointmentView[];
}

/** A competent office that takes second-level appointments. */
export interface AppointmentOfficeView {
  id: string;
  name: Localized;
  /** The queue a checked-in appointment joins; the desks serving it call it. */
  serviceId: string;
  slotMinutes: number;
}

export interface SlotView {
  /** ISO 8601 UTC. */
  startsAt: string;
  /** Office-local "HH:MM". */
  time: string;
  /** Places left in the slot (0: full). */
  free: number;
}

export interface SlotsView {
  officeId: string;
  date: string;
  /** Every slot of the day still in the future, full ones included (free 0). */
  slots: SlotView[];
}

/**
 * Where an appointment stands: `booked`; `checked-in` at the kiosk (its ticket waits); `called` or being
 * served; `served`; `no-show` (never checked in before the late limit passed, or its ticket was a no-show);
 * `cancelled` at a desk.
 */
export const appointmentStatuses = ['booked', 'checked-in', 'called', 'served', 'no-show', 'cancelled'] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

export interface AppointmentView {
  code: string;
  officeId: string;
  officeName: Localized;
  startsAt: string;
  /** Office-local date and time, for the slip: "YYYY-MM-DD", "HH:MM". */
  date: string;
  time: string;
  /** Null once the contact data has been deleted after the retention period. */
  name: string | null;
  phone: string | null;
  email: string | null;
  status: AppointmentStatus;
  /** The ticket issued at check-in. */
  ticketId: number | null;
  createdAt: string;
  /** Set when cancelled: when, why, and the clerk's username. */
  cancelledAt?: string;
  cancelReason?: string | null;
  cancelledBy?: string;
  /** Set when moved to another slot: the slot it was booked for before. */
  rescheduledFrom?: string;
  /** An iCalendar VEVENT of the appointment (no personal data): the slip's QR code adds it to a phone's calendar. */
  calendar: string;
}

export interface CallbackView {
  id: number;
  serviceId: string;
  /** Null once deleted after the retention period. */
  phone: string | null;
  preferredTime: PreferredTime;
  note: string | null;
  /** Where it was taken: `desk` or `kiosk`, and which one. */
  source: 'desk' | 'kiosk';
  sourceId: string | null;
  createdAt: string;
  status: 'open' | 'closed';
  outcome: CallbackOutcome | null;
  closedAt: string | null;
  closedByDeskId: string | null;
  /** Every try to call back, oldest first. */
  attempts: CallbackAttemptView[];
  /** The office's policy.callbackAttempts: the "no-answer" try that reaches it closes the call-back. */
  maxAttempts: number;
}

export interface CallbackAttemptView {
  at: string;
  outcome: CallbackOutcome;
  /** The clerk who tried. */
  username: string;
  deskId: string;
}
