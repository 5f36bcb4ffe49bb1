import { getCurrentScope, onScopeDispose, ref } from 'vue';

/** Seconds left before `onDone`; `restart` starts again (e.g. after a touch), `stop` cancels. */
export function useCountdown(onDone: () => void) {
  const left = ref(0);
  let timer: ReturnType<typeof setInterval> | undefined;

  function stop() {
    clearInterval(timer);
    timer = undefined;
  }
  function restart(seconds: number) {
    stop();
    left.value = seconds;
    timer = setInterval(() => {
      left.value -= 1;
      if (left.value <= 0) {
        stop();
        onDone();
      }
    }, 1000);
  }
  if (getCurrentScope()) onScopeDispose(stop);
  return { left, restart, stop };
}
