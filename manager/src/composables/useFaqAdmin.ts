import { shallowRef } from 'vue';
import type { FaqAnswer, FaqAnswerInput, FaqList } from '../../../protocol/faq.ts';
import { apiUrl } from '../../../ui/office.ts';
import type { ClientError } from '../../../ui/socket.ts';
import { useManager } from '../stores/useManager.ts';

/** The network's shared answers for their editor (network admins): the list, saving one, removing one. */
export function useFaqAdmin() {
  const manager = useManager();
  const api = manager.session.api;
  const answers = shallowRef<FaqAnswer[]>([]);
  const loadError = shallowRef<ClientError | null>(null);
  const saving = shallowRef(false);

  async function load() {
    const answer = await api.get<FaqList>(apiUrl('/api/network/faq?limit=200'));
    loadError.value = answer.ok ? null : answer.error;
    if (answer.ok) answers.value = answer.data.answers;
  }

  async function done(answer: { ok: true } | { ok: false; error: ClientError }, said: string): Promise<boolean> {
    saving.value = false;
    if (!answer.ok) {
      manager.sayError(answer.error);
      return false;
    }
    manager.say('ok', said);
    await load();
    return true;
  }

  async function save(id: number | null, input: FaqAnswerInput): Promise<boolean> {
    saving.value = true;
    const path = apiUrl(id === null ? '/api/network/faq' : `/api/network/faq/${id}`);
    return done(id === null ? await api.post<FaqAnswer>(path, input) : await api.put<FaqAnswer>(path, input), 'faq.saved');
  }

  async function remove(id: number): Promise<boolean> {
    saving.value = true;
    return done(await api.delete(apiUrl(`/api/network/faq/${id}`)), 'faq.removed');
  }

  void load();
  return { answers, loadError, saving, save, remove };
}
