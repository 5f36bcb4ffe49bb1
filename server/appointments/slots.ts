import type { AppointmentOfficeConfig, OfficeConfig } from '../../protocol/office.ts';
import { hoursOfDay, localInstant, weekdayOf } from '../engine/calendar.ts';

/** The bookable slots of a competent office: pure calendar arithmetic in the office's time zone. */

export interface Slot {
  startsAt: number;
  /** Office-local "HH:MM". */
  time: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/**
 * Every slot of a day (past ones included); none on the office's closed dates or days without hours. On
 * a special day only the slots that begin and end inside that day's hours are kept (none when it is closed).
 */
export function slotsOfDay(office: OfficeConfig, appointmentOffice: AppointmentOfficeConfig, day: string): Slot[] {
  if (office.closedDates.includes(day)) return [];
  const special = office.specialDays.find((d) => d.date === day);
  const fits = (from: number, to: number) =>
    !special || hoursOfDay(office, day).some((h) => from >= minutesOf(h.open) && to <= minutesOf(h.close));
  const slots: Slot[] = [];
  for (const interval of appointmentOffice.hours[weekdayOf(day)] ?? []) {
    const end = minutesOf(interval.close);
    for (let m = minutesOf(interval.open); m + appointmentOffice.slotMinutes <= end; m += appointmentOffice.slotMinutes) {
      if (!fits(m, m + appointmentOffice.slotMinutes)) continue;
      const time = `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
      slots.push({ startsAt: localInstant(day, time, office.timeZone), time });
    }
  }
  return slots;
}

/** The slot that starts at `startsAt`, if it is one of that office-local day's slots. */
export function findSlot(office: OfficeConfig, appointmentOffice: AppointmentOfficeConfig, day: string, startsAt: number): Slot | undefined {
  return slotsOfDay(office, appointmentOffice, day).find((s) => s.startsAt === startsAt);
}
