import type { OfficeConfig } from '../../protocol/office.ts';
import { createState, type EngineState } from '../engine/index.ts';
import type { SqlConnection } from '../store/db.ts';
import { QueueStore } from '../store/queueStore.ts';

/**
 * An office's queue as last committed, read in one REPEATABLE READ transaction: every table as of the same
 * commit, so that `lastSeq` is exactly the last event the state includes, even while the owner node writes.
 * A replica then applies the owner's later commits from `lastSeq + 1` on (see ./clusterCommitter.ts).
 */
export async function loadCommitted(db: SqlConnection, fallbackOffice: OfficeConfig, now: number): Promise<{ state: EngineState; lastSeq: number }> {
  return db.transaction(async (tx) => {
    await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const saved = await new QueueStore(tx).load(now);
    return { state: createState(saved.office ?? fallbackOffice, now, saved.state), lastSeq: saved.lastSeq };
  });
}
