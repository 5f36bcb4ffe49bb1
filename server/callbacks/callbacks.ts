import { EventEmitter } from 'node:events';
import type { CallbackOutcome, CallbackView, PreferredTime } from '../../protocol/appointments.ts';
import type { Answer } from '../../protocol/errors.ts';
import type { OfficeConfig } from '../../protocol/office.ts';
import type { Logger } from '../logger.ts';
import { fail, unknownDesk } from '../commands/execute.ts';
import type { CallbackAttemptRow, CallbackRow, CallbackStore } from '../store/callbackStore.ts';

/**
 * Pisa-style call-backs: a citizen who cannot wait leaves a phone number (at a desk, or at the kiosk when
 * the wait runs past closing time); back-office desks call back and close each request with an outcome.
 * Every change is announced as a count only: the list itself (with phone numbers) is for staff to fetch.
 */
/** The few parts of the hub a call-back needs: the office's services, desks and policy, the time, the log. */
export interface CallbackContext {
  readonly office: OfficeConfig;
  clock: () => number;
  log: Logger;
}

export class Callbacks extends EventEmitter<{ changed: [{ open: number }] }> {
  constructor(private readonly store: CallbackStore) {
    super();
  }

  async create(ctx: CallbackContext, c: { serviceId: string; phone: string; preferredTime: PreferredTime; note?: string | undefined; deskId?: string | undefined; kioskId?: string | undefined }): Promise<Answer<{ callback: CallbackView }>> {
    if (!ctx.office.services.some((s) => s.id === c.serviceId)) return fail('unknown-service', `No service "${c.serviceId}".`);
    const noDesk = c.deskId === undefined ? undefined : unknownDesk(ctx.office, c.deskId);
    if (noDesk) return noDesk;
    const row = await this.store.create({
      serviceId: c.serviceId,
      phone: c.phone,
      preferredTime: c.preferredTime,
      note: c.note && c.note !== '' ? c.note : null,
      source: c.deskId !== undefined ? 'desk' : 'kiosk',
      sourceId: c.deskId ?? c.kioskId ?? null,
      createdAt: ctx.clock(),
    });
    ctx.log.info({ callbackId: row.id, source: row.source, sourceId: row.source_id }, 'call-back requested');
    await this.announce();
    return { ok: true, data: { callback: callbackView(row, [], ctx.office.policy.callbackAttempts) } };
  }

  async list(ctx: CallbackContext, status: 'open' | 'closed'): Promise<CallbackView[]> {
    const rows = await this.store.list(status);
    const attempts = await this.store.attemptsOf(rows.map((r) => r.id));
    return rows.map((r) => callbackView(r, attempts.get(r.id) ?? [], ctx.office.policy.callbackAttempts));
  }

  /**
   * One try at calling the citizen back, by a clerk at a desk. "no-answer" keeps it open for another try
   * until the office's `policy.callbackAttempts` tries; any other outcome closes it.
   */
  async close(ctx: CallbackContext, id: number, outcome: CallbackOutcome, deskId: string, username: string): Promise<Answer<{ callback: CallbackView; closed: boolean }>> {
    const noDesk = unknownDesk(ctx.office, deskId);
    if (noDesk) return noDesk;
    const before = await this.store.find(id);
    if (!before) return fail('unknown-callback', `No call-back ${id}.`);
    const maxAttempts = ctx.office.policy.callbackAttempts;
    const tried = await this.store.attempt(id, { outcome, username, deskId, at: ctx.clock(), maxAttempts });
    if (!tried) {
      return fail('wrong-state', `Call-back ${id} is already closed${before.closed_by_desk_id ? ` (by ${before.closed_by_desk_id})` : ''}.`);
    }
    ctx.log.info({ callbackId: id, deskId, outcome, closed: tried.closed }, 'call-back tried');
    await this.announce();
    const attempts = (await this.store.attemptsOf([id])).get(id) ?? [];
    return { ok: true, data: { callback: callbackView((await this.store.find(id))!, attempts, maxAttempts), closed: tried.closed } };
  }

  forgetContactsBefore(before: number, now: number): Promise<number> {
    return this.store.forgetContactsBefore(before, now);
  }

  private async announce(): Promise<void> {
    this.emit('changed', { open: await this.store.countOpen() });
  }
}

export function callbackView(r: CallbackRow, attempts: readonly CallbackAttemptRow[], maxAttempts: number): CallbackView {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    id: r.id,
    serviceId: r.service_id,
    phone: r.phone,
    preferredTime: r.preferred_time,
    note: r.note,
    source: r.source,
    sourceId: r.source_id,
    createdAt: new Date(r.created_at).toISOString(),
    status: r.status,
    outcome: r.outcome,
    closedAt: iso(r.closed_at),
    closedByDeskId: r.closed_by_desk_id,
    attempts: attempts.map((a) => ({ at: new Date(a.at).toISOString(), outcome: a.outcome, username: a.username, deskId: a.desk_id })),
    maxAttempts,
  };
}
