import { getCurrentScope, onScopeDispose, ref } from 'vue';

export interface UnlockableSound {
  allowed(): boolean;
  unlock(): Promise<void>;
}

/**
 * Whether the browser still blocks sound (no gesture yet and no autoplay permission), and the one tap
 * that unblocks it: any tap or key anywhere on the page counts.
 */
export function useSoundUnlock(sound: UnlockableSound) {
  const blocked = ref(!sound.allowed());
  const check = () => (blocked.value = !sound.allowed());
  async function unlock() {
    await sound.unlock();
    check();
  }
  const onGesture = () => void unlock();
  window.addEventListener('pointerdown', onGesture);
  window.addEventListener('keydown', onGesture);
  // An audio context allowed to autoplay may still report "suspended" for a moment after creation.
  const timer = setInterval(check, 1000);
  if (getCurrentScope()) {
    onScopeDispose(() => {
      clearInterval(timer);
      window.removeEventListener('pointerdown', onGesture);
      window.removeEventListener('keydown', onGesture);
    });
  }
  return { blocked, unlock };
}
