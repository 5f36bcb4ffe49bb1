import { getCurrentScope, onScopeDispose, ref } from 'vue';

/** The current time, ticking every `everyMs`, corrected by the hub's clock when `offsetMs()` is given. */
export function useNow(everyMs = 15_000, offsetMs: () => number = () => 0) {
  const now = ref(Date.now() + offsetMs());
  const timer = setInterval(() => (now.value = Date.now() + offsetMs()), everyMs);
  if (getCurrentScope()) onScopeDispose(() => clearInterval(timer));
  return now;
}
