import { effectScope, ref, shallowRef, watch, type EffectScope } from 'vue';
import type { OfficeInfo } from '../../../protocol/views.ts';
import { useLiveQueue } from '../../../ui/liveQueue/useLiveQueue.ts';
import { ask, type HubSocket } from '../../../ui/socket.ts';
import type { Chime } from '../../../ui/sound/chime.ts';
import { createDeskStore, type DeskCommand, type DeskStore, type PayloadOf, type Send } from './desk.ts';
import { createSessionStore, type SessionStoreOptions } from './session.ts';
import { apiUrl } from '../../../ui/office.ts';

export interface CounterStoreOptions extends SessionStoreOptions {
  connect: (token: string) => HubSocket;
  chime: Chime;
}

/**
 * The page's composition root: the session, the socket it opens with its token, and the store of the
 * desk the clerk sits at (made anew when the desk or the login changes, and stopped with its subscriptions).
 */
export function createCounterStore(options: CounterStoreOptions) {
  const session = createSessionStore(options);
  const socket = shallowRef<HubSocket | null>(null);
  const desk = shallowRef<DeskStore | null>(null);
  /** Counts the desk stores made, so the screen is rebuilt with each new one. */
  const generation = shallowRef(0);
  let deskScope: EffectScope | null = null;

  watch(session.token, (token) => {
    socket.value?.disconnect();
    socket.value = null;
    if (!token) return;
    const s = options.connect(token);
    // The handshake refuses a token the hub no longer knows: the session has ended.
    s.on('connect_error', (err) => { if (err.message === 'unauthorized') session.expire(); });
    socket.value = s;
  }, { immediate: true });

  watch([socket, session.user, session.deskId], ([s, user, deskId]) => {
    deskScope?.stop();
    deskScope = null;
    desk.value = null;
    if (!s || !user || !deskId) return;
    deskScope = effectScope(true);
    desk.value = deskScope.run(() => {
      const live = useLiveQueue({ socket: s, join: { role: 'desk', id: deskId }, refreshAfterChangeMs: 800 });
      const send: Send = <E extends DeskCommand>(name: E, payload: PayloadOf<E>) => ask(s, name, payload);
      const store = createDeskStore({ deskId, live, send, api: session.api, notices: s, chime: () => options.chime.play() });
      // Another clerk took the desk over: this PC is no longer at it, back to the choice (which shows who is).
      watch(() => store.desk.value?.heldBy, (heldBy) => {
        if (heldBy && heldBy !== user.username) session.changeDesk();
      });
      return store;
    }) ?? null;
    generation.value++;
  }, { immediate: true });

  /** The office's time zone (from `GET /api/office` once logged in): times at the desk are the office's, not the PC's. */
  const timeZone = ref<string | undefined>(undefined);
  watch(session.user, async (user) => {
    if (!user || timeZone.value) return;
    const answer = await session.api.get<OfficeInfo>(apiUrl('/api/office'));
    if (answer.ok) timeZone.value = answer.data.timeZone;
  }, { immediate: true });

  void session.restore();
  return { session, socket, desk, generation, timeZone, chime: options.chime };
}

export type CounterStore = ReturnType<typeof createCounterStore>;
