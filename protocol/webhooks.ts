import { z } from 'zod';
import type { ChangeEventName } from './events.ts';
import { phoneSchema } from './appointments.ts';

/**
 * Outbound webhooks (issue 25): the office's events, signed per the Standard Webhooks specification
 * (`webhook-id`, `webhook-timestamp`, `webhook-signature`), delivered at least once and in order per endpoint.
 * An endpoint of kind `sms` is the office's SMS gateway: it receives `{ to, text }` the same way.
 */

/** Every event an `events` endpoint may subscribe to: the pushed change stream (protocol/events.ts). */
export const webhookEventTypes = [
  'ticket:issued', 'ticket:called', 'ticket:recalled', 'ticket:started', 'ticket:finished', 'ticket:no-show',
  'ticket:cancelled', 'ticket:transferred', 'ticket:parked', 'ticket:resumed', 'ticket:expired', 'ticket:requeued',
  'ticket:recovered', 'ticket:reopened', 'desk:changed', 'room:busy', 'room:calm', 'day:started', 'office:changed',
] as const satisfies readonly ChangeEventName[];
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** What an `sms` endpoint receives, and the test message of either kind. */
export const smsWebhookType = 'sms:send';
export const testWebhookType = 'webhook:test';

export const webhookKinds = ['events', 'sms'] as const;
export type WebhookKind = (typeof webhookKinds)[number];

const httpUrl = z
  .string()
  .trim()
  .max(500)
  .pipe(z.url({ protocol: /^https?$/, error: 'an http:// or https:// address' }));

/** `POST /api/admin/webhooks` and `PUT /api/admin/webhooks/:id`: an endpoint as the admin sets it (the secret is the hub's). */
export const webhookInputSchema = z
  .strictObject({
    kind: z.enum(webhookKinds).default('events'),
    url: httpUrl,
    /** The events sent; an `sms` endpoint takes none (it receives `sms:send` only). */
    events: z.array(z.enum(webhookEventTypes)).max(webhookEventTypes.length).default([])
      .refine((e) => new Set(e).size === e.length, 'an event is listed twice'),
    enabled: z.boolean().default(true),
    /** Clerks' usernames in desk views and events are sent only when ticked. */
    personalData: z.boolean().default(false),
  })
  .refine((w) => w.kind === 'sms' || w.events.length > 0, { message: 'choose at least one event', path: ['events'] });
export type WebhookInput = z.infer<typeof webhookInputSchema>;

export const webhookIdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export interface WebhookEndpointView extends WebhookInput {
  id: number;
  /** Set when the hub turned the endpoint off after its deliveries kept failing (the last attempt's error, e.g. `HTTP 500`); `enabled` is then false. */
  disabledReason: string | null;
  /** Messages waiting to be delivered. */
  pending: number;
  createdAt: string;
  updatedAt: string;
}

/** The answer to creating an endpoint or rotating its secret: the only time the secret is shown. */
export interface WebhookWithSecret extends WebhookEndpointView {
  secret: string;
}

export interface WebhookDeliveryView {
  id: number;
  messageId: string;
  type: string;
  attempt: number;
  at: string;
  /** The HTTP status; null when no answer came (timeout, connection refused). */
  status: number | null;
  error: string | null;
  durationMs: number;
  /** The receiver's answer, trimmed to 500 characters. */
  response: string | null;
  /** The body sent, trimmed to 500 characters. */
  payload: string;
}

export const deliveriesQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });

/** The body of every delivery, per the Standard Webhooks specification. */
export interface WebhookBody<T = unknown> {
  type: string;
  timestamp: string;
  data: T;
}

/** The data of an `sms:send` message. */
export interface SmsData {
  to: string;
  text: string;
}

/** `POST /api/tickets/:id/sms` (a kiosk or a clerk, right after issuing): text the citizen when `ahead` people are ahead. */
export const smsRequestSchema = z.strictObject({
  phone: phoneSchema,
  /** How many people ahead; the office's default (3) when not given. */
  ahead: z.number().int().min(1).max(20).optional(),
});
export type SmsRequest = z.infer<typeof smsRequestSchema>;

/** `GET /api/sms`: whether the kiosk may offer the SMS notice, and at how many people ahead. */
export interface SmsOffer {
  available: boolean;
  ahead: number;
}
