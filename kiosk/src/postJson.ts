import { authHeaders } from '../../ui/hubToken.ts';
import type { ClientAnswer } from '../../ui/socket.ts';

/**
 * POSTs JSON to the hub and reads its answer: the body on success, `{ error }` otherwise; no answer in
 * time (or no network) is `unreachable`, as for socket commands.
 */
export async function postJson<T>(url: string, body: unknown, timeoutMs = 8000): Promise<ClientAnswer<T>> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders() },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const json = (await res.json().catch(() => null)) as (T & { error?: undefined }) | { error?: { code: string; message: string } } | null;
    if (res.ok && json) return { ok: true, data: json as T };
    const error = json?.error;
    if (error && typeof error.code === 'string') return { ok: false, error: error as Extract<ClientAnswer<T>, { ok: false }>['error'] };
    return { ok: false, error: { code: 'internal', message: `HTTP ${res.status}` } };
  } catch {
    return { ok: false, error: { code: 'unreachable', message: 'The hub did not answer.' } };
  }
}
