import { EventEmitter } from 'node:events';
import type { ApiError } from '../../protocol/errors.ts';
import type { OfficeConfig } from '../../protocol/office.ts';
import { applyLogged, Committer, type Committed, type CommitterEvents, type Outcome, type QueueWriter, type StorageStatus } from '../commands/committer.ts';
import type { Command, EngineState } from '../engine/index.ts';
import type { Logger } from '../logger.ts';
import type { SqlConnection } from '../store/db.ts';
import type { LoggedEvent, QueueStore } from '../store/queueStore.ts';
import { epochFence, raiseEpoch } from './fence.ts';
import { loadCommitted } from './replicaLoad.ts';

/** An owner's commit, as the other nodes apply it again: each command at its instant, its events from `fromSeq` on. */
export interface ReplicatedBatch {
  officeId: string;
  fromSeq: number;
  /** `events`: how many the owner logged for the command; a replica that logs another number is not the owner's copy any more. */
  entries: { command: Command; now: number; events: number }[];
}

/** The owner's answer to a forwarded command: what the command's own answer needs, the state coming with the replicated batch. */
export type ForwardAnswer =
  | { ok: true; seq: number; now: number; ticketId?: number; deskId?: string; events: LoggedEvent[] }
  | { ok: false; error: ApiError };

/** How an office's writer reaches the other nodes (./clusterChannel.ts). */
export interface ClusterLink {
  /** Asks every other node to run `command` if it owns the office: the owner's answer, or undefined when none owns it now. */
  forward(officeId: string, command: Command): Promise<ForwardAnswer | undefined>;
  /** Sends a committed batch to the other nodes. */
  publish(batch: ReplicatedBatch): void;
}

export interface ClusterCommitterOptions {
  officeId: string;
  nodeName: string;
  /** The office's database: its writer connection (a pool on PostgreSQL). */
  db: SqlConnection;
  /** The office's queue store on `db`, fenced while this node owns the office. */
  store: QueueStore;
  clock: () => number;
  log: Logger;
  link: ClusterLink;
  /** How long a forwarded command keeps looking for an owner (a takeover under way) before `office-unavailable`. */
  ownerWaitMs?: number;
}

const unavailable: ApiError = {
  code: 'office-unavailable',
  message: 'No hub node runs this office right now (another is taking it over): nothing was changed. Try again in a moment.',
};

/**
 * An office's writer on one node of a cluster (several hub nodes on one PostgreSQL, shared/DESIGN.md §7).
 *
 * - While this node owns the office (it holds the office's advisory lock: ./ownership.ts), commands go to a real
 *   `Committer`, fenced by the office's epoch (./fence.ts). Each committed batch is sent to the other nodes.
 * - Otherwise the node keeps a replica: it applies the owner's batches, command by command at the owner's
 *   instant, through the same pure engine (`applyLogged`), so its state is the owner's, seq for seq. Reads
 *   (snapshots, positions, views) are then answered here; a command is forwarded to the owner, and answered once
 *   the replica has caught up with it.
 *
 * A gap in the batches (a lost notification) or a takeover makes the replica read the state again from the
 * database, in one consistent snapshot (./replicaLoad.ts).
 */
export class ClusterCommitter extends EventEmitter<CommitterEvents> implements QueueWriter {
  /** The real writer while this node owns the office (also while it finishes its last batches after a hand-over). */
  private owner: Committer | undefined;
  private accepting = false;
  private current: EngineState;
  private lastSeq: number;
  /** Replicated batches not applied yet, by their first seq (notifications may arrive out of order). */
  private readonly buffered = new Map<number, ReplicatedBatch['entries']>();
  private waiters: { seq: number; resolve: () => void }[] = [];
  private gapTimer: NodeJS.Timeout | undefined;
  private reloading: Promise<void> | undefined;
  private readonly ownedListeners: (() => void)[] = [];

  private constructor(
    private readonly options: ClusterCommitterOptions,
    loaded: { state: EngineState; lastSeq: number },
  ) {
    super();
    this.current = loaded.state;
    this.lastSeq = loaded.lastSeq;
  }

  /** A replica of the office as last committed; `fallbackOffice` only when the database holds no config. */
  static async open(options: ClusterCommitterOptions, fallbackOffice: OfficeConfig): Promise<ClusterCommitter> {
    return new ClusterCommitter(options, await loadCommitted(options.db, fallbackOffice, options.clock()));
  }

  get state(): EngineState {
    return this.owner?.state ?? this.current;
  }

  get seq(): number {
    return this.owner?.seq ?? this.lastSeq;
  }

  get storage(): StorageStatus {
    return this.owner?.storage ?? { ok: true, lastError: null };
  }

  /** Whether this node writes the office's commands now. */
  get owns(): boolean {
    return this.owner !== undefined && this.accepting;
  }

  submit(command: Command): Promise<Outcome> {
    return this.owns ? this.submitOwned(command) : this.forward(command);
  }

  /** A command run here, as the owner (its own or one another node forwarded); forwarded on if the office moved meanwhile. */
  async submitOwned(command: Command): Promise<Outcome> {
    const owner = this.owner;
    if (!owner || !this.accepting) return this.forward(command);
    const outcome = await owner.submit(command);
    if (!outcome.ok && outcome.error.code === 'office-moved') {
      this.lose('another node took the office over');
      return this.forward(command);
    }
    return outcome;
  }

  async idle(): Promise<void> {
    await this.owner?.idle();
  }

  /**
   * Becomes the owner, the office's advisory lock being held: raises the epoch (from now on a former owner's
   * writes fail), reads the state as committed, and writes from there. Announces the day's rollover if it is due.
   */
  async takeOver(): Promise<void> {
    const { db, store, officeId, nodeName, clock, log } = this.options;
    const epoch = await raiseEpoch(db, nodeName, clock());
    const loaded = await loadCommitted(db, this.state.office, clock());
    store.guard(epochFence(officeId, epoch));
    const owner = new Committer(loaded.state, loaded.lastSeq, store, clock, log);
    owner.on('committed', (batch) => {
      this.options.link.publish({ officeId, fromSeq: batch[0]!.events[0]!.seq, entries: batch.map((c) => ({ command: c.command, now: c.now, events: c.events.length })) });
      this.emit('committed', batch, 'written');
    });
    this.buffered.clear();
    this.owner = owner;
    this.accepting = true;
    this.current = loaded.state;
    this.lastSeq = loaded.lastSeq;
    this.releaseWaiters();
    log.info({ office: officeId, epoch, seq: loaded.lastSeq }, 'this node took the office over');
    for (const listener of this.ownedListeners) listener();
    if (owner.state.dayEndsAt <= clock()) void owner.submit({ type: 'clock:tick' });
  }

  /** `listener` runs each time this node takes the office over (what only the writer does, e.g. following the network catalogue). */
  whenOwned(listener: () => void): void {
    this.ownedListeners.push(listener);
  }

  /** Stops writing, gracefully: the commands under way are written, later ones are forwarded (to the next owner). */
  async handOver(): Promise<void> {
    const owner = this.owner;
    if (!owner) return;
    this.accepting = false;
    await owner.idle();
    if (this.owner !== owner) return;
    this.current = owner.state;
    this.lastSeq = owner.seq;
    this.owner = undefined;
    this.options.store.guard(undefined);
  }

  /** The office is no longer this node's (its lock connection broke, or a write was fenced): a replica again, read afresh. */
  lose(why: string): void {
    if (!this.owner) return;
    this.options.log.warn({ office: this.options.officeId, why }, 'this node no longer owns the office');
    this.current = this.owner.state;
    this.lastSeq = this.owner.seq;
    this.owner = undefined;
    this.accepting = false;
    // The fence stays: batches the old writer still has under way or queued are checked against the epoch it wrote
    // under, so once another node took over they are refused (office-moved) and forwarded, never written unfenced.
    // The next takeover sets a fence of its own epoch.
    void this.reload();
  }

  /** A batch another node committed. */
  replicate(batch: ReplicatedBatch): void {
    if (this.owner) return; // this node writes the office: only its own batches count (another's would be fenced out)
    if (batch.fromSeq <= this.lastSeq) return;
    this.buffered.set(batch.fromSeq, batch.entries);
    if (!this.reloading) this.applyBuffered();
  }

  private applyBuffered(): void {
    const applied: Committed[] = [];
    try {
      for (let entries = this.buffered.get(this.lastSeq + 1); entries; entries = this.buffered.get(this.lastSeq + 1)) {
        this.buffered.delete(this.lastSeq + 1);
        for (const { command, now, events } of entries) {
          const committed = applyLogged(this.current, command, now, this.lastSeq);
          if (committed.events.length !== events) throw new Error(`the replica logged ${committed.events.length} events where the owner logged ${events}`);
          this.current = committed.state;
          this.lastSeq += committed.events.length;
          applied.push(committed);
        }
      }
    } catch (err) {
      // The owner's command does not apply to this copy: it is not the owner's state any more. Read it again.
      this.options.log.error({ err, office: this.options.officeId }, 'a replicated command did not apply; reading the office again');
      void this.reload();
      return;
    }
    for (const seq of this.buffered.keys()) if (seq <= this.lastSeq) this.buffered.delete(seq);
    if (applied.length > 0) {
      this.emit('committed', applied, 'replayed');
      this.releaseWaiters();
    }
    clearTimeout(this.gapTimer);
    this.gapTimer = undefined;
    // A batch is missing before those held: wait a moment for it (notifications may be reordered), then read afresh.
    if (this.buffered.size > 0) this.gapTimer = setTimeout(() => void this.reload(), 1_000).unref();
  }

  /** Reads the office as committed, then applies the batches that came meanwhile. One reading at a time. */
  private reload(): Promise<void> {
    this.reloading ??= (async () => {
      const { db, clock, log, officeId } = this.options;
      try {
        const loaded = await loadCommitted(db, this.state.office, clock());
        if (!this.owner && loaded.lastSeq >= this.lastSeq) {
          this.current = loaded.state;
          this.lastSeq = loaded.lastSeq;
        }
      } catch (err) {
        log.error({ err, office: officeId }, 'could not read the office again; retrying');
        setTimeout(() => void this.reload(), 1_000).unref();
      } finally {
        this.reloading = undefined;
      }
      if (!this.owner) this.applyBuffered();
      this.releaseWaiters();
    })();
    return this.reloading;
  }

  private async forward(command: Command): Promise<Outcome> {
    const deadline = performance.now() + (this.options.ownerWaitMs ?? 8_000); // real time: tests give the office a fake clock
    for (let attempt = 0; ; attempt++) {
      if (this.owns) return this.submitOwned(command);
      const answer = await this.options.link.forward(this.options.officeId, command);
      if (answer && !answer.ok) return answer;
      if (answer) {
        await this.caughtUp(answer.seq);
        const { now, ticketId, deskId, events } = answer;
        const value: Committed = { state: this.state, events, command, now, ...(ticketId === undefined ? {} : { ticketId }), ...(deskId === undefined ? {} : { deskId }) };
        return { ok: true, value };
      }
      if (performance.now() >= deadline) return { ok: false, error: unavailable };
      await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 400)));
    }
  }

  /**
   * Resolves when this copy includes seq `seq`; after 2 s without it, reads the office again, and after 5 s
   * answers anyway (the command is committed: its answer may then show an older state, never a wrong outcome).
   */
  private caughtUp(seq: number): Promise<void> {
    if (this.seq >= seq) return Promise.resolve();
    return new Promise((resolve) => {
      const reread = setTimeout(() => void this.reload(), 2_000);
      const giveUp = setTimeout(done, 5_000);
      function done() {
        clearTimeout(reread);
        clearTimeout(giveUp);
        resolve();
      }
      this.waiters.push({ seq, resolve: done });
    });
  }

  private releaseWaiters(): void {
    const seq = this.seq;
    const ready = this.waiters.filter((w) => w.seq <= seq);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.seq > seq);
    for (const w of ready) w.resolve();
  }
}
