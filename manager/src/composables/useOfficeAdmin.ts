import { inject, provide, ref, shallowRef, type InjectionKey } from 'vue';
import type { OfficeSection } from '../../../protocol/admin.ts';
import type { OfficeConfig } from '../../../protocol/office.ts';
import type { ClientError } from '../../../ui/socket.ts';
import { unwrapOffice } from '../forms/unwrapOffice.ts';
import { saveFile } from '../saveFile.ts';
import { useManager } from '../stores/useManager.ts';
import { apiUrl } from '../../../ui/office.ts';

export interface SaveOptions {
  /** The catalogue key shown when the hub answers `in-use` (e.g. "close the service instead"). */
  inUse?: string;
}

/**
 * The whole office config as the admin edits it. Every editor builds its section from this copy (so
 * fields it does not show stay as they are) and saves with one PATCH; the hub's answer replaces the copy.
 */
function createOfficeAdmin() {
  const manager = useManager();
  const api = manager.session.api;
  const config = shallowRef<OfficeConfig | null>(null);
  const loadError = shallowRef<ClientError | null>(null);
  const saving = ref(false);

  async function load(): Promise<void> {
    const answer = await api.get<unknown>(apiUrl('/api/admin/office'));
    if (answer.ok) {
      config.value = unwrapOffice(answer.data);
      loadError.value = null;
    } else loadError.value = answer.error;
  }

  async function applied(answer: { ok: true; data: unknown } | { ok: false; error: ClientError }, okKey: string, options: SaveOptions): Promise<boolean> {
    saving.value = false;
    if (!answer.ok) {
      if (answer.error.code === 'in-use' && options.inUse) manager.say('error', options.inUse, { message: answer.error.message });
      else manager.sayError(answer.error);
      return false;
    }
    config.value = unwrapOffice(answer.data) ?? config.value;
    manager.say('ok', okKey);
    await Promise.all([manager.loadOffice(), manager.loadWarnings()]);
    return true;
  }

  /** Replaces some sections; true when the hub accepted and applied them. */
  async function save(patch: Partial<Pick<OfficeConfig, OfficeSection>>, options: SaveOptions = {}): Promise<boolean> {
    if (saving.value) return false;
    saving.value = true;
    manager.say('info', 'admin.saving');
    return applied(await api.patch<unknown>(apiUrl('/api/admin/office'), patch), 'admin.saved', options);
  }

  /** Replaces the whole config (an imported file). */
  async function replace(office: unknown): Promise<boolean> {
    if (saving.value) return false;
    saving.value = true;
    manager.say('info', 'admin.saving');
    return applied(await api.put<unknown>(apiUrl('/api/admin/office'), office), 'transfer.imported', {});
  }

  /** Downloads the current config as office.json. */
  async function exportConfig(): Promise<void> {
    const answer = await api.get<unknown>(apiUrl('/api/admin/office'));
    if (!answer.ok) return manager.sayError(answer.error);
    const office = unwrapOffice(answer.data);
    saveFile({ blob: new Blob([`${JSON.stringify(office, null, 2)}\n`], { type: 'application/json' }), filename: 'office.json' });
    manager.say('ok', 'report.downloaded', { name: 'office.json' });
  }

  return { config, loadError, saving, load, save, replace, exportConfig };
}

export type OfficeAdmin = ReturnType<typeof createOfficeAdmin>;
const officeAdminKey: InjectionKey<OfficeAdmin> = Symbol('office-admin');

/** Creates the admin's copy of the config for the administration tab and its editors. */
export function provideOfficeAdmin(): OfficeAdmin {
  const admin = createOfficeAdmin();
  provide(officeAdminKey, admin);
  return admin;
}

export function useOfficeAdmin(): OfficeAdmin {
  const admin = inject(officeAdminKey);
  if (!admin) throw new Error('useOfficeAdmin() is for the administration tab, which provides it');
  return admin;
}
