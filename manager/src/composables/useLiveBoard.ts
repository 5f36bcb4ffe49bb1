import { getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue';
import type { LiveBoard } from '../../../protocol/reports.ts';
import type { ClientError } from '../../../ui/socket.ts';
import { useManager } from '../stores/useManager.ts';
import { apiUrl } from '../../../ui/office.ts';

/**
 * The live board, fetched at once and every `everyMs` while the component that uses it is on screen
 * (leaving the tab stops the polling). A failed round keeps the last board and says it is stale.
 */
export function useLiveBoard(everyMs = 5000) {
  const api = useManager().session.api;
  const board = shallowRef<LiveBoard | null>(null);
  const error = shallowRef<ClientError | null>(null);
  const polls = ref(0);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  async function poll(): Promise<void> {
    clearTimeout(timer);
    const answer = await api.get<LiveBoard>(apiUrl('/api/reports/live'));
    if (stopped) return;
    polls.value++;
    if (answer.ok) {
      board.value = answer.data;
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
  return { board, error, polls, refresh: poll, stop };
}
