import { applyLogged, type Committed } from '../../server/commands/committer.ts';
import { createState, type Command, type EngineState } from '../../server/engine/index.ts';
import { Db } from '../../server/store/db.ts';
import { migrate } from '../../server/store/migrate.ts';
import { QueueStore, type LoggedEvent } from '../../server/store/queueStore.ts';

interface Written {
  before: EngineState;
  after: EngineState;
  events: LoggedEvent[];
}

/**
 * The engine's commands as the hub writes them, for tests that restart: each applied command is kept
 * with its logged events, and a restart commits those not yet written, one transaction each, to a real
 * SQLite store (in memory, kept across restarts) and rebuilds the state from what the store reads back.
 * A restart test then fails when the store loses something, not only when the engine does.
 */
export class StoreJournal {
  private pending: Written[] = [];
  private seq = 0;
  private opened: Promise<{ db: Db; store: QueueStore }> | undefined;

  constructor(private readonly initial: EngineState) {}

  /** Applies a command as the committer does (a refusal throws, as `apply` does) and keeps what it wrote. */
  apply(state: EngineState, command: Command, now: number): Committed {
    const committed = applyLogged(state, command, now, this.seq);
    this.seq += committed.events.length;
    if (committed.events.length > 0) this.pending.push({ before: state, after: committed.state, events: committed.events });
    return committed;
  }

  /** The state a hub restarted at `now` has: everything applied so far, written to the database and read back. */
  async restart(now: number): Promise<EngineState> {
    const { store } = await (this.opened ??= this.open(now));
    for (const w of this.pending) await store.commit(w.before, w.after, w.events);
    this.pending = [];
    const saved = await store.load(now);
    return createState(saved.office ?? this.initial.office, now, saved.state);
  }

  async close(): Promise<void> {
    if (this.opened) await (await this.opened).db.close();
    this.opened = undefined;
  }

  private async open(now: number) {
    const db = await Db.open(':memory:');
    await migrate(db, now);
    const store = new QueueStore(db);
    await store.init(this.initial);
    return { db, store };
  }
}
