import { ref, shallowRef } from 'vue';
import type { AuditEntry } from '../../../protocol/reports.ts';
import type { ClientError } from '../../../ui/socket.ts';
import { useManager } from '../stores/useManager.ts';
import { apiUrl } from '../../../ui/office.ts';

/** The audit log, newest first, a page at a time (older pages through `before`). */
export function useAudit(pageSize = 50) {
  const api = useManager().session.api;
  const entries = shallowRef<AuditEntry[]>([]);
  const error = shallowRef<ClientError | null>(null);
  const loading = ref(false);
  /** No older entries are left. */
  const done = ref(false);

  async function load(older = false): Promise<void> {
    if (loading.value) return;
    loading.value = true;
    const last = entries.value.at(-1);
    const before = older && last ? `&before=${last.id}` : '';
    const answer = await api.get<AuditEntry[] | { entries: AuditEntry[] }>(apiUrl(`/api/admin/audit?limit=${pageSize}${before}`));
    loading.value = false;
    if (!answer.ok) {
      error.value = answer.error;
      return;
    }
    error.value = null;
    const page = Array.isArray(answer.data) ? answer.data : answer.data.entries;
    entries.value = older ? [...entries.value, ...page] : page;
    done.value = page.length < pageSize;
  }

  void load();
  return { entries, error, loading, done, refresh: () => load(false), more: () => load(true) };
}
