import { applyLogged, type Committed } from '../commands/committer.ts';
import { EngineError, type Command, type EngineState } from '../engine/index.ts';
import type { LoggedEvent, QueueStore } from '../store/queueStore.ts';

/**
 * The real engine on a simulated clock, persisted like the hub persists it: every command goes through
 * `apply` (via the Committer's `applyLogged`), its events get the next seq numbers, and batches of
 * commands are written with `QueueStore.commit` in one transaction each. A batch never spans a day
 * rollover (the rollover drops the day's closed tickets from the state the store reads them from).
 */
export class SimulatedEngine {
  private batchStart: EngineState;
  private batch: LoggedEvent[] = [];
  private lastNow = 0;

  constructor(
    private current: EngineState,
    private lastSeq: number,
    private readonly store: QueueStore,
    /** Sees every logged event, with the state right after its command. */
    private readonly observe: (logged: LoggedEvent, after: EngineState) => void,
    private readonly maxBatchEvents = 5_000,
  ) {
    this.batchStart = current;
  }

  get state(): EngineState {
    return this.current;
  }

  get seq(): number {
    return this.lastSeq;
  }

  /** Applies a command at a simulated instant; a refusal comes back as its EngineError, nothing changed. */
  async run(command: Command, now: number): Promise<Committed | EngineError> {
    if (now < this.lastNow) throw new Error(`Simulated time went backwards (${now} < ${this.lastNow}).`);
    if (now >= this.current.dayEndsAt || this.batch.length >= this.maxBatchEvents) await this.flush();
    let committed: Committed;
    try {
      committed = applyLogged(this.current, command, now, this.lastSeq);
    } catch (err) {
      if (err instanceof EngineError) return err;
      throw err;
    }
    this.lastNow = now;
    this.current = committed.state;
    this.lastSeq += committed.events.length;
    for (const logged of committed.events) {
      this.batch.push(logged);
      this.observe(logged, committed.state);
    }
    return committed;
  }

  /** Lets simulated time pass until `now`, rolling the day over at each local midnight as the hub's timer does. */
  async advanceTo(now: number): Promise<void> {
    while (this.current.dayEndsAt <= now) {
      const tick = await this.run({ type: 'clock:tick' }, Math.max(this.current.dayEndsAt, this.lastNow));
      if (tick instanceof EngineError) throw tick;
    }
  }

  /** Writes the commands applied since the last write in one transaction. */
  async flush(): Promise<void> {
    if (this.batch.length > 0) await this.store.commit(this.batchStart, this.current, this.batch);
    this.batch = [];
    this.batchStart = this.current;
  }
}
