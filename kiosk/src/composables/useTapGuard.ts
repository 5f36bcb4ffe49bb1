import { getCurrentScope, onScopeDispose, ref, watch } from 'vue';
import { createTapGuard, tapQuietMs } from '../tapGuard.ts';

/**
 * Ignores every tap for `tapQuietMs` after the screen changes (`screenName` changes): the second tap of a
 * double tap never answers a question the citizen has not seen. `ready` says when taps count again
 * (the page shows it as `data-taps`, which browser tests wait for).
 */
export function useTapGuard(screenName: () => string) {
  const guard = createTapGuard();
  const ready = ref(true);
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(screenName, () => {
    guard.screenChanged();
    ready.value = false;
    clearTimeout(timer);
    timer = setTimeout(() => (ready.value = true), tapQuietMs);
  }, { flush: 'sync' });

  // Where the last tap landed: the next screen keeps its default answer away from it.
  const lastTap = ref<{ x: number; y: number } | null>(null);
  const pressed = (event: PointerEvent) => { lastTap.value = { x: event.clientX, y: event.clientY }; };
  window.addEventListener('pointerdown', pressed, { capture: true, passive: true });

  const swallow = (event: Event) => {
    if (guard.accepts()) return;
    event.stopImmediatePropagation();
    event.preventDefault();
  };
  window.addEventListener('click', swallow, { capture: true });
  if (getCurrentScope()) {
    onScopeDispose(() => {
      clearTimeout(timer);
      window.removeEventListener('click', swallow, { capture: true });
      window.removeEventListener('pointerdown', pressed, { capture: true });
    });
  }
  return { ready, lastTap };
}
