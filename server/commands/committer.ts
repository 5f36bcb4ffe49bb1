import { EventEmitter } from 'node:events';
import type { ApiError } from '../../protocol/errors.ts';
import { apply, EngineError, type Applied, type Command, type EngineState } from '../engine/index.ts';
import type { LoggedEvent, QueueStore } from '../store/queueStore.ts';
import { storageError, type StorageErrorCode } from '../store/storageError.ts';
import type { Logger } from '../logger.ts';

/** A command that went through: the state right after it and its logged events. */
export interface Committed extends Omit<Applied, 'events'> {
  events: LoggedEvent[];
}

/**
 * One command through the engine at the instant `now`, its events numbered as the event log keeps them:
 * consecutive seq numbers from `lastSeq + 1`, the instant, and the ticket's service right after the command.
 * Throws what `apply` throws (an EngineError for a refused command). Pure.
 */
export function applyLogged(state: EngineState, command: Command, now: number, lastSeq: number): Committed {
  const applied = apply(state, command, now);
  const events = applied.events.map((event, i) => ({
    seq: lastSeq + i + 1,
    at: now,
    event,
    serviceId: 'ticketId' in event ? (applied.state.tickets.get(event.ticketId)?.serviceId ?? null) : null,
    ticket: 'ticketId' in event ? (applied.state.tickets.get(event.ticketId) ?? null) : null,
  }));
  return { ...applied, events };
}

export type Outcome = { ok: true; value: Committed } | { ok: false; error: ApiError };

interface Pending {
  command: Command;
  resolve: (outcome: Outcome) => void;
}

export interface CommitterEvents {
  committed: [Committed[]];
}

/** Whether the last write went through, and the latest write that did not (kept after recovery). */
export interface StorageStatus {
  ok: boolean;
  lastError: { code: StorageErrorCode; at: string } | null;
}

/**
 * The single writer. Commands are applied one at a time, in arrival order, to the engine; those that
 * arrive while a transaction is being written are applied together and written in the next one
 * (group commit). Nothing is answered or announced before its transaction has committed; if the
 * transaction fails, the whole batch is answered with the storage error (`storage-full` for a full disk,
 * else `storage-failed`), the state stays as it was, and the next batch is tried afresh.
 */
export class Committer extends EventEmitter<CommitterEvents> {
  private queue: Pending[] = [];
  private writing = false;
  private lastNow = 0;
  private storageStatus: StorageStatus = { ok: true, lastError: null };

  constructor(
    private current: EngineState,
    private lastSeq: number,
    private readonly store: QueueStore,
    private readonly clock: () => number,
    private readonly log: Logger,
    private readonly maxBatch = 256,
  ) {
    super();
  }

  get state(): EngineState {
    return this.current;
  }

  get seq(): number {
    return this.lastSeq;
  }

  /** Whether the last transaction committed; ok again after the next one that does. For /api/health. */
  get storage(): StorageStatus {
    return this.storageStatus;
  }

  submit(command: Command): Promise<Outcome> {
    return new Promise((resolve) => {
      this.queue.push({ command, resolve });
      if (!this.writing) void this.drain();
    });
  }

  /** Resolves when every command submitted so far has been written. */
  async idle(): Promise<void> {
    while (this.writing || this.queue.length > 0) await new Promise((r) => setImmediate(r));
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) await this.writeBatch(this.queue.splice(0, this.maxBatch));
    } finally {
      this.writing = false;
    }
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    const before = this.current;
    let state = before;
    let seq = this.lastSeq;
    const outcomes: Outcome[] = [];
    const logged: LoggedEvent[] = [];
    for (const { command } of batch) {
      const now = (this.lastNow = Math.max(this.lastNow, this.clock()));
      try {
        const committed = applyLogged(state, command, now, seq);
        state = committed.state;
        seq += committed.events.length;
        logged.push(...committed.events);
        outcomes.push({ ok: true, value: committed });
      } catch (err) {
        outcomes.push({ ok: false, error: toApiError(err, this.log) });
      }
    }
    if (logged.length > 0) {
      try {
        await this.store.commit(before, state, logged);
      } catch (err) {
        const error = storageError(err);
        this.storageStatus = { ok: false, lastError: { code: error.code, at: new Date(this.clock()).toISOString() } };
        this.log.error({ err, code: error.code }, `could not write a batch of ${batch.length} command(s); none of them took effect`);
        for (const p of batch) p.resolve({ ok: false, error });
        return;
      }
      if (!this.storageStatus.ok) {
        this.storageStatus = { ok: true, lastError: this.storageStatus.lastError };
        this.log.info('the database takes writes again');
      }
    }
    this.current = state;
    this.lastSeq = seq;
    batch.forEach((p, i) => p.resolve(outcomes[i]!));
    const committed = outcomes.flatMap((o) => (o.ok && o.value.events.length > 0 ? [o.value] : []));
    if (committed.length > 0) this.emit('committed', committed);
  }
}

function toApiError(err: unknown, log: Logger): ApiError {
  if (err instanceof EngineError) return { code: err.code, message: err.message };
  log.error({ err }, 'the engine failed on a command');
  return { code: 'internal', message: 'Something went wrong in the hub.' };
}
