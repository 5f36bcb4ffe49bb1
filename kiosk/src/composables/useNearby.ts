import { getCurrentScope, onScopeDispose, shallowRef, watch } from 'vue';
import type { NearbyAnswer } from '../../../protocol/traffic.ts';
import { authHeaders } from '../../../ui/hubToken.ts';

/**
 * The nearby offices with a shorter wait (shared traffic), from the URL `url()` gives (none: nothing asked),
 * asked again when it changes and every `refreshMs`. Only a hint: a failure shows nothing and blocks nothing.
 */
export function useNearby(url: () => string | null, refreshMs = 30_000) {
  const answer = shallowRef<NearbyAnswer | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;

  async function refresh(): Promise<void> {
    clearTimeout(timer);
    const target = url();
    const mine = ++asked;
    if (target === null) return void (answer.value = null);
    try {
      const res = await fetch(target, { cache: 'no-store', headers: authHeaders(), signal: AbortSignal.timeout(5000) });
      const body = res.ok ? ((await res.json()) as NearbyAnswer) : null;
      if (mine === asked) answer.value = body;
    } catch {
      if (mine === asked) answer.value = null;
    }
    if (mine === asked) timer = setTimeout(() => void refresh(), refreshMs);
  }

  watch(url, () => void refresh(), { immediate: true });
  if (getCurrentScope()) onScopeDispose(() => clearTimeout(timer));
  return { answer, refresh };
}
