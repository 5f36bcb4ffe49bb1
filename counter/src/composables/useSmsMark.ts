import { shallowRef, watch, type Ref } from 'vue';
import type { TicketView } from '../../../protocol/views.ts';
import { apiUrl } from '../../../ui/office.ts';
import type { Api } from '../api.ts';

/** Whether the citizen of the desk's ticket asked for an SMS at the kiosk, and when it was sent (null: not yet). */
export interface SmsMark {
  requested: boolean;
  notifiedAt: string | null;
}

/** The SMS mark of the desk's current ticket, read from the hub each time the ticket changes. */
export function useSmsMark(api: Api, current: Ref<TicketView | null>) {
  const mark = shallowRef<SmsMark | null>(null);
  watch(() => current.value?.id ?? null, async (id) => {
    mark.value = null;
    if (id === null) return;
    const answer = await api.get<SmsMark>(apiUrl(`/api/tickets/${id}/sms`));
    if (answer.ok && current.value?.id === id && answer.data.requested) mark.value = answer.data;
  }, { immediate: true });
  return mark;
}
