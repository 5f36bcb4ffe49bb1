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
const phone = z
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
    phone: phone.optional(),
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
  phone,
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

export const callbackListQuerySchema = z.strictObject({ status: z.enum(['open', 'closed']).default('open') });

export type SlotsQuery = z.infer<typeof slotsQuerySchema>;
export type BookAppointment = z.input<typeof bookAppointmentSchema>;
export type CheckIn = z.input<typeof checkInSchema>;
export type CreateCallback = z.input<typeof createCallbackSchema>;
export type CloseCallback = z.input<typeof closeCallbackSchema>;

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

export type AppointmentStatus = 'booked' | 'checked-in';

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
}
