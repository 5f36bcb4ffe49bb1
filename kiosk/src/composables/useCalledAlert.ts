import { getCurrentScope, onScopeDispose, watch, type Ref } from 'vue';

/** The call's vibration; `longPattern` for a citizen who said "Non sento bene" (about 6 s instead of 1.8 s). */
export const shortPattern = [400, 200, 400, 200, 400];
export const longPattern = [1000, 300, 1000, 300, 1000, 300, 1000, 300, 1000];

interface WakeLockSentinelLike { release(): Promise<void>; released: boolean }
interface WakeLockLike { request(type: 'screen'): Promise<WakeLockSentinelLike> }

/**
 * What the phone does so the citizen does not miss the call: keeps the screen on while the page is open
 * (Screen Wake Lock, taken again when the page comes back to the front), and when `called` turns true
 * it vibrates (longer with `longVibration`), plays a short tone if the page was touched once (browsers allow sound only after a
 * touch), and flashes the title with `alertTitle` until the page is looked at and touched. `called` is null
 * while the ticket is not called, else a key that changes with each call (a recall alerts again).
 */
export function useCalledAlert(called: Ref<string | null>, alertTitle: Ref<string>, title: Ref<string>, options: { longVibration?: Ref<boolean> } = {}) {
  let audio: AudioContext | undefined;
  let flashing: ReturnType<typeof setInterval> | undefined;
  let lock: WakeLockSentinelLike | undefined;

  const unlockSound = () => {
    try {
      audio ??= new AudioContext();
      void audio.resume();
    } catch {
      audio = undefined; // no Web Audio here: the vibration and the title still tell
    }
  };
  document.addEventListener('pointerdown', unlockSound, { once: true });

  async function keepAwake() {
    const wakeLock = (navigator as Navigator & { wakeLock?: WakeLockLike }).wakeLock;
    if (!wakeLock || document.visibilityState !== 'visible' || (lock && !lock.released)) return;
    lock = await wakeLock.request('screen').catch(() => undefined);
  }
  const onVisible = () => void keepAwake();
  document.addEventListener('visibilitychange', onVisible);
  void keepAwake();

  function beep() {
    if (!audio || audio.state !== 'running') return;
    for (const [at, freq] of [[0, 880], [0.35, 1175]] as const) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.25, audio.currentTime + at);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + at + 0.3);
      osc.connect(gain).connect(audio.destination);
      osc.start(audio.currentTime + at);
      osc.stop(audio.currentTime + at + 0.3);
    }
  }

  function stopFlashing() {
    clearInterval(flashing);
    flashing = undefined;
    document.title = title.value;
  }

  watch(called, (now, before) => {
    if (now === null) return stopFlashing();
    if (before === now) return;
    navigator.vibrate?.(options.longVibration?.value ? longPattern : shortPattern);
    beep();
    let on = true;
    document.title = alertTitle.value;
    clearInterval(flashing);
    flashing = setInterval(() => {
      on = !on;
      document.title = on ? alertTitle.value : title.value;
    }, 1000);
    document.addEventListener('pointerdown', stopFlashing, { once: true });
  });
  watch(title, (t) => {
    if (!flashing) document.title = t;
  }, { immediate: true });

  if (getCurrentScope()) {
    onScopeDispose(() => {
      clearInterval(flashing);
      void lock?.release().catch(() => undefined);
      document.removeEventListener('visibilitychange', onVisible);
      document.removeEventListener('pointerdown', unlockSound);
    });
  }
}
