import { speechText, type SpeechLang } from './speechText.ts';

/** One call to announce: a first call or a recall (a recall is announced again, saying it is a recall). */
export interface Announcement {
  number: string;
  deskName: string;
  recall: boolean;
}

/** Where the sound goes; the browser's Web Audio and speech synthesis, or a recorder in tests. */
export interface AnnouncerOutputs {
  /** Plays the chime; resolves when it has finished. */
  chime(): Promise<void>;
  /** Says `text`; resolves when it has been said (or given up on). */
  speak(text: string, lang: SpeechLang): Promise<void>;
}

export interface AnnouncementQueueOptions extends AnnouncerOutputs {
  /** Said in this order after one chime, e.g. ['it', 'en']. */
  languages: readonly SpeechLang[];
  /** Calls still waiting beyond this many are dropped, oldest first (a burst must not talk for minutes). */
  maxQueued?: number;
  /** Told when an announcement starts, e.g. for an aria-live region. */
  onStart?(announcement: Announcement, texts: string[]): void;
}

/**
 * Announces calls one after another, never two at once: chime, then the text in each language.
 * Calls that arrive while one is being said wait their turn in arrival order. A failing output
 * (no speech engine, a blocked audio context) skips that part and the queue carries on.
 */
export function createAnnouncementQueue(options: AnnouncementQueueOptions) {
  const maxQueued = options.maxQueued ?? 6;
  const queue: Announcement[] = [];
  let busy = false;
  let drained: Promise<void> = Promise.resolve();

  async function drain() {
    busy = true;
    try {
      while (queue.length > 0) {
        const next = queue.shift()!;
        const texts = options.languages.map((lang) => speechText(next.number, next.deskName, lang, next.recall));
        options.onStart?.(next, texts);
        await options.chime().catch(() => undefined);
        for (const [i, lang] of options.languages.entries()) {
          await options.speak(texts[i]!, lang).catch(() => undefined);
        }
      }
    } finally {
      busy = false;
    }
  }

  return {
    announce(announcement: Announcement): void {
      queue.push(announcement);
      while (queue.length > maxQueued) queue.shift();
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
