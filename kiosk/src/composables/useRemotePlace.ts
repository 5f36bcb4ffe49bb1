import { getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue';
import type { RemotePlaceView } from '../../../protocol/remoteJoin.ts';
import { apiUrl } from '../../../ui/office.ts';

/** How often the phone page asks again how its place stands (the wait changes slowly; the hub is not pushed). */
export const placeRefreshMs = 15_000;

/** A remote place's phone page: its view, fetched now and every `placeRefreshMs`; `problem` when unknown or unreachable. */
export function useRemotePlace(code: string, refreshMs = placeRefreshMs) {
  const place = shallowRef<RemotePlaceView | null>(null);
  const problem = ref<'not-found' | 'unreachable' | null>(null);
  const updatedAt = ref<Date | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function refresh() {
    clearTimeout(timer);
    try {
      const res = await fetch(apiUrl(`/api/remote-join/places/${encodeURIComponent(code)}`), { cache: 'no-store' });
      if (res.status === 404 || res.status === 400) {
        problem.value = 'not-found';
        return; // a wrong code stays wrong
      }
      if (res.ok) {
        place.value = ((await res.json()) as { place: RemotePlaceView }).place;
        problem.value = null;
        updatedAt.value = new Date();
      } else problem.value = 'unreachable';
    } catch {
      problem.value = 'unreachable';
    }
    // A place checked in or expired no longer changes.
    if (place.value?.status !== 'checked-in' && place.value?.status !== 'expired') timer = setTimeout(() => void refresh(), refreshMs);
  }
  void refresh();
  if (getCurrentScope()) onScopeDispose(() => clearTimeout(timer));
  return { place, problem, updatedAt, refresh };
}
