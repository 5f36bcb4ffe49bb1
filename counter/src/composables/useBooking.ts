import { computed, reactive, ref, shallowRef } from 'vue';
import type { AppointmentOfficeView, AppointmentView, SlotsView, SlotView } from '../../../protocol/appointments.ts';
import type { DeskPrintResult } from '../../../protocol/views.ts';
import type { ClientError } from '../../../ui/socket.ts';
import { enc, type Api } from '../api.ts';
import { addDays, bookingPayload, bookingProblems, type BookingField, type BookingForm } from '../booking.ts';
import { apiUrl } from '../../../ui/office.ts';

export interface BookingOptions {
  api: Api;
  deskId: string;
  /** The ticket being served: the appointment comes from it. */
  ticketId?: number;
  /** Its service, to preselect the office whose queue it is. */
  serviceId?: string;
  /** The office day ("YYYY-MM-DD"): no booking before it. */
  today: string;
  /** How many days ahead to look for the first free slot. */
  searchDays?: number;
  /** What is already known of the citizen (a call-back's phone number). */
  prefill?: { name?: string; phone?: string };
}

/**
 * The booking form of a second-level request: the competent office, a day (the first with free slots
 * to begin with), a free slot, the citizen's name and contact; then the booked appointment and its slip.
 */
export function useBooking(options: BookingOptions) {
  const { api } = options;
  const offices = shallowRef<AppointmentOfficeView[]>([]);
  const date = ref(options.today);
  const slots = shallowRef<SlotView[]>([]);
  const slotsState = ref<'loading' | 'searching' | 'ready'>('loading');
  const form = reactive<BookingForm>({ officeId: '', startsAt: null, name: options.prefill?.name ?? '', phone: options.prefill?.phone ?? '', email: '' });
  const problems = shallowRef<Partial<Record<BookingField, string>>>({});
  /** Why offices or booking failed (slot-taken stays shown while the slots reload). */
  const error = shallowRef<ClientError | null>(null);
  const slotsError = shallowRef<ClientError | null>(null);
  const working = ref(false);
  const appointment = shallowRef<AppointmentView | null>(null);
  const printing = ref(false);
  const printed = shallowRef<DeskPrintResult | ClientError | null>(null);
  let latest = 0;

  const canGoBack = computed(() => date.value > options.today);

  async function fetchSlots(day: string): Promise<SlotView[] | ClientError> {
    const answer = await api.get<SlotsView>(apiUrl(`/api/appointments/slots?officeId=${enc(form.officeId)}&date=${enc(day)}`));
    return answer.ok ? answer.data.slots : answer.error;
  }

  /** Shows one day's slots; a slot chosen before stays chosen only while it is still free. */
  async function loadSlots(day = date.value) {
    const asked = ++latest;
    date.value = day;
    slotsState.value = 'loading';
    const result = await fetchSlots(day);
    if (asked !== latest) return;
    applySlots(result);
  }

  function applySlots(result: SlotView[] | ClientError) {
    slots.value = Array.isArray(result) ? result : [];
    slotsError.value = Array.isArray(result) ? null : result;
    if (!slots.value.some((s) => s.startsAt === form.startsAt && s.free > 0)) form.startsAt = null;
    slotsState.value = 'ready';
  }

  /** Goes to the first day from today with a free slot (today's when none is found in the search window). */
  async function findFirstFreeDay() {
    const asked = ++latest;
    slotsState.value = 'searching';
    for (let i = 0; i < (options.searchDays ?? 14); i++) {
      const day = addDays(options.today, i);
      const result = await fetchSlots(day);
      if (asked !== latest) return;
      if (!Array.isArray(result) || result.some((s) => s.free > 0)) {
        date.value = day;
        return applySlots(result);
      }
    }
    await loadSlots(options.today);
  }

  async function start() {
    const answer = await api.get<{ offices: AppointmentOfficeView[] }>(apiUrl('/api/appointments/offices'));
    if (!answer.ok) {
      error.value = answer.error;
      slotsState.value = 'ready';
      return;
    }
    offices.value = answer.data.offices;
    const first = offices.value.find((o) => o.serviceId === options.serviceId) ?? offices.value[0];
    if (!first) return void (slotsState.value = 'ready');
    form.officeId = first.id;
    await findFirstFreeDay();
  }

  function chooseOffice(id: string) {
    form.officeId = id;
    form.startsAt = null;
    void findFirstFreeDay();
  }

  function shiftDay(days: number) {
    const next = addDays(date.value, days);
    if (next >= options.today) void loadSlots(next);
  }

  async function book(): Promise<AppointmentView | null> {
    if (working.value || appointment.value) return appointment.value;
    const payload = bookingPayload(form, { deskId: options.deskId, ...(options.ticketId !== undefined ? { fromTicketId: options.ticketId } : {}) });
    problems.value = bookingProblems(payload);
    error.value = null;
    if (Object.keys(problems.value).length > 0) return null;
    working.value = true;
    const answer = await api.post<{ appointment: AppointmentView }>(apiUrl('/api/appointments'), payload);
    working.value = false;
    if (answer.ok) return (appointment.value = answer.data.appointment);
    error.value = answer.error;
    if (answer.error.code === 'validation-failed') problems.value = { other: answer.error.message };
    if (answer.error.code === 'slot-taken') void loadSlots();
    return null;
  }

  async function print() {
    if (!appointment.value || printing.value) return;
    printing.value = true;
    const answer = await api.post<{ print: DeskPrintResult }>(apiUrl(`/api/appointments/${enc(appointment.value.code)}/print`), { deskId: options.deskId });
    printing.value = false;
    printed.value = answer.ok ? answer.data.print : answer.error;
  }

  return {
    offices, date, slots, slotsState, slotsError, form, problems, error, working, appointment, printing, printed, canGoBack,
    start, chooseOffice, shiftDay, loadSlots, book, print,
  };
}

export type Booking = ReturnType<typeof useBooking>;
