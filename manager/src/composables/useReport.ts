import { ref, shallowRef, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import type { ReportFormat } from '../../../protocol/reports.ts';
import type { ClientError } from '../../../ui/socket.ts';
import { reportFileName, reportPath, type ReportKind, type ReportParams } from '../reportQuery.ts';
import { saveFile } from '../saveFile.ts';
import { useManager } from '../stores/useManager.ts';

/**
 * A report that follows its filters: fetched again whenever they change (an answer to an older
 * request is ignored), and downloadable as CSV or Excel with the same filters.
 * Files come in the page's language (`lang`).
 * `params` returns null while the filters are not valid (nothing is fetched).
 */
export function useReport<T>(kind: ReportKind, params: () => ReportParams | null) {
  const manager = useManager();
  const api = manager.session.api;
  const { locale } = useI18n();
  const data = shallowRef<T | null>(null);
  const loading = ref(false);
  const error = shallowRef<ClientError | null>(null);
  let latest = 0;

  async function load(path: string | null): Promise<void> {
    const mine = ++latest;
    if (!path) return;
    loading.value = true;
    const answer = await api.get<T>(path);
    if (mine !== latest) return;
    loading.value = false;
    if (answer.ok) {
      data.value = answer.data;
      error.value = null;
    } else {
      data.value = null;
      error.value = answer.error;
    }
  }

  const path = () => {
    const p = params();
    return p ? reportPath(kind, p) : null;
  };
  watch(path, (p) => void load(p), { immediate: true });

  async function download(format: Exclude<ReportFormat, 'json'>, table?: string): Promise<void> {
    const base = params();
    if (!base) return;
    // The file speaks the page's language: headers, names and number style (docs/api.md 2.14).
    const p = { ...base, ...(table ? { table } : {}), lang: locale.value === 'en' ? 'en' : 'it' };
    manager.say('info', 'report.downloading');
    const answer = await api.download(reportPath(kind, p, format), reportFileName(kind, p, format));
    if (!answer.ok) return manager.sayError(answer.error);
    saveFile(answer.data);
    manager.say('ok', 'report.downloaded', { name: answer.data.filename });
  }

  return { data, loading, error, reload: () => load(path()), download };
}
