import { computed, getCurrentScope, onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';
import type { FaqAnswer, FaqList } from '../../../protocol/faq.ts';
import type { TicketView } from '../../../protocol/views.ts';
import { apiUrl } from '../../../ui/office.ts';
import type { ClientError } from '../../../ui/socket.ts';
import { enc, type Api } from '../api.ts';
import { serviceFirst } from '../faqOrder.ts';

/** How long typing pauses before the hub is asked. */
const typingPauseMs = 250;

/**
 * The "Risposte" panel's data: the shared answers that match what the clerk types, the current ticket's
 * service first; with nothing typed, that service's answers (and the general ones). `markUsed` counts a use.
 */
export function useFaq(api: Api, ticket: Ref<Pick<TicketView, 'id' | 'serviceId'> | null>) {
  const serviceId = computed(() => ticket.value?.serviceId);
  const query = ref('');
  const found = shallowRef<FaqAnswer[]>([]);
  const error = shallowRef<ClientError | null>(null);
  const loading = ref(false);
  /** The answers counted as used during this ticket (cleared at the next ticket), so a double click counts once. */
  const used = ref(new Set<number>());
  let latest = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function search() {
    const asked = ++latest;
    const q = query.value.trim();
    const params = q ? `q=${enc(q)}` : serviceId.value ? `serviceId=${enc(serviceId.value)}` : '';
    loading.value = true;
    const answer = await api.get<FaqList>(apiUrl(`/api/network/faq${params ? `?${params}` : ''}`));
    if (asked !== latest) return; // a newer search is on its way
    loading.value = false;
    if (answer.ok) {
      found.value = answer.data.answers;
      error.value = null;
    } else error.value = answer.error;
  }

  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void search(), typingPauseMs);
  };
  watch(query, soon);
  watch(() => ticket.value?.id, () => (used.value = new Set()));
  watch(serviceId, () => void search());
  void search();
  if (getCurrentScope()) onScopeDispose(() => clearTimeout(timer));

  async function markUsed(id: number): Promise<ClientError | null> {
    if (used.value.has(id)) return null;
    const answer = await api.post<{ answerId: number; day: string }>(apiUrl(`/api/faq/${id}/used`));
    if (!answer.ok) return answer.error;
    used.value = new Set([...used.value, id]);
    return null;
  }

  const answers = computed(() => serviceFirst(found.value, serviceId.value));
  return { query, answers, error, loading, used, search, markUsed };
}
