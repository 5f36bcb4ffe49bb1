import { ref, shallowRef } from 'vue';
import type { OfficeSummary } from '../../../protocol/network.ts';
import { apiUrl } from '../../../ui/office.ts';
import type { ClientError } from '../../../ui/socket.ts';
import { unwrapOffice } from '../forms/unwrapOffice.ts';
import { newOfficeConfig, type NewOfficeForm } from '../network/offices.ts';
import { useManager } from '../stores/useManager.ts';

/**
 * Creates an office of the network from this office's config under a new id and name
 * (`POST /api/admin/offices`, a network route); the hub's refusal is kept for the form to show.
 */
export function useNewOffice() {
  const manager = useManager();
  const api = manager.session.api;
  const working = ref(false);
  const error = shallowRef<ClientError | null>(null);

  async function create(form: NewOfficeForm): Promise<OfficeSummary | null> {
    working.value = true;
    error.value = null;
    try {
      const current = await api.get<unknown>(apiUrl('/api/admin/office'));
      const config = current.ok ? unwrapOffice(current.data) : null;
      if (!current.ok) return fail(current.error);
      if (!config) return fail({ code: 'internal', message: 'no office config' });
      const answer = await api.post<{ office: OfficeSummary }>('/api/admin/offices', { office: newOfficeConfig(config, form) });
      if (!answer.ok) return fail(answer.error);
      manager.say('ok', 'network.created', { name: answer.data.office.name });
      await manager.loadOffices();
      return answer.data.office;
    } finally {
      working.value = false;
    }
  }

  function fail(e: ClientError): null {
    error.value = e;
    manager.sayError(e);
    return null;
  }

  return { working, error, create };
}
