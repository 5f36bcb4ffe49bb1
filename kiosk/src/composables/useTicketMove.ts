import { computed, ref, shallowRef, watch } from 'vue';
import type { MoveAnswer } from '../../../protocol/traffic.ts';
import { apiUrl } from '../../../ui/office.ts';
import { authHeaders } from '../../../ui/hubToken.ts';
import { elsewhereOffices } from '../elsewhere.ts';
import { postJson } from '../postJson.ts';
import { useNearby } from './useNearby.ts';

/**
 * The phone's side of shared traffic: the nearby offices while the ticket waits, moving the ticket to one
 * (then the page opens the new ticket's link), and where a moved ticket went when its old link is opened.
 */
export function useTicketMove(ticketId: number, key: string, status: () => string | undefined) {
  const query = `?key=${encodeURIComponent(key)}`;
  const nearby = useNearby(() => (status() === 'waiting' ? apiUrl(`/api/tickets/${ticketId}/nearby${query}`) : null));
  const offices = computed(() => elsewhereOffices(nearby.answer.value?.offices));
  const moving = ref<string | null>(null);
  const failed = ref(false);
  const movedTo = shallowRef<MoveAnswer | null>(null);

  async function move(officeId: string): Promise<void> {
    if (moving.value !== null) return;
    moving.value = officeId;
    failed.value = false;
    const answer = await postJson<MoveAnswer>(apiUrl(`/api/tickets/${ticketId}/move${query}`), { officeId });
    moving.value = null;
    if (!answer.ok) {
      failed.value = true;
      void nearby.refresh();
      return;
    }
    movedTo.value = answer.data;
    // The new ticket's own page; back returns here, where the old ticket says where it went.
    location.assign(answer.data.statusPath);
  }

  // An old link of a moved ticket: say where it went, with the new link.
  watch(status, async (s) => {
    if (s !== 'cancelled' || movedTo.value) return;
    try {
      const res = await fetch(apiUrl(`/api/tickets/${ticketId}/move${query}`), { cache: 'no-store', headers: authHeaders() });
      if (res.ok) movedTo.value = (await res.json()) as MoveAnswer;
    } catch {
      // Unreachable: the page still says the ticket was cancelled.
    }
  }, { immediate: true });

  return { offices, moving, failed, movedTo, move };
}
