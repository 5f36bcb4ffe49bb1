import type { Database } from '../store/db.ts';
import { FencedOut } from '../store/storageError.ts';

/**
 * Fencing (shared/DESIGN.md §7). A node that takes an office over raises the office's epoch, in a transaction of
 * its own, while it holds the office's advisory lock; from then on it writes each batch only if the epoch is
 * still the one it raised it to. A node that lost its lock connection (a network blip, a long pause) without
 * knowing it then has its next batch refused instead of numbering tickets a second time.
 *
 * The check reads the epoch `FOR SHARE`: a takeover's raise waits for a batch under way to commit, and a batch
 * after the raise sees the new epoch.
 */
export async function raiseEpoch(db: Database, node: string, now: number): Promise<number> {
  const row = await db.get<{ epoch: number }>('UPDATE owner_epoch SET epoch = epoch + 1, node = ?, taken_at = ? WHERE id = 1 RETURNING epoch', [node, now]);
  if (!row) throw new Error('the office has no owner_epoch row (is its schema migrated?)');
  return row.epoch;
}

/** The check run first in every batch's transaction of an office this node owns at `epoch`. */
export function epochFence(officeId: string, epoch: number): (tx: Database) => Promise<void> {
  return async (tx) => {
    const row = await tx.get<{ epoch: number }>('SELECT epoch FROM owner_epoch WHERE id = 1 FOR SHARE');
    if (row?.epoch !== epoch) throw new FencedOut(officeId);
  };
}
