import type { OfficeConfig } from '../../protocol/office.ts';
import type { AppointmentStore } from '../store/appointmentStore.ts';

/**
 * Why a new config may not drop an appointment office: citizens still hold bookings with it. Bookings
 * count from `since` (now less the check-in grace, so a citizen a few minutes late can still check in).
 * Undefined when every removed office has none.
 */
export async function appointmentOfficeInUse(
  store: Pick<AppointmentStore, 'countBookedFrom'>,
  before: OfficeConfig,
  after: OfficeConfig,
  since: number,
): Promise<string | undefined> {
  const kept = new Set(after.appointmentOffices.map((a) => a.id));
  for (const removed of before.appointmentOffices.filter((a) => !kept.has(a.id))) {
    const booked = await store.countBookedFrom(removed.id, since);
    if (booked > 0) {
      return `The appointment office "${removed.id}" still has ${booked} booked appointment${booked === 1 ? '' : 's'} to come; cancel or move them before removing it.`;
    }
  }
  return undefined;
}
