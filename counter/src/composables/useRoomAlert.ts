import { computed, ref, watch, type Ref } from 'vue';
import type { DeskView, QueueSnapshot } from '../../../protocol/views.ts';
import { busyAlertDue } from '../deskQueue.ts';
import type { LiveChange } from '../../../ui/liveQueue/useLiveQueue.ts';

export interface RoomAlertOptions {
  snapshot: Readonly<Ref<QueueSnapshot | null>>;
  desk: Readonly<Ref<DeskView | null>>;
  onChange(listener: (c: LiveChange) => void): unknown;
  /** Plays the alert sound; resolves whether it could (a browser may block sound). */
  chime?: () => Promise<boolean>;
}

/**
 * The back-office desk's busy-room alert and calm-room offer.
 * - busy: the room is busy (a `room:busy`, or `roomBusy` in the snapshot on joining) while this back desk
 *   is in back mode: shown and chimed once each time it appears; "not now" hides it until the next busy.
 * - calm: after a `room:calm`, a back desk open to the public is offered to go back to its back-office work.
 */
export function useRoomAlert(options: RoomAlertOptions) {
  const busyDismissed = ref(false);
  const calmSeen = ref(false);
  /** How many times the chime actually played (a test hook and a diagnostic: 0 means sound is blocked). */
  const chimes = ref(0);
  /** Each busy spell (joining, then every room:busy) is chimed once, even when changes come faster than a render. */
  const spell = ref(1);

  const busy = computed(() => busyAlertDue(options.snapshot.value, options.desk.value) && !busyDismissed.value);
  const calm = computed(() => {
    const desk = options.desk.value;
    return calmSeen.value && !options.snapshot.value?.roomBusy && desk?.kind === 'back' && desk.mode === 'front';
  });

  options.onChange((c) => {
    if (c.name === 'room:busy') {
      spell.value++;
      busyDismissed.value = false;
      calmSeen.value = false;
    } else if (c.name === 'room:calm') {
      calmSeen.value = true;
    }
  });
  // Out of front mode, the calm offer has been taken (or made moot).
  watch(() => options.desk.value?.mode, (mode) => { if (mode !== 'front') calmSeen.value = false; });
  watch(() => (busy.value ? spell.value : null), async (now) => {
    if (now !== null && (await options.chime?.())) chimes.value++;
  }, { immediate: true });

  return {
    busy,
    calm,
    chimes,
    dismissBusy: () => (busyDismissed.value = true),
    dismissCalm: () => (calmSeen.value = false),
  };
}
