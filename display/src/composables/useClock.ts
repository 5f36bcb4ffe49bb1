import { getCurrentScope, onScopeDispose, ref } from 'vue';

/** The current time in milliseconds, ticking on each full second. */
export function useClock() {
  const now = ref(Date.now());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = () => {
    now.value = Date.now();
    timer = setTimeout(tick, 1000 - (now.value % 1000) + 5);
  };
  tick();
  if (getCurrentScope()) onScopeDispose(() => clearTimeout(timer));
  return now;
}
