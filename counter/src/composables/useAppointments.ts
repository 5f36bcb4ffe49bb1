import { ref, shallowRef } from 'vue';
import type { AppointmentListView, AppointmentView } from '../../../protocol/appointments.ts';
import type { DeskPrintResult } from '../../../protocol/views.ts';
import type { ClientAnswer, ClientError } from '../../../ui/socket.ts';
import { enc, type Api } from '../api.ts';
import { apiUrl } from '../../../ui/office.ts';

/**
 * The day's appointment list at a desk: one office day (today to begin with), reloaded after each change
 * made here. Cancelling, moving and reprinting go through here; each answers what the hub said.
 */
export function useAppointments(options: { api: Api; deskId: string; today: string }) {
  const { api, deskId } = options;
  const date = ref(options.today);
  const list = shallowRef<AppointmentView[]>([]);
  const state = ref<'loading' | 'ready'>('loading');
  const error = shallowRef<ClientError | null>(null);
  /** The code being changed right now (one action at a time). */
  const working = ref<string | null>(null);
  let latest = 0;

  async function load(day = date.value) {
    const asked = ++latest;
    date.value = day;
    state.value = 'loading';
    const answer = await api.get<AppointmentListView>(apiUrl(`/api/appointments?date=${enc(day)}`));
    if (asked !== latest) return;
    list.value = answer.ok ? answer.data.appointments : [];
    error.value = answer.ok ? null : answer.error;
    state.value = 'ready';
  }

  async function act<T>(code: string, path: string, body: unknown): Promise<ClientAnswer<T>> {
    working.value = code;
    const answer = await api.post<T>(apiUrl(`/api/appointments/${enc(code)}/${path}`), body);
    working.value = null;
    void load();
    return answer;
  }

  return {
    date, list, state, error, working, load,
    cancel: (code: string, reason: string) => act<{ appointment: AppointmentView; print: DeskPrintResult }>(code, 'cancel', { reason: reason.trim(), deskId }),
    reschedule: (code: string, startsAt: string) => act<{ appointment: AppointmentView }>(code, 'reschedule', { startsAt, deskId }),
    print: (code: string) => act<{ print: DeskPrintResult }>(code, 'print', { deskId }),
  };
}

export type Appointments = ReturnType<typeof useAppointments>;
