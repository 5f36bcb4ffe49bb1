import type { WebhookDeliveryView, WebhookInput, WebhookKind, WebhookEventType } from '../../protocol/webhooks.ts';
import type { Database } from '../store/db.ts';

export interface WebhookEndpoint {
  id: number;
  kind: WebhookKind;
  url: string;
  events: WebhookEventType[];
  secret: string;
  enabled: boolean;
  personalData: boolean;
  disabledReason: string | null;
  createdAt: number;
  updatedAt: number;
}

interface EndpointRow {
  id: number;
  kind: WebhookKind;
  url: string;
  events: string;
  secret: string;
  enabled: number;
  personal_data: number;
  disabled_reason: string | null;
  created_at: number;
  updated_at: number;
}

/** A message waiting in the outbox for its endpoint. */
export interface OutboxMessage {
  id: number;
  endpointId: number;
  type: string;
  payload: string;
  createdAt: number;
  attempts: number;
  nextAt: number;
}

interface OutboxRow {
  id: number;
  endpoint_id: number;
  type: string;
  payload: string;
  created_at: number;
  attempts: number;
  next_at: number;
}

export interface DeliveryRecord {
  endpointId: number;
  messageId: string;
  type: string;
  attempt: number;
  at: number;
  status: number | null;
  error: string | null;
  durationMs: number;
  response: string | null;
  payload: string;
}

/** A message the endpoint took (2xx), with its attempt for the log. */
export interface Delivered {
  message: OutboxMessage;
  record: DeliveryRecord;
}

/** A message for the outbox, as the commit writes it. */
export interface NewOutboxMessage {
  endpointId: number;
  type: string;
  payload: string;
  createdAt: number;
}

/** Attempts kept in the log per endpoint; older ones are deleted as new ones come. */
export const deliveriesKept = 500;

/** The office's webhook endpoints, their outbox and their delivery log (each office's own database). */
export class WebhookStore {
  constructor(private readonly db: Database) {}

  async endpoints(): Promise<WebhookEndpoint[]> {
    return (await this.db.all<EndpointRow>('SELECT * FROM webhook_endpoints ORDER BY id')).map(endpointFromRow);
  }

  async create(input: WebhookInput, secret: string, now: number): Promise<WebhookEndpoint> {
    const row = await this.db.transaction((tx) =>
      tx.get<EndpointRow>(
        'INSERT INTO webhook_endpoints (kind, url, events, secret, enabled, personal_data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *',
        [input.kind, input.url, JSON.stringify(input.events), secret, input.enabled ? 1 : 0, input.personalData ? 1 : 0, now, now],
      ),
    );
    return endpointFromRow(row!);
  }

  /** The endpoint changed (an admin turning it on clears the hub's reason for turning it off); undefined when there is none. */
  async replace(id: number, input: WebhookInput, now: number): Promise<WebhookEndpoint | undefined> {
    const row = await this.db.transaction((tx) =>
      tx.get<EndpointRow>(
        `UPDATE webhook_endpoints SET kind = ?, url = ?, events = ?, enabled = ?, personal_data = ?, updated_at = ?,
           disabled_reason = CASE WHEN ? = 1 THEN NULL ELSE disabled_reason END WHERE id = ? RETURNING *`,
        [input.kind, input.url, JSON.stringify(input.events), input.enabled ? 1 : 0, input.personalData ? 1 : 0, now, input.enabled ? 1 : 0, id],
      ),
    );
    return row && endpointFromRow(row);
  }

  async rotateSecret(id: number, secret: string, now: number): Promise<WebhookEndpoint | undefined> {
    const row = await this.db.transaction((tx) => tx.get<EndpointRow>('UPDATE webhook_endpoints SET secret = ?, updated_at = ? WHERE id = ? RETURNING *', [secret, now, id]));
    return row && endpointFromRow(row);
  }

  /** Turned on again by an admin, or off by the hub with its reason. */
  async setEnabled(id: number, enabled: boolean, reason: string | null, now: number): Promise<WebhookEndpoint | undefined> {
    const row = await this.db.transaction(async (tx) => {
      // Back on: the message it stopped at is tried again from the first attempt.
      if (enabled) await tx.run('UPDATE webhook_outbox SET attempts = 0, next_at = ? WHERE endpoint_id = ?', [now, id]);
      return tx.get<EndpointRow>('UPDATE webhook_endpoints SET enabled = ?, disabled_reason = ?, updated_at = ? WHERE id = ? RETURNING *', [enabled ? 1 : 0, reason, now, id]);
    });
    return row && endpointFromRow(row);
  }

  /** The endpoint, its outbox and its log; false when there was none. */
  async remove(id: number): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM webhook_outbox WHERE endpoint_id = ?', [id]);
      await tx.run('DELETE FROM webhook_deliveries WHERE endpoint_id = ?', [id]);
      return (await tx.run('DELETE FROM webhook_endpoints WHERE id = ?', [id])).changes === 1;
    });
  }

  /** Messages waiting, per endpoint. */
  async pendingCounts(): Promise<Map<number, number>> {
    const rows = await this.db.all<{ endpoint_id: number; n: number }>('SELECT endpoint_id, COUNT(*) AS n FROM webhook_outbox GROUP BY endpoint_id');
    return new Map(rows.map((r) => [r.endpoint_id, Number(r.n)]));
  }

  /** The oldest message waiting for an endpoint: the only one tried, so that its messages arrive in order. */
  async head(endpointId: number): Promise<OutboxMessage | undefined> {
    return (await this.waiting(endpointId, 1))[0];
  }

  /** An endpoint's next `limit` messages, oldest first: the worker delivers them one after another, in this order. */
  async waiting(endpointId: number, limit: number): Promise<OutboxMessage[]> {
    const rows = await this.db.all<OutboxRow>('SELECT * FROM webhook_outbox WHERE endpoint_id = ? ORDER BY id LIMIT ?', [endpointId, limit]);
    return rows.map((row) => ({ id: row.id, endpointId: row.endpoint_id, type: row.type, payload: row.payload, createdAt: row.created_at, attempts: row.attempts, nextAt: row.next_at }));
  }

  /** The endpoint answered 2xx: the message is gone from the outbox, its attempt in the log. */
  async delivered(message: OutboxMessage, record: DeliveryRecord): Promise<void> {
    await this.deliveredAll([{ message, record }]);
  }

  /**
   * Several messages answered 2xx, recorded in one transaction (one turn of the hub's writer instead of one per
   * message): gone from the outbox, their attempts in the log, in the order given, the log pruned once per endpoint.
   */
  async deliveredAll(done: readonly Delivered[]): Promise<void> {
    if (done.length === 0) return;
    await this.db.transaction(async (tx) => {
      for (let i = 0; i < done.length; i += 64) {
        const chunk = done.slice(i, i + 64);
        await tx.run(`DELETE FROM webhook_outbox WHERE id IN (${chunk.map(() => '?').join(', ')})`, chunk.map((d) => d.message.id));
        await insertDeliveries(tx, chunk.map((d) => d.record));
      }
      for (const endpointId of new Set(done.map((d) => d.record.endpointId))) await pruneDeliveries(tx, endpointId);
    });
  }

  /** The attempt failed: logged, and the message waits until `nextAt`. */
  async failed(message: OutboxMessage, record: DeliveryRecord, nextAt: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run('UPDATE webhook_outbox SET attempts = attempts + 1, next_at = ? WHERE id = ?', [nextAt, message.id]);
      await insertDelivery(tx, record);
    });
  }

  /** Logs an attempt that has no outbox row (a test message). */
  async logAttempt(record: DeliveryRecord): Promise<void> {
    await this.db.transaction((tx) => insertDelivery(tx, record));
  }

  async deliveries(endpointId: number, limit: number): Promise<WebhookDeliveryView[]> {
    const rows = await this.db.all<{
      id: number; message_id: string; type: string; attempt: number; at: number; status: number | null; error: string | null;
      duration_ms: number; response: string | null; payload: string;
    }>('SELECT * FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY id DESC LIMIT ?', [endpointId, limit]);
    return rows.map((r) => ({
      id: r.id, messageId: r.message_id, type: r.type, attempt: r.attempt, at: new Date(r.at).toISOString(), status: r.status,
      error: r.error, durationMs: r.duration_ms, response: r.response, payload: r.payload,
    }));
  }
}

/** Writes outbox messages inside the commit's transaction (server/webhooks/outbox.ts). */
export async function insertOutbox(tx: Database, messages: readonly NewOutboxMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 64) {
    const chunk = messages.slice(i, i + 64);
    await tx.run(
      `INSERT INTO webhook_outbox (endpoint_id, type, payload, created_at, attempts, next_at) VALUES ${chunk.map(() => '(?, ?, ?, ?, 0, ?)').join(', ')}`,
      chunk.flatMap((m) => [m.endpointId, m.type, m.payload, m.createdAt, m.createdAt]),
    );
  }
}

async function insertDelivery(tx: Database, r: DeliveryRecord): Promise<void> {
  await insertDeliveries(tx, [r]);
  await pruneDeliveries(tx, r.endpointId);
}

async function insertDeliveries(tx: Database, records: readonly DeliveryRecord[]): Promise<void> {
  await tx.run(
    `INSERT INTO webhook_deliveries (endpoint_id, message_id, type, attempt, at, status, error, duration_ms, response, payload) VALUES ${records.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
    records.flatMap((r) => [r.endpointId, r.messageId, r.type, r.attempt, r.at, r.status, r.error, r.durationMs, r.response, r.payload]),
  );
}

/** Keeps the endpoint's latest `deliveriesKept` attempts. */
async function pruneDeliveries(tx: Database, endpointId: number): Promise<void> {
  await tx.run(
    'DELETE FROM webhook_deliveries WHERE endpoint_id = ? AND id < (SELECT id FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)',
    [endpointId, endpointId, deliveriesKept - 1],
  );
}

function endpointFromRow(r: EndpointRow): WebhookEndpoint {
  return {
    id: r.id,
    kind: r.kind,
    url: r.url,
    events: JSON.parse(r.events) as WebhookEventType[],
    secret: r.secret,
    enabled: r.enabled === 1,
    personalData: r.personal_data === 1,
    disabledReason: r.disabled_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
