import { computed, onBeforeUnmount, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { StaffingPlan, StaffingReply, WhatIfJob, WhatIfResult, WhatIfScenario, WhatIfScenarioSummary } from '../../../protocol/whatif.ts';
import { saveFile } from '../saveFile.ts';
import { useManager } from '../stores/useManager.ts';
import { emptyPlan } from '../whatif/plan.ts';
import { apiUrl } from '../../../ui/office.ts';

/** How often a running replay's progress is read (GET /api/whatif/:jobId). */
export const pollMs = 400;

/**
 * The what-if tab's state: the plan, the real staffing it starts from, the running job (polled), its
 * result, and the saved scenarios. Every call answers through the status line on failure.
 */
export function useWhatIf() {
  const manager = useManager();
  const { locale } = useI18n();
  const api = manager.session.api;
  const plan = ref<StaffingPlan>(emptyPlan());
  const real = shallowRef<StaffingReply | null>(null);
  const job = shallowRef<WhatIfJob | null>(null);
  const result = shallowRef<WhatIfResult | null>(null);
  const scenarios = shallowRef<WhatIfScenarioSummary[]>([]);
  const openScenario = shallowRef<WhatIfScenario | null>(null);
  const running = computed(() => job.value?.state === 'running');
  let timer: ReturnType<typeof setTimeout> | undefined;
  onBeforeUnmount(() => clearTimeout(timer));

  async function loadStaffing(from: string, to: string): Promise<void> {
    const answer = await api.get<StaffingReply>(apiUrl(`/api/whatif/staffing?from=${from}&to=${to}`));
    if (!answer.ok) return manager.sayError(answer.error);
    real.value = answer.data;
    plan.value = answer.data.frontDesks.map((h) => [...h]);
  }

  async function poll(id: string): Promise<void> {
    const answer = await api.get<WhatIfJob>(apiUrl(`/api/whatif/${id}`));
    if (!answer.ok) return manager.sayError(answer.error);
    job.value = answer.data;
    if (answer.data.state === 'running') {
      timer = setTimeout(() => void poll(id), pollMs);
      return;
    }
    if (answer.data.state === 'done') {
      result.value = answer.data.result;
      openScenario.value = null;
      manager.say('ok', 'whatif.done');
    } else if (answer.data.state === 'failed') manager.say('error', 'whatif.failed', { message: answer.data.error ?? '' });
  }

  async function run(from: string, to: string, backDesks: 'when-busy' | 'never'): Promise<void> {
    const answer = await api.post<WhatIfJob>(apiUrl('/api/whatif'), { from, to, frontDesks: plan.value, backDesks });
    if (!answer.ok) return manager.sayError(answer.error);
    job.value = answer.data;
    manager.clearStatus();
    await poll(answer.data.id);
  }

  async function cancel(): Promise<void> {
    if (!job.value || !running.value) return;
    clearTimeout(timer);
    const answer = await api.delete(apiUrl(`/api/whatif/${job.value.id}`));
    if (!answer.ok) return manager.sayError(answer.error);
    job.value = { ...job.value, state: 'cancelled' };
    manager.say('info', 'whatif.cancelled');
  }

  async function loadScenarios(): Promise<void> {
    const answer = await api.get<{ scenarios: WhatIfScenarioSummary[] }>(apiUrl('/api/whatif/scenarios'));
    if (answer.ok) scenarios.value = answer.data.scenarios;
    else manager.sayError(answer.error);
  }

  async function save(name: string): Promise<boolean> {
    if (!job.value?.result) return false;
    const answer = await api.post<WhatIfScenario>(apiUrl('/api/whatif/scenarios'), { name, jobId: job.value.id });
    if (!answer.ok) {
      manager.sayError(answer.error);
      return false;
    }
    manager.say('ok', 'whatif.saved', { name });
    await loadScenarios();
    return true;
  }

  async function open(id: number): Promise<void> {
    const answer = await api.get<WhatIfScenario>(apiUrl(`/api/whatif/scenarios/${id}`));
    if (!answer.ok) return manager.sayError(answer.error);
    openScenario.value = answer.data;
    result.value = answer.data.result;
    plan.value = answer.data.result.request.frontDesks.map((h) => [...h]);
  }

  async function remove(id: number): Promise<void> {
    const answer = await api.delete(apiUrl(`/api/whatif/scenarios/${id}`));
    if (!answer.ok) return manager.sayError(answer.error);
    if (openScenario.value?.id === id) openScenario.value = null;
    await loadScenarios();
  }

  /** The shown result as a file: a saved scenario's, or the last replay's. */
  async function download(format: 'csv' | 'xlsx', scenarioId?: number): Promise<void> {
    const id = scenarioId ?? openScenario.value?.id;
    // The file speaks the page's language, like the reports' files (docs/api.md 2.14).
    const query = `format=${format}&lang=${locale.value === 'en' ? 'en' : 'it'}`;
    const path = id !== undefined ? apiUrl(`/api/whatif/scenarios/${id}/export?${query}`) : job.value?.result ? apiUrl(`/api/whatif/${job.value.id}/export?${query}`) : null;
    if (!path) return;
    manager.say('info', 'report.downloading');
    const answer = await api.download(path, `simulazione.${format}`);
    if (!answer.ok) return manager.sayError(answer.error);
    saveFile(answer.data);
    manager.say('ok', 'report.downloaded', { name: answer.data.filename });
  }

  return { plan, real, job, result, running, scenarios, openScenario, loadStaffing, run, cancel, loadScenarios, save, open, remove, download };
}
