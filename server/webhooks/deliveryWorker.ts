import type { Logger } from '../logger.ts';
import { deliver, trim } from './deliver.ts';
import type { Delivered, DeliveryRecord, OutboxMessage, WebhookEndpoint, WebhookStore } from './webhookStore.ts';

/** Waits after the 1st, 2nd… failed attempt of a message; after the last retry fails the endpoint is turned off. */
export const defaultBackoffMs: readonly number[] = [5_000, 30_000, 120_000, 300_000, 900_000, 1_800_000, 3_600_000, 3_600_000];

export interface DeliveryOptions {
  store: WebhookStore;
  /** The office's id, in each message's `webhook-id`. */
  officeId: string;
  /** The endpoints as last read (the worker reads them again each round). */
  endpoints: () => readonly WebhookEndpoint[];
  reloadEndpoints: () => Promise<void>;
  /** Whether this node delivers now (in a cluster, only the office's owner does). */
  active: () => boolean;
  /** The endpoint's deliveries kept failing: turn it off and tell the admins. */
  disable: (endpoint: WebhookEndpoint, reason: string) => Promise<void>;
  clock: () => number;
  log: Logger;
  backoffMs?: readonly number[];
  timeoutMs?: number;
  /** Endpoints delivered to at the same time. */
  concurrency?: number;
  /** Messages read from an endpoint's outbox at a time (their successes are written together at most this many at once). */
  pageSize?: number;
  /** At most this long between a 2xx answer and its record (outbox row deleted, attempt logged): successes are written together. */
  flushMs?: number;
  /** How often the outbox is looked at when nothing pokes the worker (retries coming due); no query without an endpoint on. */
  pollMs?: number;
  /** How often the endpoints (and SMS requests) are read again: changes made through another node of a cluster. */
  reloadMs?: number;
}

/**
 * Delivers the outbox, off the command path: each endpoint's messages one at a time, oldest first (a message
 * waits until the one before it is delivered, so each endpoint sees them in order), read `pageSize` at a time,
 * at most `concurrency` endpoints at once, each attempt cut off after `timeoutMs`. A failed message is tried
 * again after the backoff; when its last retry fails, the endpoint is turned off. A message is deleted from the
 * outbox only after a 2xx answer, several at once (one transaction per page or per `flushMs`, and always before
 * a failure is recorded): a crash in between sends them again (at least once; receivers dedupe on `webhook-id`).
 */
export class DeliveryWorker {
  private readonly busy = new Set<number>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private round: Promise<void> = Promise.resolve();
  private again = false;
  private readonly lanes = new Set<Promise<void>>();
  private readonly backoffMs: readonly number[];
  private readonly timeoutMs: number;
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly pageSize: number;
  private readonly flushMs: number;
  private readonly reloadMs: number;
  private lastReload = performance.now();

  constructor(private readonly o: DeliveryOptions) {
    this.backoffMs = o.backoffMs ?? defaultBackoffMs;
    this.timeoutMs = o.timeoutMs ?? 5_000;
    this.concurrency = o.concurrency ?? 4;
    this.pollMs = o.pollMs ?? 1_000;
    this.pageSize = o.pageSize ?? 50;
    this.flushMs = o.flushMs ?? 100;
    this.reloadMs = o.reloadMs ?? 15_000;
  }

  start(): void {
    this.schedule();
  }

  /** New messages in the outbox (a commit wrote some): look now. */
  poke(): void {
    if (this.stopped) return;
    this.again = true;
    if (this.lanes.size < this.concurrency) this.round = this.round.then(() => this.look());
  }

  /** Stops looking; waits for the deliveries under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
    await Promise.all([...this.lanes]);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const reload = performance.now() - this.lastReload >= this.reloadMs; // every node: a kiosk on any node asks whether SMS is offered
      if (reload) this.lastReload = performance.now();
      this.round = this.round
        .then(() => (reload ? this.o.reloadEndpoints() : undefined))
        .catch((err: unknown) => this.o.log.warn({ err }, 'could not read the webhook endpoints'))
        .then(() => this.look());
      void this.round.then(() => this.schedule());
    }, this.pollMs);
    this.timer.unref();
  }

  /** Starts a lane for each enabled endpoint not being delivered to, up to the concurrency. */
  private async look(): Promise<void> {
    this.again = false;
    if (this.stopped || !this.o.active()) return;
    for (const endpoint of this.o.endpoints()) {
      if (this.lanes.size >= this.concurrency) {
        this.again = true; // the others' turn comes when a lane ends
        return;
      }
      if (!endpoint.enabled || this.busy.has(endpoint.id)) continue;
      this.busy.add(endpoint.id);
      const lane: Promise<void> = this.drain(endpoint.id)
        .catch((err: unknown) => this.o.log.error({ err, endpoint: endpoint.id }, 'webhook delivery failed'))
        .finally(() => {
          this.busy.delete(endpoint.id);
          this.lanes.delete(lane);
          if (this.again) this.poke();
        });
      this.lanes.add(lane);
    }
  }

  /**
   * Delivers an endpoint's messages in order until none is due or one fails: a page at a time, one message after
   * another. The 2xx answers are recorded together (see Successes), and always before a failure is.
   */
  private async drain(endpointId: number): Promise<void> {
    const done = new Successes(this.o.store, this.flushMs);
    try {
      while (!this.stopped && this.o.active()) {
        const page = await this.o.store.waiting(endpointId, this.pageSize);
        for (const message of page) {
          const endpoint = this.o.endpoints().find((e) => e.id === endpointId);
          if (this.stopped || !this.o.active() || !endpoint?.enabled || message.nextAt > this.o.clock()) return;
          const messageId = `msg_${this.o.officeId}_${message.id}`;
          const at = this.o.clock();
          const result = await deliver(endpoint.url, endpoint.secret, messageId, message.payload, Date.now(), this.timeoutMs);
          const record = { endpointId, messageId, type: message.type, attempt: message.attempts + 1, at, ...result, payload: trim(message.payload) };
          if (!result.ok) {
            await done.flush();
            await this.failed(endpoint, message, record);
            return;
          }
          done.add({ message, record });
        }
        await done.flush();
        if (page.length < this.pageSize) return;
      }
    } finally {
      await done.flush();
    }
  }

  /** Logs the failed attempt; the message waits out its backoff, or, after its last retry, the endpoint is turned off. */
  private async failed(endpoint: WebhookEndpoint, message: OutboxMessage, record: DeliveryRecord): Promise<void> {
    const wait = this.backoffMs[message.attempts];
    await this.o.store.failed(message, record, wait === undefined ? record.at : this.o.clock() + wait);
    if (wait === undefined) {
      // The last attempt's error, as the delivery log words it ("HTTP 500", "no answer within 5000 ms", "ECONNREFUSED").
      const reason = record.error ?? 'no answer';
      this.o.log.warn({ endpoint: endpoint.id, url: endpoint.url, attempts: record.attempt, reason }, 'webhook endpoint turned off: its deliveries kept failing');
      await this.o.disable(endpoint, reason);
    }
  }
}

/**
 * The 2xx answers of one lane not yet written: written in one transaction `flushMs` after the first of them (even
 * while the next delivery is under way), at the end of each page, before a failure is recorded and when the lane
 * ends; one write after another, in order. A crash before that sends them again (same `webhook-id`): at least
 * once, as before.
 */
class Successes {
  private pending: Delivered[] = [];
  private timer: NodeJS.Timeout | undefined;
  private written: Promise<void> = Promise.resolve();

  constructor(private readonly store: WebhookStore, private readonly flushMs: number) {}

  add(d: Delivered): void {
    if (this.pending.length === 0) {
      // A failed write surfaces at the lane's next flush, which it awaits.
      this.timer = setTimeout(() => void this.flush().catch(() => undefined), this.flushMs);
      this.timer.unref();
    }
    this.pending.push(d);
  }

  /** Writes what is pending; resolves once every write so far is done. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    const batch = this.pending;
    this.pending = [];
    if (batch.length > 0) this.written = this.written.then(() => this.store.deliveredAll(batch));
    return this.written;
  }
}
