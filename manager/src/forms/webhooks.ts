import type { WebhookEndpointView, WebhookEventType, WebhookInput, WebhookKind } from '../../../protocol/webhooks.ts';
import type { Problem } from './problems.ts';

/** A webhook endpoint as its editor's form holds it. */
export interface WebhookForm {
  id: number | null;
  kind: WebhookKind;
  url: string;
  events: WebhookEventType[];
  enabled: boolean;
  personalData: boolean;
}

export const newWebhookForm = (): WebhookForm => ({ id: null, kind: 'events', url: 'https://', events: ['ticket:issued', 'ticket:called'], enabled: true, personalData: false });

export const webhookToForm = (w: WebhookEndpointView): WebhookForm => ({
  id: w.id, kind: w.kind, url: w.url, events: [...w.events], enabled: w.enabled, personalData: w.personalData,
});

/** What the hub is sent (`POST`/`PUT /api/admin/webhooks`): an SMS gateway takes no events. */
export function webhookInput(f: WebhookForm): WebhookInput {
  return { kind: f.kind, url: f.url.trim(), events: f.kind === 'sms' ? [] : [...f.events], enabled: f.enabled, personalData: f.personalData };
}

/** An http:// or https:// address with a host, as the hub checks it. */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && text.trim().length <= 500;
  } catch {
    return false;
  }
}

export function webhookProblems(f: WebhookForm): Problem[] {
  const problems: Problem[] = [];
  if (!isHttpUrl(f.url)) problems.push('webhooks.invalid.url');
  if (f.kind === 'events' && f.events.length === 0) problems.push('webhooks.invalid.events');
  return problems;
}
