import { getCurrentScope, onScopeDispose } from 'vue';

/** Calls `onIdle` when `active()` and nobody has touched the screen for `idleMs`. */
export function useIdleReturn(active: () => boolean, onIdle: () => void, idleMs: number) {
  let last = Date.now();
  const touched = () => (last = Date.now());
  window.addEventListener('pointerdown', touched, { passive: true });
  const timer = setInterval(() => {
    if (active() && Date.now() - last >= idleMs) {
      touched();
      onIdle();
    }
  }, 1000);
  if (getCurrentScope()) {
    onScopeDispose(() => {
      clearInterval(timer);
      window.removeEventListener('pointerdown', touched);
    });
  }
}
