import { computed, getCurrentScope, onScopeDispose, ref, shallowRef, watch } from 'vue';
import type { CallView } from '../../../protocol/views.ts';
import { callFromChange } from '../../../ui/liveQueue/applyChange.ts';
import { useLiveQueue } from '../../../ui/liveQueue/useLiveQueue.ts';
import type { HubSocket } from '../../../ui/socket.ts';
import { createAnnouncementQueue, type Announcement, type AnnouncerOutputs } from '../announcer/announcementQueue.ts';
import type { SpeechLang } from '../announcer/speechText.ts';
import { useDisplayProfile } from '../composables/useDisplayProfile.ts';
import { callBox } from '../callBox.ts';
import { openDesks, showsCall, visibleCalls, visibleServices } from '../profileFilter.ts';

/** How many calls the display lists (the latest, large, plus the ones before it). */
export const callsShown = 9;
/** How long a new call stays highlighted. */
export const highlightMs = 10_000;
/** A call for a citizen who said "Non sento bene" stays highlighted three times as long, its ear flashing. */
export const hearingHighlightMs = 30_000;

export interface DisplayStoreOptions {
  /** From /display/<id>; null for plain /display (the whole office). */
  displayId: string | null;
  socket: HubSocket;
  sound: AnnouncerOutputs;
}

/**
 * The display's state: the live queue seen through the display's profile, the highlighted latest call
 * and the announcements. Only calls that happen while the display is live are highlighted and spoken;
 * calls caught up through a snapshot (start-up, reconnection, a gap) are shown but never announced.
 */
export function createDisplayStore(options: DisplayStoreOptions) {
  const { socket } = options;
  const live = useLiveQueue({ socket, join: { role: 'display', id: options.displayId ?? 'all' } });
  const { profile, refresh: refreshProfile } = useDisplayProfile(options.displayId);
  live.onChange((c) => { if (c.name === 'office:changed') void refreshProfile(); });

  const snapshot = live.snapshot;
  const calls = computed(() => (profile.value && snapshot.value ? visibleCalls(profile.value, snapshot.value.lastCalls, callsShown) : []));
  /** The call being announced now (null when the announcer is quiet): the big box shows it. */
  const announcing = shallowRef<CallView | null>(null);
  const open = useOpenOnTime(live);
  const box = computed(() => callBox(calls.value, announcing.value, open.value));
  const latest = computed(() => box.value.current);
  const earlier = computed(() => box.value.earlier);
  const services = computed(() => (profile.value && snapshot.value ? visibleServices(profile.value, snapshot.value.services, snapshot.value.desks) : []));
  const desksOpen = computed(() => (profile.value && snapshot.value ? openDesks(profile.value, snapshot.value.desks) : []));
  const languages = computed<SpeechLang[]>(() => {
    const language = profile.value?.language ?? 'it';
    return language === 'it+en' ? ['it', 'en'] : [language];
  });

  /** Counts the live calls this display has highlighted; a change restarts the blink. */
  const flashes = ref(0);
  const highlighted = ref(false);
  const announced = ref(0);
  const lastAnnouncement = shallowRef('');
  let highlightTimer: ReturnType<typeof setTimeout> | undefined;

  function highlight(call: CallView) {
    flashes.value++;
    highlighted.value = true;
    clearTimeout(highlightTimer);
    highlightTimer = setTimeout(() => (highlighted.value = false), call.needs.includes('hearing') ? hearingHighlightMs : highlightMs);
  }

  // A spoken call is highlighted when its announcement starts (with the chime), so the big box always
  // shows the call the room hears; a display that does not speak highlights each call as it comes.
  const announcer = createAnnouncementQueue<Announcement & { call: CallView }>({
    chime: () => options.sound.chime(),
    speak: (text, lang, rate) => options.sound.speak(text, lang, rate),
    get languages() {
      return languages.value;
    },
    onStart(next, texts) {
      announcing.value = next.call;
      highlight(next.call);
      announced.value++;
      lastAnnouncement.value = texts.join(' — ');
    },
    onIdle() {
      announcing.value = null;
    },
  });

  live.onChange((c) => {
    if (c.name !== 'ticket:called' && c.name !== 'ticket:recalled') return;
    const call = callFromChange(c.change, c.name === 'ticket:recalled');
    if (!call || !profile.value || !showsCall(profile.value, call)) return;
    if (profile.value.speak) announcer.announce({ number: call.number, deskName: call.deskName, recall: call.recall, needs: call.needs, call });
    else highlight(call);
  });

  return {
    live, profile, snapshot, latest, earlier, services, desksOpen, languages, flashes, highlighted, announced, lastAnnouncement,
    synced: live.synced,
    open,
  };
}

export type DisplayStore = ReturnType<typeof createDisplayStore>;

/** How long after a closing or opening time the display asks the hub for a fresh snapshot (its clock decides). */
const confirmAfterMs = 1500;

/**
 * Whether the office is open, switching by itself at the closing (and reopening) time the snapshot gave:
 * a quiet evening sends no change, and the last snapshot's `open` would otherwise stay true all night.
 * The timer runs on the hub's clock (the snapshot's `serverTime`, which every change moves on); at the
 * boundary the display flips at once, then asks the hub for a snapshot, whose `open` is the truth.
 */
export function useOpenOnTime(live: Pick<ReturnType<typeof useLiveQueue>, 'snapshot' | 'refresh'>) {
  const flipped = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(
    () => {
      const s = live.snapshot.value;
      return s ? [s.open, s.open ? s.closesAt : s.opensAt, s.serverTime] as const : null;
    },
    (now) => {
      clearTimeout(timer);
      flipped.value = false;
      if (!now) return;
      const [, boundary, serverTime] = now;
      if (!boundary) return;
      const left = Date.parse(boundary) - Date.parse(serverTime);
      const flip = () => {
        flipped.value = true;
        timer = setTimeout(() => void live.refresh(), confirmAfterMs);
      };
      if (left <= 0) flip();
      else timer = setTimeout(flip, left);
    },
    { immediate: true },
  );
  if (getCurrentScope()) onScopeDispose(() => clearTimeout(timer));
  return computed(() => {
    const open = live.snapshot.value?.open ?? true;
    return flipped.value ? !open : open;
  });
}
