import type { WebhookEndpointView, WebhookInput, WebhookWithSecret } from '../../protocol/webhooks.ts';
import { testWebhookType } from '../../protocol/webhooks.ts';
import type { EngineState } from '../engine/index.ts';
import type { Logger } from '../logger.ts';
import type { HubWarnings } from '../observability/warnings.ts';
import type { Database } from '../store/db.ts';
import type { LoggedEvent } from '../store/queueStore.ts';
import { deliver, newSecret, trim, type Attempt } from './deliver.ts';
import { DeliveryWorker, type DeliveryOptions } from './deliveryWorker.ts';
import { eventMessages, webhookBody } from './outbox.ts';
import { SmsNotices } from './smsNotices.ts';
import { insertOutbox, WebhookStore, type NewOutboxMessage, type WebhookEndpoint } from './webhookStore.ts';

export interface OfficeWebhooksOptions {
  officeId: string;
  database: Database;
  clock: () => number;
  log: Logger;
  warnings: HubWarnings;
  /** Whether this node writes the office (in a cluster, its owner): only it delivers. */
  active: () => boolean;
  /** People ahead of a ticket when its SMS notice goes, unless the request says otherwise. */
  smsAhead: number;
  /** Tests shorten these. */
  delivery?: Pick<DeliveryOptions, 'backoffMs' | 'timeoutMs' | 'concurrency' | 'pollMs' | 'reloadMs'> | undefined;
}

/**
 * An office's outbound webhooks (issue 25): its endpoints, kept in memory so that a commit with none to send to
 * costs nothing; the messages each commit puts in the outbox, in the commit's own transaction; the worker that
 * delivers them; the SMS notices; and the warning shown to admins when the hub turns an endpoint off.
 */
export class OfficeWebhooks {
  readonly store: WebhookStore;
  readonly sms: SmsNotices;
  private list: WebhookEndpoint[] = [];
  private readonly worker: DeliveryWorker;

  constructor(private readonly o: OfficeWebhooksOptions) {
    this.store = new WebhookStore(o.database);
    this.sms = new SmsNotices(o.database, () => this.list, o.smsAhead);
    this.worker = new DeliveryWorker({
      store: this.store,
      officeId: o.officeId,
      endpoints: () => this.list,
      reloadEndpoints: async () => {
        await this.reload();
        await this.sms.load(); // requests taken by another node of a cluster
      },
      active: o.active,
      disable: (endpoint, reason) => this.disable(endpoint, reason),
      clock: o.clock,
      log: o.log,
      ...o.delivery,
    });
  }

  async start(): Promise<void> {
    await this.resume();
    this.worker.start();
  }

  /** Reads the endpoints and the SMS requests again (this node just took the office over) and delivers what waits (a crash's leftovers). */
  async resume(): Promise<void> {
    await this.reload();
    await this.sms.load();
    this.worker.poke();
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  get endpoints(): readonly WebhookEndpoint[] {
    return this.list;
  }

  /**
   * What a commit writes in its transaction besides the queue: a message per event and endpoint subscribed, and
   * the SMS notices due. Nothing to do, and no query, when the office has no endpoint on. The returned function
   * runs once the transaction committed.
   */
  readonly writeAlongside = async (tx: Database, after: EngineState, events: readonly LoggedEvent[]): Promise<(() => void) | undefined> => {
    if (!this.list.some((e) => e.enabled) && !this.sms.following) return undefined;
    const now = this.o.clock();
    const messages: NewOutboxMessage[] = eventMessages(after, events, this.list, now);
    const sms = await this.sms.due(tx, after, events, now);
    messages.push(...sms.messages);
    if (messages.length > 0) await insertOutbox(tx, messages);
    return () => {
      sms.committed();
      if (messages.length > 0) this.worker.poke();
    };
  };

  async views(): Promise<WebhookEndpointView[]> {
    await this.reload();
    const pending = await this.store.pendingCounts();
    return this.list.map((e) => view(e, pending.get(e.id) ?? 0));
  }

  async create(input: WebhookInput): Promise<WebhookWithSecret> {
    const endpoint = await this.store.create(input, newSecret(), this.o.clock());
    await this.reload();
    return { ...view(endpoint, 0), secret: endpoint.secret };
  }

  async replace(id: number, input: WebhookInput): Promise<WebhookEndpointView | undefined> {
    const before = this.list.find((e) => e.id === id);
    // Turned on again (by the editor's switch or "re-enable"): the message it stopped at is tried afresh.
    if (before && input.enabled && !before.enabled) await this.store.setEnabled(id, true, null, this.o.clock());
    const endpoint = await this.store.replace(id, input, this.o.clock());
    await this.reload();
    if (endpoint?.enabled) this.worker.poke();
    return endpoint && view(endpoint, (await this.store.pendingCounts()).get(id) ?? 0);
  }

  /** Writes in a store's transaction of its own (the SMS request): the worker looks at the outbox now. */
  poke(): void {
    this.worker.poke();
  }

  async rotateSecret(id: number): Promise<WebhookWithSecret | undefined> {
    const endpoint = await this.store.rotateSecret(id, newSecret(), this.o.clock());
    await this.reload();
    return endpoint && { ...view(endpoint, (await this.store.pendingCounts()).get(id) ?? 0), secret: endpoint.secret };
  }

  async remove(id: number): Promise<boolean> {
    const removed = await this.store.remove(id);
    await this.reload();
    return removed;
  }

  /** Sends a `webhook:test` message now, outside the outbox (nothing waits behind it), and logs the attempt. */
  async sendTest(id: number): Promise<Attempt | undefined> {
    if (!this.list.some((e) => e.id === id)) await this.reload(); // made through another node of a cluster
    const endpoint = this.list.find((e) => e.id === id);
    if (!endpoint) return undefined;
    const at = this.o.clock();
    const messageId = `msg_${this.o.officeId}_test_${at}`;
    const body = webhookBody(testWebhookType, at, endpoint.kind === 'sms' ? { to: '+390000000000', text: 'Punto Comune: messaggio di prova.' } : { officeId: this.o.officeId });
    const result = await deliver(endpoint.url, endpoint.secret, messageId, body, Date.now(), 5_000);
    await this.store.logAttempt({ endpointId: id, messageId, type: testWebhookType, attempt: 1, at, ...result, payload: trim(body) });
    return result;
  }

  private async disable(endpoint: WebhookEndpoint, reason: string): Promise<void> {
    await this.store.setEnabled(endpoint.id, false, reason, this.o.clock());
    await this.reload();
  }

  /** Reads the endpoints again, and shows or clears the admins' warning about those the hub turned off. */
  private async reload(): Promise<void> {
    this.list = await this.store.endpoints();
    const off = this.list.filter((e) => !e.enabled && e.disabledReason !== null);
    if (off.length === 0) return this.o.warnings.clear('webhooks-disabled');
    this.o.warnings.set({
      code: 'webhooks-disabled',
      message: `${off.length === 1 ? 'A webhook endpoint was' : `${off.length} webhook endpoints were`} turned off after their deliveries kept failing: ${off.map((e) => e.url).join(', ')}. Their messages wait; turn them on again in the manager app once the receiver works.`,
      endpoints: off.map((e) => ({ id: e.id, url: e.url, reason: e.disabledReason! })),
    });
  }
}

function view(e: WebhookEndpoint, pending: number): WebhookEndpointView {
  return {
    id: e.id, kind: e.kind, url: e.url, events: e.events, enabled: e.enabled, personalData: e.personalData,
    disabledReason: e.disabledReason, pending, createdAt: new Date(e.createdAt).toISOString(), updatedAt: new Date(e.updatedAt).toISOString(),
  };
}
