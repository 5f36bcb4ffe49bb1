import { playChime } from '../../../ui/sound/chime.ts';
import type { AnnouncerOutputs } from './announcementQueue.ts';
import type { SpeechLang } from './speechText.ts';

const voiceLang: Record<SpeechLang, string> = { it: 'it-IT', en: 'en-GB' };

/**
 * The browser's sound: the shared two-note chime (ui/sound/chime.ts) and the speech synthesis voices.
 * Browsers start audio "suspended" until a user gesture unless autoplay is allowed (Chromium's
 * --autoplay-policy=no-user-gesture-required): `allowed()` says which, `unlock()` is called from the gesture.
 */
export function createBrowserSound(): AnnouncerOutputs & { allowed(): boolean; unlock(): Promise<void> } {
  const AudioCtor = typeof AudioContext === 'undefined' ? null : AudioContext;
  const audio = AudioCtor ? new AudioCtor() : null;
  const synth = typeof speechSynthesis === 'undefined' ? null : speechSynthesis;

  return {
    allowed: () => audio?.state === 'running',
    async unlock() {
      await audio?.resume().catch(() => undefined);
      // Speech synthesis is unlocked by speaking once inside the gesture.
      synth?.speak(new SpeechSynthesisUtterance(' '));
    },
    chime() {
      return audio ? playChime(audio) : Promise.resolve();
    },
    speak(text, lang, rate) {
      if (!synth) return Promise.resolve();
      return new Promise((resolve) => {
        const utterance = new SpeechSynthesisUtterance(text);
        utterance.lang = voiceLang[lang];
        utterance.rate = rate;
        const voice = synth.getVoices().find((v) => v.lang.replace('_', '-').startsWith(voiceLang[lang].slice(0, 2)));
        if (voice) utterance.voice = voice;
        // Some engines never fire `end` (no voice installed, a stalled queue): give up after a while.
        const timer = setTimeout(done, 2000 + (text.length * 150) / rate);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        utterance.onend = done;
        utterance.onerror = done;
        synth.speak(utterance);
      });
    },
  };
}
