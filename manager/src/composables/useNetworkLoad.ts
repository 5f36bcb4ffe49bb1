import { getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue';
import type { NetworkLoad } from '../../../protocol/traffic.ts';
import type { ClientError } from '../../../ui/socket.ts';
import { useManager } from '../stores/useManager.ts';

/**
 * Every office's load (`/api/network/load`, a network route: asked as it is, from any office's page), at once
 * and every `everyMs` while the Sala controllo tab is on screen. A failed round keeps the last board and says it is stale.
 */
export function useNetworkLoad(everyMs = 5000) {
  const api = useManager().session.api;
  const load = shallowRef<NetworkLoad | null>(null);
  const error = shallowRef<ClientError | null>(null);
  const polls = ref(0);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  async function poll(): Promise<void> {
    clearTimeout(timer);
    const answer = await api.get<NetworkLoad>('/api/network/load');
    if (stopped) return;
    polls.value++;
    if (answer.ok) {
      load.value = answer.data;
      error.value = null;
    } else error.value = answer.error;
    timer = setTimeout(() => void poll(), everyMs);
  }

  function stop() {
    stopped = true;
    clearTimeout(timer);
  }

  void poll();
  if (getCurrentScope()) onScopeDispose(stop);
  return { load, error, polls, refresh: poll, stop };
}
