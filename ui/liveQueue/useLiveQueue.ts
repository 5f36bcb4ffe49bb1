import { getCurrentScope, onScopeDispose, readonly, ref, shallowRef } from 'vue';
import type { ChangeEventName } from '../../protocol/events.ts';
import { SequenceTracker } from '../../protocol/sequence.ts';
import type { QueueSnapshot } from '../../protocol/views.ts';
import { ask, type HubSocket } from '../socket.ts';
import { applyChange, type ChangePayload } from './applyChange.ts';

export const changeEvents = [
  'ticket:issued', 'ticket:called', 'ticket:recalled', 'ticket:started', 'ticket:finished', 'ticket:no-show',
  'ticket:cancelled', 'ticket:transferred', 'ticket:parked', 'ticket:resumed', 'ticket:expired', 'ticket:requeued', 'ticket:recovered', 'ticket:reopened', 'desk:changed',
  'room:busy', 'room:calm', 'day:started', 'office:changed', 'kiosk:reserved', 'kiosk:released',
] as const satisfies readonly ChangeEventName[];

export type LiveChange = { [E in ChangeEventName]: { name: E; change: ChangePayload<E> } }[ChangeEventName];

export interface LiveQueueOptions {
  socket: HubSocket;
  join: { role: 'display' | 'desk' | 'kiosk'; id: string };
  /** Ask for a fresh snapshot this long after changes stop (for exact positions and estimates). */
  refreshAfterChangeMs?: number;
}

/**
 * The office's queue, live: joins the hub, keeps a snapshot and applies pushed changes in sequence.
 * A gap, a reconnection or a new day fetches a fresh snapshot. `onChange` listeners hear each change
 * once, as it happens; changes caught up through a snapshot are never replayed to them.
 */
export function useLiveQueue(options: LiveQueueOptions) {
  const { socket } = options;
  const snapshot = shallowRef<QueueSnapshot | null>(null);
  const synced = ref(false);
  const listeners = new Set<(c: LiveChange) => void>();
  const tracker = new SequenceTracker(0);
  let pending: LiveChange[] | null = null; // changes that arrive while a snapshot is on its way
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Fetches a snapshot; changes that arrive meanwhile are kept and applied after it. Joining and a gap
   * mean the page is out of date until it comes (`synced` false); a refresh for fresh estimates does not.
   */
  async function resync(reason: 'join' | 'gap' | 'refresh') {
    if (pending) return;
    pending = [];
    if (reason !== 'refresh') synced.value = false;
    const answer = reason === 'join' ? await ask(socket, 'session:join', options.join) : await ask(socket, 'queue:snapshot', {});
    const buffered = pending;
    pending = null;
    if (!answer.ok) {
      // Not joined: try again shortly if still connected (a reconnect starts over by itself).
      if (socket.connected) setTimeout(() => void resync('join'), 2000);
      return;
    }
    tracker.reset(answer.data.seq);
    snapshot.value = answer.data;
    synced.value = true;
    for (const c of buffered) receive(c, false);
  }

  function receive(c: LiveChange, notify = true) {
    if (pending) return void pending.push(c);
    if (!snapshot.value) return;
    const verdict = tracker.accept(c.change.seq);
    if (verdict === 'stale') return;
    if (verdict === 'gap' || c.name === 'day:started') return void resync('gap');
    if (c.name === 'office:changed') {
      // Services, desks or hours changed: listeners refetch what they hold (office facts, a profile).
      if (notify) for (const listener of listeners) listener(c);
      return void resync('gap');
    }
    snapshot.value = applyChange(snapshot.value, c.name, c.change as never);
    if (notify) for (const listener of listeners) listener(c);
    if (options.refreshAfterChangeMs !== undefined) {
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => void resync('refresh'), options.refreshAfterChangeMs);
    }
  }

  const handlers = changeEvents.map((name) => {
    const handler = (change: unknown) => receive({ name, change } as LiveChange);
    socket.on(name, handler as never);
    return [name, handler] as const;
  });
  const onConnect = () => void resync('join');
  const onDisconnect = () => (synced.value = false);
  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  if (socket.connected) onConnect();

  function stop() {
    clearTimeout(refreshTimer);
    for (const [name, handler] of handlers) socket.off(name, handler as never);
    socket.off('connect', onConnect);
    socket.off('disconnect', onDisconnect);
  }
  if (getCurrentScope()) onScopeDispose(stop);

  return {
    snapshot,
    /** Connected, joined and up to date. */
    synced: readonly(synced),
    onChange(listener: (c: LiveChange) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh: () => resync('refresh'),
    stop,
  };
}

export type LiveQueue = ReturnType<typeof useLiveQueue>;
