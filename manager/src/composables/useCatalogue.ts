import { ref, shallowRef } from 'vue';
import type { CatalogueView, OutcomeCatalogue } from '../../../protocol/catalogue.ts';
import type { ClientError } from '../../../ui/socket.ts';
import { useManager } from '../stores/useManager.ts';

/**
 * The network's outcome catalogue (`/api/network/catalogue`, network admins): loaded once, saved whole. The
 * hub applies a saved catalogue to every office at once; this office's config is read again afterwards.
 */
export function useCatalogue() {
  const manager = useManager();
  const api = manager.session.api;
  const view = shallowRef<CatalogueView | null>(null);
  const error = shallowRef<ClientError | null>(null);
  const saving = ref(false);

  async function load(): Promise<void> {
    const answer = await api.get<CatalogueView>('/api/network/catalogue');
    view.value = answer.ok ? answer.data : view.value;
    error.value = answer.ok ? null : answer.error;
  }

  /** True when the hub took it. */
  async function save(next: OutcomeCatalogue): Promise<boolean> {
    if (saving.value) return false;
    saving.value = true;
    const answer = await api.put<CatalogueView>('/api/network/catalogue', next);
    saving.value = false;
    if (!answer.ok) {
      manager.sayError(answer.error);
      return false;
    }
    view.value = answer.data;
    manager.say('ok', 'catalogue.saved');
    await manager.loadOffice();
    return true;
  }

  void load();
  return { view, error, saving, load, save };
}
