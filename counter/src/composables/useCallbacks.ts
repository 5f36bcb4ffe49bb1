import { computed, getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue';
import type { CallbackOutcome, CallbackView, CreateCallback } from '../../../protocol/appointments.ts';
import type { ClientAnswer, ClientError } from '../../../ui/socket.ts';
import { enc, type Api } from '../api.ts';
import { apiUrl } from '../../../ui/office.ts';

/** The socket notices this list listens to (the page's socket; an emitter in tests). */
export interface CallbackNotices {
  on(event: 'callbacks:changed', listener: (e: { open: number }) => void): unknown;
  off(event: 'callbacks:changed', listener: (e: { open: number }) => void): unknown;
}

/**
 * The open call-back requests: fetched at once, again when the hub says the list changed
 * (`callbacks:changed`) and after this desk's own changes. Taking and closing one go through here.
 */
export function useCallbacks(options: { api: Api; notices: CallbackNotices; deskId: string }) {
  const { api, deskId } = options;
  const list = shallowRef<CallbackView[]>([]);
  const loaded = ref(false);
  const error = shallowRef<ClientError | null>(null);
  /** The ids being closed right now (one tap each). */
  const closing = ref<number[]>([]);
  let latest = 0;

  async function refresh() {
    const asked = ++latest;
    const answer = await api.get<{ callbacks: CallbackView[] }>(apiUrl('/api/callbacks?status=open'));
    if (asked !== latest) return;
    if (answer.ok) {
      list.value = answer.data.callbacks;
      loaded.value = true;
      error.value = null;
    } else {
      error.value = answer.error;
    }
  }

  async function create(input: Omit<CreateCallback, 'deskId' | 'kioskId'>): Promise<ClientAnswer<{ callback: CallbackView }>> {
    const answer = await api.post<{ callback: CallbackView }>(apiUrl('/api/callbacks'), { ...input, deskId });
    if (answer.ok) void refresh();
    return answer;
  }

  /** One try at a call-back: "no-answer" before the last allowed try keeps it open (`closed: false`) with the try listed. */
  async function close(id: number, outcome: CallbackOutcome): Promise<ClientAnswer<{ callback: CallbackView; closed: boolean }>> {
    closing.value = [...closing.value, id];
    const answer = await api.post<{ callback: CallbackView; closed: boolean }>(apiUrl(`/api/callbacks/${enc(String(id))}/close`), { outcome, deskId });
    closing.value = closing.value.filter((c) => c !== id);
    // Closed here or by someone else meanwhile (unknown-callback, wrong-state): the list is out of date either way.
    if (answer.ok) {
      const { callback } = answer.data;
      list.value = answer.data.closed === false ? list.value.map((c) => (c.id === id ? callback : c)) : list.value.filter((c) => c.id !== id);
    }
    void refresh();
    return answer;
  }

  const onChanged = () => void refresh();
  options.notices.on('callbacks:changed', onChanged);
  void refresh();
  if (getCurrentScope()) onScopeDispose(() => options.notices.off('callbacks:changed', onChanged));

  return { list, loaded, error, closing, open: computed(() => list.value.length), refresh, create, close };
}

export type Callbacks = ReturnType<typeof useCallbacks>;
