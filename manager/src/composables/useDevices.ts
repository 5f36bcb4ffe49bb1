import { onBeforeUnmount, shallowRef } from 'vue';
import type { DeviceView } from '../../../protocol/devices.ts';
import type { ClientError } from '../../../ui/socket.ts';
import { useManager } from '../stores/useManager.ts';
import { apiUrl } from '../../../ui/office.ts';

/** How often the list refreshes, so "connected now" stays true. */
const refreshMs = 5000;

/** Kiosks and displays: the list, adding and pairing one, pairing again, unpairing, deleting. */
export function useDevices() {
  const manager = useManager();
  const api = manager.session.api;
  const devices = shallowRef<DeviceView[]>([]);
  const loadError = shallowRef<ClientError | null>(null);
  const busy = shallowRef(false);

  async function load(): Promise<void> {
    const answer = await api.get<{ devices: DeviceView[] }>(apiUrl('/api/admin/devices'));
    if (!answer.ok) {
      loadError.value = answer.error;
      return;
    }
    loadError.value = null;
    devices.value = answer.data.devices;
  }

  /** Sends one change, says how it went and reloads the list; true when the hub accepted it. */
  async function act(send: () => Promise<{ ok: true } | { ok: false; error: ClientError }>, okKey: string, name: string): Promise<boolean> {
    if (busy.value) return false;
    busy.value = true;
    const answer = await send();
    busy.value = false;
    if (!answer.ok) manager.sayError(answer.error);
    else manager.say('ok', okKey, { name });
    await load();
    return answer.ok;
  }

  const base = apiUrl('/api/admin/devices');
  const add = (body: { name: string; kind: string; profile: string; code: string }) => act(() => api.post(base, body), 'devices.added', body.name);
  const pair = (d: DeviceView, code: string) => act(() => api.post(`${base}/${d.id}/pair`, { code }), 'devices.repaired', d.name);
  const unpair = (d: DeviceView) => act(() => api.post(`${base}/${d.id}/unpair`), 'devices.unpaired', d.name);
  const remove = (d: DeviceView) => act(() => api.delete(`${base}/${d.id}`), 'devices.removed', d.name);

  void load();
  const timer = setInterval(() => void load(), refreshMs);
  onBeforeUnmount(() => clearInterval(timer));
  return { devices, loadError, busy, load, add, pair, unpair, remove };
}
