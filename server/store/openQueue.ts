import type { OfficeConfig } from '../../protocol/office.ts';
import { createState, type EngineState } from '../engine/index.ts';
import type { Db } from './db.ts';
import { QueueStore } from './queueStore.ts';

export interface OpenedQueue {
  state: EngineState;
  lastSeq: number;
  store: QueueStore;
  /** True when the database had no office config yet and `seedOffice` was written to it. */
  seeded: boolean;
}

/**
 * The queue as the database left it, at the instant `now`. The office config is the database's; the
 * config file (`seedOffice`) only seeds a database that has none.
 */
export async function openQueue(db: Db, seedOffice: OfficeConfig, now: number): Promise<OpenedQueue> {
  const store = new QueueStore(db);
  const saved = await store.load(now);
  const state = createState(saved.office ?? seedOffice, now, saved.state);
  const seeded = !saved.office;
  if (!saved.state || seeded) await store.init(state);
  return { state, lastSeq: saved.lastSeq, store, seeded };
}
