import { bookAppointmentSchema, type BookAppointment } from '../../protocol/appointments.ts';

/** Pure helpers of the appointment booking form. */

/** "YYYY-MM-DD" plus `days` (negative goes back), calendar arithmetic in UTC so no clock change bites. */
export function addDays(ymd: string, days: number): string {
  const d = new Date(`${ymd}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface BookingForm {
  officeId: string;
  startsAt: string | null;
  name: string;
  phone: string;
  email: string;
}

export type BookingField = 'name' | 'phone' | 'email' | 'contact' | 'slot' | 'other';

/** The request body for the form: empty phone or e-mail left out. */
export function bookingPayload(form: BookingForm, extra: { fromTicketId?: number; deskId: string }): BookAppointment {
  return {
    officeId: form.officeId,
    startsAt: form.startsAt ?? '',
    name: form.name.trim(),
    ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
    ...(form.email.trim() ? { email: form.email.trim() } : {}),
    ...(extra.fromTicketId !== undefined ? { fromTicketId: extra.fromTicketId } : {}),
    deskId: extra.deskId,
  };
}

/**
 * What is wrong with the form, field by field, checked with the hub's own schema before sending
 * (the hub checks again). Empty when it can be sent.
 */
export function bookingProblems(payload: BookAppointment): Partial<Record<BookingField, string>> {
  const parsed = bookAppointmentSchema.safeParse(payload);
  if (parsed.success) return {};
  const problems: Partial<Record<BookingField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    let key: BookingField = 'other';
    if (field === 'name' || field === 'email') key = field;
    else if (field === 'startsAt' || field === 'officeId') key = 'slot';
    else if (field === 'phone') key = payload.phone === undefined && payload.email === undefined ? 'contact' : 'phone';
    problems[key] ??= issue.message;
  }
  return problems;
}
