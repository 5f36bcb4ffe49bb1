import { Webhook } from 'standardwebhooks';

/** What one attempt gave: the HTTP status (null: no answer), the error, the answer's body trimmed, how long it took. */
export interface Attempt {
  ok: boolean;
  status: number | null;
  error: string | null;
  response: string | null;
  durationMs: number;
}

/** Characters of the receiver's answer and of the body sent kept in the delivery log. */
export const trimmedChars = 500;

export const trim = (text: string) => (text.length > trimmedChars ? `${text.slice(0, trimmedChars)}…` : text);

/** A new endpoint secret as the Standard Webhooks libraries take it: `whsec_` and 32 random bytes in base64. */
export function newSecret(): string {
  return `whsec_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64')}`;
}

/**
 * POSTs one signed message (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`).
 * A 2xx answer delivers it; any other, a network error or no answer within `timeoutMs`, does not.
 * Redirects are not followed (a receiver that moved is a failure the admin sees in the log).
 */
export async function deliver(url: string, secret: string, messageId: string, body: string, sentAt: number, timeoutMs: number): Promise<Attempt> {
  const started = performance.now();
  const signature = new Webhook(secret).sign(messageId, new Date(sentAt), body);
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'PuntoComune-Webhooks/1',
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(sentAt / 1000)),
    'webhook-signature': signature,
  };
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(url, { method: 'POST', headers, body, signal, redirect: 'manual' });
    const text = await res.text().catch(() => '');
    const ok = res.status >= 200 && res.status < 300;
    return { ok, status: res.status, error: ok ? null : `HTTP ${res.status}`, response: trim(text), durationMs: Math.round(performance.now() - started) };
  } catch (err) {
    const error = signal.aborted ? `no answer within ${timeoutMs} ms` : describe(err);
    return { ok: false, status: null, error, response: null, durationMs: Math.round(performance.now() - started) };
  }
}

function describe(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return (cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err))).slice(0, 200);
}
