import { ref, shallowRef, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import type { NetworkArchive } from '../../../protocol/catalogue.ts';
import type { ClientError } from '../../../ui/socket.ts';
import { saveFile } from '../saveFile.ts';
import { useManager } from '../stores/useManager.ts';

export interface ArchiveParams {
  from: string;
  to: string;
  /** '' for every service. */
  service: string;
}

const query = (p: ArchiveParams) => `from=${p.from}&to=${p.to}${p.service ? `&service=${encodeURIComponent(p.service)}` : ''}`;

/**
 * The network's anonymous archive (`/api/network/reports/archive`, network admins), fetched again when the
 * months or the service change (an answer to an older request is ignored), and as a CSV in the page's language.
 */
export function useNetworkArchive(params: () => ArchiveParams | null) {
  const manager = useManager();
  const api = manager.session.api;
  const { locale } = useI18n();
  const data = shallowRef<NetworkArchive | null>(null);
  const loading = ref(false);
  const error = shallowRef<ClientError | null>(null);
  let latest = 0;

  async function load(p: ArchiveParams | null): Promise<void> {
    const mine = ++latest;
    if (!p) return;
    loading.value = true;
    const answer = await api.get<NetworkArchive>(`/api/network/reports/archive?${query(p)}`);
    if (mine !== latest) return;
    loading.value = false;
    data.value = answer.ok ? answer.data : null;
    error.value = answer.ok ? null : answer.error;
  }
  watch(params, (p) => void load(p), { immediate: true, deep: true });

  async function download(table: 'counts' | 'groups'): Promise<void> {
    const p = params();
    if (!p) return;
    const lang = locale.value === 'en' ? 'en' : 'it';
    manager.say('info', 'report.downloading');
    const answer = await api.download(`/api/network/reports/archive?${query(p)}&format=csv&table=${table}&lang=${lang}`, `archivio-rete-${p.from}_${p.to}-${table}.csv`);
    if (!answer.ok) return manager.sayError(answer.error);
    saveFile(answer.data);
    manager.say('ok', 'report.downloaded', { name: answer.data.filename });
  }

  return { data, loading, error, download };
}
