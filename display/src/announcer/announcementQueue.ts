import type { CallNeed } from '../../../protocol/needs.ts';
import { speechText, type SpeechLang } from './speechText.ts';

/** One call to announce: a first call or a recall (a recall is announced again, saying it is a recall). */
export interface Announcement {
  number: string;
  deskName: string;
  recall: boolean;
  /** The ticket's needs: `sight` is said twice and slower, `escort` names no desk (see speechText). */
  needs?: readonly CallNeed[];
}

/** Speech rate of an ordinary call and of a call for a citizen who said "Non vedo bene". */
export const normalRate = 0.9;
export const slowRate = 0.7;

/** Where the sound goes; the browser's Web Audio and speech synthesis, or a recorder in tests. */
export interface AnnouncerOutputs {
  /** Plays the chime; resolves when it has finished. */
  chime(): Promise<void>;
  /** Says `text` at `rate` (the Web Speech API's: 1 is normal); resolves when it has been said (or given up on). */
  speak(text: string, lang: SpeechLang, rate: number): Promise<void>;
}

export interface AnnouncementQueueOptions<A extends Announcement> extends AnnouncerOutputs {
  /** Said in this order after one chime, e.g. ['it', 'en']. */
  languages: readonly SpeechLang[];
  /**
   * Calls still waiting beyond this many are not said, oldest first (a burst must not talk for minutes); they
   * still get a chime, one for each run of them, so no call goes by in silence.
   */
  maxQueued?: number;
  /**
   * Told when an announcement starts (the screen shows that call, an aria-live region reads the texts);
   * `spoken` is false for a call that only gets the chime.
   */
  onStart?(announcement: A, texts: string[], spoken: boolean): void;
  /** Told when the queue has nothing left to say. */
  onIdle?(): void;
}

interface Entry<A> {
  announcement: A;
  spoken: boolean;
}

/**
 * Announces calls one after another, never two at once: chime, then the text in each language.
 * Calls that arrive while one is being said wait their turn in arrival order. A failing output
 * (no speech engine, a blocked audio context) skips that part and the queue carries on.
 */
export function createAnnouncementQueue<A extends Announcement = Announcement>(options: AnnouncementQueueOptions<A>) {
  const maxQueued = options.maxQueued ?? 6;
  const queue: Entry<A>[] = [];
  let busy = false;
  let drained: Promise<void> = Promise.resolve();

  async function drain() {
    busy = true;
    try {
      while (queue.length > 0) {
        let next = queue.shift()!;
        // A run of calls that only get the chime: one chime, showing the newest of them.
        while (!next.spoken && queue[0] && !queue[0].spoken) next = queue.shift()!;
        const { number, deskName, recall, needs = [] } = next.announcement;
        const texts = options.languages.map((lang) => speechText(number, deskName, lang, recall, needs.includes('escort')));
        options.onStart?.(next.announcement, texts, next.spoken);
        await options.chime().catch(() => undefined);
        if (!next.spoken) continue;
        // "Non vedo bene": the whole announcement twice, slower.
        const sight = needs.includes('sight');
        for (let round = 0; round < (sight ? 2 : 1); round++) {
          for (const [i, lang] of options.languages.entries()) {
            await options.speak(texts[i]!, lang, sight ? slowRate : normalRate).catch(() => undefined);
          }
        }
      }
    } finally {
      busy = false;
      options.onIdle?.();
    }
  }

  return {
    announce(announcement: A): void {
      queue.push({ announcement, spoken: true });
      const spoken = queue.filter((e) => e.spoken);
      for (const e of spoken.slice(0, Math.max(0, spoken.length - maxQueued))) e.spoken = false;
      if (!busy) drained = drain();
    },
    /** Resolves once everything queued so far has been said. */
    idle: (): Promise<void> => drained,
    get pending(): number {
      return queue.length;
    },
    get speaking(): boolean {
      return busy;
    },
  };
}

export type AnnouncementQueue = ReturnType<typeof createAnnouncementQueue>;
