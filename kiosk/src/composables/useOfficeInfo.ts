import { getCurrentScope, onScopeDispose, shallowRef } from 'vue';
import type { OfficeInfo } from '../../../protocol/views.ts';

/** The office's public facts from `/api/office`, refreshed every minute (opening and closing happen on time). */
export function useOfficeInfo(refreshMs = 60_000) {
  const office = shallowRef<OfficeInfo | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function refresh() {
    clearTimeout(timer);
    try {
      const res = await fetch('/api/office', { cache: 'no-store' });
      if (res.ok) office.value = (await res.json()) as OfficeInfo;
    } catch {
      // Unreachable: keep what we had; the next round tries again.
    }
    timer = setTimeout(() => void refresh(), office.value ? refreshMs : 3000);
  }
  void refresh();
  if (getCurrentScope()) onScopeDispose(() => clearTimeout(timer));
  return { office, refresh };
}
