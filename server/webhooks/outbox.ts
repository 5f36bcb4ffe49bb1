import type { SmsData, WebhookBody, WebhookEventType } from '../../protocol/webhooks.ts';
import { smsWebhookType, webhookEventTypes } from '../../protocol/webhooks.ts';
import type { DeskView } from '../../protocol/views.ts';
import type { EngineState } from '../engine/index.ts';
import type { LoggedEvent } from '../store/queueStore.ts';
import { deskView, ticketView } from '../views.ts';
import type { NewOutboxMessage, WebhookEndpoint } from './webhookStore.ts';

const subscribable = new Set<string>(webhookEventTypes);

/** The change stream's name of an engine event (a desk held or released is a desk change, as on the sockets). */
export function webhookType(event: LoggedEvent['event']): WebhookEventType | undefined {
  if (event.type === 'desk:held' || event.type === 'desk:released') return 'desk:changed';
  return subscribable.has(event.type) ? (event.type as WebhookEventType) : undefined;
}

/**
 * The data of an event's message: what the sockets push (protocol/events.ts) for it, with the views of the
 * state right after the batch. The ticket is the one the event logged (a rollover later in the batch may have
 * dropped it from the state). Without personal data, the clerks' usernames are left out.
 */
export function eventData(state: EngineState, logged: LoggedEvent, personalData: boolean): Record<string, unknown> {
  const { seq, at, event } = logged;
  const base = { seq, at: new Date(at).toISOString() };
  const desk = (id: string): DeskView | null => {
    if (!state.desks.has(id) || !state.office.desks.some((d) => d.id === id)) return null; // removed by an admin in the batch
    const view = deskView(state, id);
    return personalData ? view : { ...view, heldBy: null };
  };
  switch (event.type) {
    case 'desk:changed':
    case 'desk:held':
    case 'desk:released':
      return { ...base, desk: desk(event.deskId) };
    case 'room:busy':
    case 'room:calm':
      return { ...base, waiting: event.waiting, longestEstimatedWaitMinutes: event.longestEstimatedWaitMinutes };
    case 'day:started':
      return { ...base, day: event.day };
    case 'office:changed':
      return base;
    case 'kiosk:reserved': // a kiosk's numbers: not among the subscribable events (webhookType), said here for completeness
    case 'kiosk:released':
      return { ...base, kioskId: event.kioskId, serviceId: event.serviceId, numbers: [...event.numbers] };
    default:
      return {
        ...base,
        ticket: logged.ticket ? ticketView(state, logged.ticket) : null,
        desk: event.deskId ? desk(event.deskId) : null,
        ...(personalData && event.clerk ? { clerk: event.clerk } : {}),
      };
  }
}

/** The body every delivery carries (Standard Webhooks: `type`, `timestamp`, `data`). */
export function webhookBody<T>(type: string, at: number, data: T): string {
  const body: WebhookBody<T> = { type, timestamp: new Date(at).toISOString(), data };
  return JSON.stringify(body);
}

/** The messages a committed batch puts in the outbox: one per event and endpoint subscribed to it, in event order. */
export function eventMessages(state: EngineState, events: readonly LoggedEvent[], endpoints: readonly WebhookEndpoint[], now: number): NewOutboxMessage[] {
  const messages: NewOutboxMessage[] = [];
  for (const logged of events) {
    const type = webhookType(logged.event);
    if (!type) continue;
    for (const endpoint of endpoints) {
      if (!endpoint.enabled || endpoint.kind !== 'events' || !endpoint.events.includes(type)) continue;
      messages.push({ endpointId: endpoint.id, type, payload: webhookBody(type, logged.at, eventData(state, logged, endpoint.personalData)), createdAt: now });
    }
  }
  return messages;
}

/** One `sms:send` message per enabled SMS gateway. */
export function smsMessages(data: SmsData, endpoints: readonly WebhookEndpoint[], now: number): NewOutboxMessage[] {
  return endpoints
    .filter((e) => e.enabled && e.kind === 'sms')
    .map((e) => ({ endpointId: e.id, type: smsWebhookType, payload: webhookBody(smsWebhookType, now, data), createdAt: now }));
}
