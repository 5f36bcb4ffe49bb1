import { getCurrentScope, onScopeDispose } from 'vue';
import type { Chime } from '../../../ui/sound/chime.ts';

/** Unlocks the chime on the first tap or key of the page (and again on later ones while still blocked). */
export function useSoundUnlock(chime: Chime) {
  const onGesture = () => {
    if (!chime.allowed()) void chime.unlock();
  };
  window.addEventListener('pointerdown', onGesture);
  window.addEventListener('keydown', onGesture);
  if (getCurrentScope()) {
    onScopeDispose(() => {
      window.removeEventListener('pointerdown', onGesture);
      window.removeEventListener('keydown', onGesture);
    });
  }
}
