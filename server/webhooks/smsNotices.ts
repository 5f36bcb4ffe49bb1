import type { EngineState } from '../engine/index.ts';
import { positionOf } from '../engine/index.ts';
import type { Database } from '../store/db.ts';
import type { LoggedEvent } from '../store/queueStore.ts';
import { smsMessages } from './outbox.ts';
import { insertOutbox, type NewOutboxMessage, type WebhookEndpoint } from './webhookStore.ts';

/** A ticket's status that ends it: its phone number is then deleted. */
const endedStatuses = new Set(['done', 'no-show', 'cancelled', 'expired']);

interface Following {
  phone: string;
  ahead: number;
  notified: boolean;
}

/**
 * The citizens who asked for an SMS when few people are ahead of them (issue 25): their numbers are kept
 * in `sms_requests` only while the ticket is open (the commit that ends it clears the number; the retention
 * job clears any left, server/privacy/retention.ts). The notice goes through the office's SMS endpoints'
 * outbox, once, written in the commit that brought the ticket close enough.
 */
export class SmsNotices {
  private readonly byTicket = new Map<number, Following>();

  constructor(
    private readonly db: Database,
    private readonly endpoints: () => readonly WebhookEndpoint[],
    /** People ahead when the SMS goes, unless the request says otherwise (SMS_NOTICE_AHEAD). */
    readonly defaultAhead: number,
  ) {}

  /**
   * Reads the open requests: at start, when this node takes the office over, and now and then for requests taken
   * by another node of a cluster. Adds only those it does not know: what it knows may be newer than a read that
   * raced a commit (a notice just sent), and is never overwritten by it.
   */
  async load(): Promise<void> {
    const rows = await this.db.all<{ ticket_id: number; phone: string; ahead: number; notified_at: number | null }>(
      'SELECT ticket_id, phone, ahead, notified_at FROM sms_requests WHERE phone IS NOT NULL',
    );
    for (const r of rows) {
      if (!this.byTicket.has(r.ticket_id)) this.byTicket.set(r.ticket_id, { phone: r.phone, ahead: r.ahead, notified: r.notified_at !== null });
    }
  }

  /** Whether an SMS endpoint is on: the kiosk offers the notice only then. */
  get available(): boolean {
    return this.endpoints().some((e) => e.enabled && e.kind === 'sms');
  }

  /** Whether any open ticket waits for a notice (else a commit has nothing to look at). */
  get following(): boolean {
    return this.byTicket.size > 0;
  }

  /**
   * Records a request for a waiting ticket; when it is already close enough, the SMS is put in the outbox in the
   * same transaction. Returns whether it was sent at once.
   */
  async request(state: EngineState, ticketId: number, phone: string, ahead: number, now: number): Promise<{ sentNow: boolean }> {
    const ticket = state.tickets.get(ticketId)!;
    const sentNow = positionOf(state, ticket) <= ahead;
    await this.db.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO sms_requests (ticket_id, phone, ahead, created_at, notified_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (ticket_id) DO UPDATE SET phone = excluded.phone, ahead = excluded.ahead, created_at = excluded.created_at, notified_at = excluded.notified_at`,
        [ticketId, phone, ahead, now, sentNow ? now : null],
      );
      if (sentNow) await this.writeNotice(tx, state, ticketId, phone, now);
    });
    this.byTicket.set(ticketId, { phone, ahead, notified: sentNow });
    return { sentNow };
  }

  /** When the SMS of a ticket went (ms), or null; undefined when none was asked for or its number is gone. */
  async notifiedAt(ticketId: number): Promise<number | null | undefined> {
    const row = await this.db.get<{ notified_at: number | null }>('SELECT notified_at FROM sms_requests WHERE ticket_id = ?', [ticketId]);
    return row ? row.notified_at : undefined;
  }

  /**
   * In a commit's transaction: the notices now due (their messages, the rows marked), the numbers of tickets
   * that ended cleared. `committed` updates the memory once the transaction went through.
   */
  async due(tx: Database, after: EngineState, events: readonly LoggedEvent[], now: number): Promise<{ messages: NewOutboxMessage[]; committed: () => void }> {
    const messages: NewOutboxMessage[] = [];
    const notified: number[] = [];
    const ended: number[] = [];
    if (this.byTicket.size === 0) return { messages, committed: () => undefined };
    for (const { ticket } of events) {
      if (ticket && this.byTicket.has(ticket.id) && endedStatuses.has(ticket.status)) ended.push(ticket.id);
    }
    // No gateway on (the hub turned it off): the notices wait, and go once one is on again.
    const canSend = this.available;
    for (const [id, f] of this.byTicket) {
      if (!canSend || f.notified || ended.includes(id)) continue;
      const t = after.tickets.get(id);
      if (t?.status !== 'waiting' || positionOf(after, t) > f.ahead) continue;
      messages.push(...this.message(after, id, f.phone, now));
      notified.push(id);
    }
    if (notified.length > 0) await tx.run(`UPDATE sms_requests SET notified_at = ? WHERE ticket_id IN (${notified.map(() => '?').join(', ')})`, [now, ...notified]);
    if (ended.length > 0) await tx.run(`UPDATE sms_requests SET phone = NULL WHERE ticket_id IN (${ended.map(() => '?').join(', ')})`, ended);
    return {
      messages,
      committed: () => {
        for (const id of notified) this.byTicket.get(id)!.notified = true;
        for (const id of ended) this.byTicket.delete(id);
      },
    };
  }

  /** The retention job cleared numbers: forget them here too. */
  forget(ticketIds: readonly number[]): void {
    for (const id of ticketIds) this.byTicket.delete(id);
  }

  private async writeNotice(tx: Database, state: EngineState, ticketId: number, phone: string, now: number): Promise<void> {
    await insertOutbox(tx, this.message(state, ticketId, phone, now));
  }

  private message(state: EngineState, ticketId: number, phone: string, now: number): NewOutboxMessage[] {
    const t = state.tickets.get(ticketId)!;
    const ahead = positionOf(state, t);
    const text = ahead === 0
      ? `${state.office.name}: il biglietto ${t.number} è il prossimo. Si avvicini agli sportelli.`
      : `${state.office.name}: il biglietto ${t.number} sarà chiamato a breve (${ahead === 1 ? '1 persona' : `${ahead} persone`} prima di lei).`;
    return smsMessages({ to: phone, text }, this.endpoints(), now);
  }
}
