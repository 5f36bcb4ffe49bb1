import { getCurrentScope, onScopeDispose, shallowRef } from 'vue';
import type { DisplayProfile } from '../../../protocol/office.ts';

/** This display's profile from `/api/displays/:id`; retried until the hub answers, refreshed every 5 minutes. */
export function useDisplayProfile(displayId: string | null, refreshMs = 300_000) {
  const profile = shallowRef<DisplayProfile | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const url = displayId ? `/api/displays/${encodeURIComponent(displayId)}` : '/api/displays';

  async function refresh() {
    clearTimeout(timer);
    try {
      const res = await fetch(url, { cache: 'no-store' });
      if (res.ok) profile.value = (await res.json()) as DisplayProfile;
    } catch {
      // Unreachable: keep what we had; the next round tries again.
    }
    timer = setTimeout(() => void refresh(), profile.value ? refreshMs : 3000);
  }
  void refresh();
  if (getCurrentScope()) onScopeDispose(() => clearTimeout(timer));
  return { profile, refresh };
}
