import { getCurrentScope, onScopeDispose, shallowRef } from 'vue';
import type { DeskTodayView } from '../../../protocol/views.ts';
import type { ClientError } from '../../../ui/socket.ts';
import { enc, type Api } from '../api.ts';
import { apiUrl } from '../../../ui/office.ts';

/** The desk's counters for today, fetched at once, every `refreshMs` and whenever `refresh()` is called. */
export function useDeskToday(api: Api, deskId: string, refreshMs = 60_000) {
  const today = shallowRef<DeskTodayView | null>(null);
  const error = shallowRef<ClientError | null>(null);
  let latest = 0;

  async function refresh() {
    const asked = ++latest;
    const answer = await api.get<DeskTodayView>(apiUrl(`/api/desks/${enc(deskId)}/today`));
    if (asked !== latest) return; // a newer request is on its way: its answer is the one to show
    if (answer.ok) {
      today.value = answer.data;
      error.value = null;
    } else {
      error.value = answer.error; // keep the last good figures
    }
  }

  void refresh();
  const timer = setInterval(() => void refresh(), refreshMs);
  if (getCurrentScope()) onScopeDispose(() => clearInterval(timer));
  return { today, error, refresh };
}
