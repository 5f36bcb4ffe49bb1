import { randomInt } from 'node:crypto';
import { appointmentCodeAlphabet } from '../../protocol/appointments.ts';
import type { Database } from './db.ts';
import { isUniqueViolation } from './dialect.ts';

export interface AppointmentRow {
  code: string;
  office_id: string;
  starts_at: number;
  name: string | null;
  phone: string | null;
  email: string | null;
  status: 'booked' | 'checked-in';
  ticket_id: number | null;
  from_ticket_id: number | null;
  desk_id: string | null;
  created_at: number;
  cancelled_at: number | null;
  cancel_reason: string | null;
  /** The username of the clerk who cancelled it. */
  cancelled_by: string | null;
  rescheduled_from: number | null;
  rescheduled_at: number | null;
}

export interface NewAppointment {
  officeId: string;
  startsAt: number;
  name: string;
  phone: string | null;
  email: string | null;
  fromTicketId: number | null;
  deskId: string | null;
  createdAt: number;
}

export function newAppointmentCode(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += appointmentCodeAlphabet[randomInt(appointmentCodeAlphabet.length)];
  return code;
}


/** Appointments in SQLite. A slot is never booked past its capacity: the check and the insert are one statement. */
export class AppointmentStore {
  constructor(private readonly db: Database) {}

  /** Books a place in the slot and returns its code, or undefined when the slot is full. */
  async book(a: NewAppointment, perSlot: number): Promise<string | undefined> {
    for (let attempt = 0; ; attempt++) {
      const code = newAppointmentCode();
      try {
        const { changes } = await this.db.run(
          `INSERT INTO appointments (code, office_id, starts_at, name, phone, email, from_ticket_id, desk_id, created_at)
           SELECT ?, ?, CAST(? AS BIGINT), ?, ?, ?, CAST(? AS BIGINT), ?, CAST(? AS BIGINT)
           WHERE (SELECT COUNT(*) FROM appointments WHERE office_id = ? AND starts_at = ? AND cancelled_at IS NULL) < ?`,
          [code, a.officeId, a.startsAt, a.name, a.phone, a.email, a.fromTicketId, a.deskId, a.createdAt, a.officeId, a.startsAt, perSlot],
        );
        return changes === 1 ? code : undefined;
      } catch (err) {
        // 23^6 codes: a clash is rare; try another code a few times.
        if (!isUniqueViolation(err) || attempt >= 5) throw err;
      }
    }
  }

  find(code: string): Promise<AppointmentRow | undefined> {
    return this.db.get<AppointmentRow>('SELECT * FROM appointments WHERE code = ?', [code]);
  }

  /** Booked places per slot start of an office between two instants. */
  async bookedPerSlot(officeId: string, from: number, to: number): Promise<Map<number, number>> {
    const rows = await this.db.all<{ starts_at: number; n: number }>(
      'SELECT starts_at, COUNT(*) AS n FROM appointments WHERE office_id = ? AND starts_at >= ? AND starts_at < ? AND cancelled_at IS NULL GROUP BY starts_at',
      [officeId, from, to],
    );
    return new Map(rows.map((r) => [r.starts_at, r.n]));
  }

  /** How many appointments of an office are still booked (not checked in, not cancelled) from `from` on. */
  async countBookedFrom(officeId: string, from: number): Promise<number> {
    const row = await this.db.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM appointments WHERE office_id = ? AND starts_at >= ? AND status = 'booked' AND cancelled_at IS NULL",
      [officeId, from],
    );
    return row?.n ?? 0;
  }

  /** The appointments (cancelled ones included) starting between two instants, of one office or all, by time. */
  list(from: number, to: number, officeId?: string): Promise<AppointmentRow[]> {
    return officeId === undefined
      ? this.db.all<AppointmentRow>('SELECT * FROM appointments WHERE starts_at >= ? AND starts_at < ? ORDER BY starts_at, code', [from, to])
      : this.db.all<AppointmentRow>('SELECT * FROM appointments WHERE office_id = ? AND starts_at >= ? AND starts_at < ? ORDER BY starts_at, code', [officeId, from, to]);
  }

  /** Cancels a booked (not checked-in, not cancelled) appointment; false when it was not. */
  async cancel(code: string, reason: string, username: string, now: number): Promise<boolean> {
    const { changes } = await this.db.run(
      "UPDATE appointments SET cancelled_at = ?, cancel_reason = ?, cancelled_by = ? WHERE code = ? AND status = 'booked' AND cancelled_at IS NULL",
      [now, reason, username, code],
    );
    return changes === 1;
  }

  /**
   * Moves a booked appointment to another slot of its office, only while that slot has a place left: the
   * check and the move are one statement, as for a booking. False when the slot is full or the
   * appointment is no longer booked.
   */
  async reschedule(code: string, startsAt: number, perSlot: number, now: number): Promise<boolean> {
    const { changes } = await this.db.run(
      `UPDATE appointments SET rescheduled_from = starts_at, starts_at = ?, rescheduled_at = ?
       WHERE code = ? AND status = 'booked' AND cancelled_at IS NULL AND starts_at <> ?
         AND (SELECT COUNT(*) FROM appointments o WHERE o.office_id = appointments.office_id AND o.starts_at = ? AND o.cancelled_at IS NULL) < ?`,
      [startsAt, now, code, startsAt, startsAt, perSlot],
    );
    return changes === 1;
  }

  async markCheckedIn(code: string, ticketId: number): Promise<void> {
    await this.db.run("UPDATE appointments SET status = 'checked-in', ticket_id = ? WHERE code = ?", [ticketId, code]);
  }

  async countBookedBy(deskId: string, from: number, to: number): Promise<number> {
    const row = await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM appointments WHERE desk_id = ? AND created_at >= ? AND created_at < ?', [deskId, from, to]);
    return row?.n ?? 0;
  }

  /** Deletes the contact data of appointments that started before `before`. Returns how many. */
  async forgetContactsBefore(before: number, now: number): Promise<number> {
    const { changes } = await this.db.run(
      'UPDATE appointments SET name = NULL, phone = NULL, email = NULL, cancel_reason = NULL, contact_deleted_at = ? WHERE starts_at < ? AND contact_deleted_at IS NULL',
      [now, before],
    );
    return changes;
  }
}
