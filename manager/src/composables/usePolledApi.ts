import { getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue';
import type { ClientError } from '../../../ui/socket.ts';
import { useManager } from '../stores/useManager.ts';

/**
 * A document of the hub's API with the manager's session, fetched at once and every `everyMs` while the component
 * that uses it is on screen (leaving the tab stops the polling). A failed round keeps the last answer and says it is stale.
 */
export function usePolledApi<T>(path: string, everyMs = 5000) {
  const api = useManager().session.api;
  const data = shallowRef<T | null>(null);
  const error = shallowRef<ClientError | null>(null);
  const polls = ref(0);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  async function poll(): Promise<void> {
    clearTimeout(timer);
    const answer = await api.get<T>(path);
    if (stopped) return;
    polls.value++;
    if (answer.ok) {
      data.value = answer.data;
      error.value = null;
    } else {
      error.value = answer.error;
    }
    timer = setTimeout(() => void poll(), everyMs);
  }

  function stop() {
    stopped = true;
    clearTimeout(timer);
  }

  void poll();
  if (getCurrentScope()) onScopeDispose(stop);
  return { data, error, polls, refresh: poll, stop };
}
