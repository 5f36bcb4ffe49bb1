import { shallowRef } from 'vue';
import type { WebhookDeliveryView, WebhookEndpointView, WebhookInput, WebhookWithSecret } from '../../../protocol/webhooks.ts';
import { apiUrl } from '../../../ui/office.ts';
import type { ClientError } from '../../../ui/socket.ts';
import { useManager } from '../stores/useManager.ts';

/** The office's webhook endpoints for their editor (admins): the list, saving, removing, a new secret, a test, the log. */
export function useWebhooksAdmin() {
  const manager = useManager();
  const api = manager.session.api;
  const endpoints = shallowRef<WebhookEndpointView[]>([]);
  const loadError = shallowRef<ClientError | null>(null);
  const saving = shallowRef(false);
  /** A secret just made (a new endpoint, a new key): shown this once. */
  const revealed = shallowRef<{ id: number; url: string; secret: string } | null>(null);
  /** The endpoint whose log is open, and its attempts (newest first). */
  const logOf = shallowRef<number | null>(null);
  const deliveries = shallowRef<WebhookDeliveryView[]>([]);

  async function load() {
    const answer = await api.get<{ endpoints: WebhookEndpointView[] }>(apiUrl('/api/admin/webhooks'));
    loadError.value = answer.ok ? null : answer.error;
    if (answer.ok) endpoints.value = answer.data.endpoints;
    if (logOf.value !== null) await showLog(logOf.value);
  }

  async function done(answer: { ok: true } | { ok: false; error: ClientError }, said: string): Promise<boolean> {
    saving.value = false;
    if (!answer.ok) {
      manager.sayError(answer.error);
      return false;
    }
    manager.say('ok', said);
    await Promise.all([load(), manager.loadWarnings()]);
    return true;
  }

  async function save(id: number | null, input: WebhookInput): Promise<boolean> {
    saving.value = true;
    if (id === null) {
      const made = await api.post<WebhookWithSecret>(apiUrl('/api/admin/webhooks'), input);
      if (made.ok) revealed.value = { id: made.data.id, url: made.data.url, secret: made.data.secret };
      return done(made, 'webhooks.saved');
    }
    return done(await api.put<WebhookEndpointView>(apiUrl(`/api/admin/webhooks/${id}`), input), 'webhooks.saved');
  }

  async function remove(id: number): Promise<boolean> {
    saving.value = true;
    if (logOf.value === id) logOf.value = null;
    return done(await api.delete(apiUrl(`/api/admin/webhooks/${id}`)), 'webhooks.removed');
  }

  async function rotate(id: number): Promise<boolean> {
    saving.value = true;
    const answer = await api.post<WebhookWithSecret>(apiUrl(`/api/admin/webhooks/${id}/secret`), {});
    if (answer.ok) revealed.value = { id, url: answer.data.url, secret: answer.data.secret };
    return done(answer, 'webhooks.rotated');
  }

  /** Turns an endpoint the hub turned off on again: its waiting messages go out from the one it stopped at. */
  async function enable(endpoint: WebhookEndpointView): Promise<boolean> {
    const { kind, url, events, personalData } = endpoint;
    return save(endpoint.id, { kind, url, events, personalData, enabled: true });
  }

  async function test(id: number): Promise<void> {
    saving.value = true;
    const answer = await api.post<{ ok: boolean; status: number | null; error: string | null }>(apiUrl(`/api/admin/webhooks/${id}/test`), {});
    saving.value = false;
    if (!answer.ok) return manager.sayError(answer.error);
    if (answer.data.ok) manager.say('ok', 'webhooks.testOk');
    else manager.say('error', 'webhooks.testFailed', { error: answer.data.error ?? '' });
    await showLog(id);
  }

  async function showLog(id: number): Promise<void> {
    logOf.value = id;
    const answer = await api.get<{ deliveries: WebhookDeliveryView[] }>(apiUrl(`/api/admin/webhooks/${id}/deliveries?limit=50`));
    deliveries.value = answer.ok ? answer.data.deliveries : [];
  }

  void load();
  return { endpoints, loadError, saving, revealed, logOf, deliveries, load, save, remove, rotate, enable, test, showLog };
}
