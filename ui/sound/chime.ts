/**
 * The two-note chime ("ding", then "dong") made with a Web Audio oscillator: no audio files. Shared by
 * the pages that call for attention (the waiting-room display, the back-office desks' busy alert).
 *
 * Browsers start an AudioContext "suspended" until a user gesture unless autoplay is allowed
 * (Chromium's --autoplay-policy=no-user-gesture-required): `allowed()` says which, and `unlock()` is
 * meant to be called from a gesture (a tap, a key).
 */

/** One sine note from `startAt` (AudioContext time) lasting `seconds`, with a soft attack and decay. */
export function tone(audio: BaseAudioContext, frequency: number, startAt: number, seconds: number): void {
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  osc.type = 'sine';
  osc.frequency.value = frequency;
  gain.gain.setValueAtTime(0.0001, startAt);
  gain.gain.exponentialRampToValueAtTime(0.5, startAt + 0.03);
  gain.gain.exponentialRampToValueAtTime(0.0001, startAt + seconds);
  osc.connect(gain).connect(audio.destination);
  osc.start(startAt);
  osc.stop(startAt + seconds + 0.05);
}

/** How long the chime lasts, notes and fade-out included. */
export const chimeMs = 1500;

/** Plays the chime on a running context; resolves when it has finished (at once when the context is not running). */
export function playChime(audio: BaseAudioContext): Promise<void> {
  if (audio.state !== 'running') return Promise.resolve();
  const now = audio.currentTime + 0.05;
  tone(audio, 880, now, 0.6); // "ding"
  tone(audio, 660, now + 0.5, 0.9); // "dong"
  return new Promise((resolve) => setTimeout(resolve, chimeMs));
}

export interface Chime {
  /** Plays the chime; resolves false when the browser blocks sound (no gesture yet) or has no Web Audio. */
  play(): Promise<boolean>;
  /** Whether sound can play now. */
  allowed(): boolean;
  /** Call from a user gesture: lets sound play from then on. */
  unlock(): Promise<void>;
}

/** A chime on its own AudioContext, created at the first use (a context made too early stays suspended). */
export function createChime(): Chime {
  let audio: AudioContext | null = null;
  const context = () => {
    if (!audio && typeof AudioContext !== 'undefined') audio = new AudioContext();
    return audio;
  };
  return {
    allowed: () => context()?.state === 'running',
    async unlock() {
      const ctx = context();
      if (!ctx || ctx.state === 'running') return;
      // Without a gesture some browsers leave resume() pending for good: do not wait on it forever.
      await Promise.race([ctx.resume().catch(() => undefined), new Promise((r) => setTimeout(r, 1000))]);
    },
    async play() {
      const ctx = context();
      if (!ctx) return false;
      // Allowed to autoplay, a new context starts a moment later; blocked, resume() may never settle.
      if (ctx.state !== 'running') await Promise.race([ctx.resume().catch(() => undefined), new Promise((r) => setTimeout(r, 300))]);
      if (ctx.state !== 'running') return false;
      await playChime(ctx);
      return true;
    },
  };
}
