import { getCurrentScope, onScopeDispose, ref, watch, type Ref } from 'vue';
import { idleAction, type IdleTimings } from '../idlePolicy.ts';

export interface UseIdleOptions {
  timings: IdleTimings;
  screenName: () => string;
  busy: () => boolean;
  locale: Ref<string>;
  home: () => void;
}

/**
 * Applies the idle rule (see idlePolicy.ts): a touch or a key, or a new screen, starts the quiet spell
 * again. `warning` is the seconds left while the page asks "Sei ancora lì?", otherwise null.
 */
export function useIdle(options: UseIdleOptions) {
  const { timings, screenName, busy, locale, home } = options;
  const warning = ref<number | null>(null);
  let last = Date.now();
  // A press restarts the quiet spell but leaves the question up until its click arrives (`touched`):
  // taken away at the press, the click would land on the button beneath it.
  const pressed = () => { last = Date.now(); };
  const touched = () => {
    pressed();
    warning.value = null;
  };
  watch(screenName, touched);
  window.addEventListener('pointerdown', pressed, { capture: true, passive: true });
  window.addEventListener('keydown', pressed, { capture: true });

  const timer = setInterval(() => {
    const idleMs = Date.now() - last;
    const action = idleAction({ screen: screenName(), locale: locale.value, busy: busy(), idleMs }, timings);
    if (action.kind === 'warn') warning.value = action.secondsLeft;
    else if (idleMs > 1000) warning.value = null;
    if (action.kind === 'home') {
      home();
      touched();
    } else if (action.kind === 'italian') {
      locale.value = 'it';
      touched();
    }
  }, 250);

  if (getCurrentScope()) {
    onScopeDispose(() => {
      clearInterval(timer);
      window.removeEventListener('pointerdown', pressed, { capture: true });
      window.removeEventListener('keydown', pressed, { capture: true });
    });
  }
  return { warning, touched };
}
