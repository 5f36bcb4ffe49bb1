import { getCurrentScope, onScopeDispose, shallowRef } from 'vue';
import { authHeaders } from './hubToken.ts';

/**
 * A JSON document from the hub, fetched at once and again every `refreshMs`; until the first answer
 * it is retried every `retryMs`. A failed fetch keeps the last good value.
 */
export function usePolledJson<T>(url: string, refreshMs: number, retryMs = 3000) {
  const data = shallowRef<T | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function refresh() {
    clearTimeout(timer);
    try {
      const res = await fetch(url, { cache: 'no-store', headers: authHeaders() });
      if (res.ok) data.value = (await res.json()) as T;
    } catch {
      // Unreachable: keep what we had; the next round tries again.
    }
    timer = setTimeout(() => void refresh(), data.value ? refreshMs : retryMs);
  }
  void refresh();
  if (getCurrentScope()) onScopeDispose(() => clearTimeout(timer));
  return { data, refresh };
}
