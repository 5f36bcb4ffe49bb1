import { ref, shallowRef, watch } from 'vue';
import type { NetworkMonthlyReport } from '../../../protocol/network.ts';
import type { ClientError } from '../../../ui/socket.ts';
import { useManager } from '../stores/useManager.ts';

/**
 * The network's monthly report for a year (`/api/network/reports/monthly`, a network route: asked as it
 * is, from any office's page), fetched again when the year changes; an answer to an older year is ignored.
 */
export function useNetworkReport(year: () => number) {
  const api = useManager().session.api;
  const data = shallowRef<NetworkMonthlyReport | null>(null);
  const loading = ref(false);
  const error = shallowRef<ClientError | null>(null);
  let latest = 0;

  async function load(y: number): Promise<void> {
    const mine = ++latest;
    loading.value = true;
    const answer = await api.get<NetworkMonthlyReport>(`/api/network/reports/monthly?year=${y}`);
    if (mine !== latest) return;
    loading.value = false;
    data.value = answer.ok ? answer.data : null;
    error.value = answer.ok ? null : answer.error;
  }
  watch(year, (y) => void load(y), { immediate: true });

  return { data, loading, error, reload: () => load(year()) };
}
