import { getCurrentScope, onScopeDispose, ref, watch, type Ref } from 'vue';

/** Which of `count` items to show, moving to the next every `everyMs` (for the information messages). */
export function useRotation(count: Ref<number>, everyMs = 8000) {
  const index = ref(0);
  const timer = setInterval(() => {
    index.value = count.value > 0 ? (index.value + 1) % count.value : 0;
  }, everyMs);
  watch(count, (n) => {
    if (index.value >= n) index.value = 0;
  });
  if (getCurrentScope()) onScopeDispose(() => clearInterval(timer));
  return index;
}
