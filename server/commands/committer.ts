import { EventEmitter } from 'node:events';
import type { ApiError } from '../../protocol/errors.ts';
import { apply, EngineError, type Applied, type Command, type EngineState } from '../engine/index.ts';
import type { LoggedEvent, QueueStore } from '../store/queueStore.ts';
import { failsEveryWrite, storageError, type StorageErrorCode } from '../store/storageError.ts';
import type { Logger } from '../logger.ts';

/** A command that went through: the state right after it and its logged events, and the command at its instant (a replica applies it again). */
export interface Committed extends Omit<Applied, 'events'> {
  events: LoggedEvent[];
  command: Command;
  now: number;
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
  return { ...applied, events, command, now };
}

export type Outcome = { ok: true; value: Committed } | { ok: false; error: ApiError };

interface Pending {
  command: Command;
  resolve: (outcome: Outcome) => void;
  /** The instant the command was applied at (kept so that a retry applies it at the same instant). */
  now?: number;
}

/**
 * `written`: this process committed the batch. `replayed`: another hub node did, and this one applied it to its
 * copy of the state (server/cluster/): the pushes and the audit belong to the node that wrote it.
 */
export type CommitOrigin = 'written' | 'replayed';

export interface CommitterEvents {
  committed: [Committed[], CommitOrigin];
}

/** What the rest of the hub uses of an office's writer: the state, the commands' path, and the news of each commit. */
export interface QueueWriter extends EventEmitter<CommitterEvents> {
  readonly state: EngineState;
  readonly seq: number;
  readonly storage: StorageStatus;
  submit(command: Command): Promise<Outcome>;
  idle(): Promise<void>;
}

/** Whether the last write went through, and the latest write that did not (kept after recovery). */
export interface StorageStatus {
  ok: boolean;
  lastError: { code: StorageErrorCode; at: string } | null;
}

/**
 * The single writer. Commands are applied one at a time, in arrival order, to the engine; those that
 * arrive while a transaction is being written are applied together and written in the next one
 * (group commit). Nothing is answered or announced before its transaction has committed.
 *
 * A batch whose transaction fails is then written again one command at a time, so that one command the
 * database refuses (a constraint, a bug in what it writes) fails alone: the others are applied again, in
 * order, to the state without it, and commit. When the database itself fails (a full disk: `storage-full`;
 * locked, unreadable or read-only: `storage-failed`) every command of the batch gets that error at once,
 * the state stays as it was, and the next batch is tried afresh.
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
    const applied = this.applyAll(batch);
    try {
      if (applied.logged.length > 0) await this.store.commit(this.current, applied.state, applied.logged);
    } catch (err) {
      if (batch.length > 1 && !failsEveryWrite(err)) {
        this.log.warn({ err }, `a batch of ${batch.length} commands could not be written; writing them one by one`);
        await this.writeOneByOne(batch);
      } else {
        this.failAll(batch, err);
      }
      return;
    }
    this.storageRecovered(applied.logged.length);
    this.settle(batch, applied);
  }

  /** Applies the commands in order from the current state, each at its instant (a new one the first time). */
  private applyAll(batch: readonly Pending[]) {
    let state = this.current;
    let seq = this.lastSeq;
    const outcomes: Outcome[] = [];
    const logged: LoggedEvent[] = [];
    for (const pending of batch) {
      pending.now ??= this.lastNow = Math.max(this.lastNow, this.clock());
      try {
        const committed = applyLogged(state, pending.command, pending.now, seq);
        state = committed.state;
        seq += committed.events.length;
        logged.push(...committed.events);
        outcomes.push({ ok: true, value: committed });
      } catch (err) {
        outcomes.push({ ok: false, error: toApiError(err, this.log) });
      }
    }
    return { state, seq, outcomes, logged };
  }

  /** A batch that failed, again, one transaction per command: a command the database refuses fails alone. */
  private async writeOneByOne(batch: readonly Pending[]): Promise<void> {
    for (const [i, pending] of batch.entries()) {
      const applied = this.applyAll([pending]);
      try {
        if (applied.logged.length > 0) await this.store.commit(this.current, applied.state, applied.logged);
      } catch (err) {
        if (failsEveryWrite(err)) return this.failAll(batch.slice(i), err);
        this.log.error({ err, command: pending.command.type }, 'the database refused a command; it alone failed');
        pending.resolve({ ok: false, error: storageError(err) });
        continue;
      }
      this.storageRecovered(applied.logged.length);
      this.settle([pending], applied);
    }
  }

  private failAll(batch: readonly Pending[], err: unknown): void {
    const error = storageError(err);
    this.storageStatus = { ok: false, lastError: { code: error.code, at: new Date(this.clock()).toISOString() } };
    this.log.error({ err, code: error.code }, `could not write a batch of ${batch.length} command(s); none of them took effect`);
    for (const p of batch) p.resolve({ ok: false, error });
  }

  private storageRecovered(written: number): void {
    if (written === 0 || this.storageStatus.ok) return;
    this.storageStatus = { ok: true, lastError: this.storageStatus.lastError };
    this.log.info('the database takes writes again');
  }

  /** Makes a written batch the current state, answers its commands and announces what changed. */
  private settle(batch: readonly Pending[], applied: ReturnType<Committer['applyAll']>): void {
    this.current = applied.state;
    this.lastSeq = applied.seq;
    batch.forEach((p, i) => p.resolve(applied.outcomes[i]!));
    const committed = applied.outcomes.flatMap((o) => (o.ok && o.value.events.length > 0 ? [o.value] : []));
    if (committed.length > 0) this.emit('committed', committed, 'written');
  }
}

function toApiError(err: unknown, log: Logger): ApiError {
  if (err instanceof EngineError) return { code: err.code, message: err.message };
  log.error({ err }, 'the engine failed on a command');
  return { code: 'internal', message: 'Something went wrong in the hub.' };
}
