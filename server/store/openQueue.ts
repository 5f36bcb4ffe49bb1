import type { OfficeConfigWarning } from '../../protocol/health.ts';
import type { OfficeConfig } from '../../protocol/office.ts';
import { createState, type EngineState } from '../engine/index.ts';
import type { Database } from './db.ts';
import { QueueStore, type RejectedOffice } from './queueStore.ts';

export interface OpenedQueue {
  state: EngineState;
  lastSeq: number;
  store: QueueStore;
  /** True when the database had no office config yet and `seedOffice` was written to it. */
  seeded: boolean;
  /** Set when the stored office config failed validation and the queue runs on another one: log it and show it. */
  officeWarning?: OfficeConfigWarning | undefined;
}

/**
 * The queue as the database left it, at the instant `now`. The office config is the database's; the
 * config file (`seedOffice`) only seeds a database that has none. A stored config that fails validation
 * never stops the office: it runs on the last config that started cleanly, else on `seedOffice`, and the
 * bad one stays in the database (for the admin to see) until a config is saved over it.
 */
export async function openQueue(db: Database, seedOffice: OfficeConfig, now: number): Promise<OpenedQueue> {
  const store = new QueueStore(db);
  const saved = await store.load(now);
  const office = saved.office ?? seedOffice;
  const state = createState(office, now, saved.state);
  const seeded = !saved.office && !saved.officeRejected;
  if (!saved.state || seeded) await store.init(state);
  const officeWarning = saved.officeRejected && rejectedWarning(saved.officeRejected, saved.office !== undefined);
  return { state, lastSeq: saved.lastSeq, store, seeded, officeWarning };
}

function rejectedWarning({ problems, lastGoodAt }: RejectedOffice, onLastGood: boolean): OfficeConfigWarning {
  const at = lastGoodAt === undefined ? undefined : new Date(lastGoodAt).toISOString();
  const instead = onLastGood
    ? `the hub runs on the last config that started cleanly (first on ${at})`
    : 'no config has started cleanly before, so the hub runs on the config file (OFFICE_CONFIG)';
  return {
    code: 'office-config-invalid',
    message: `The office config stored in the database is not valid (${problems.join('; ')}); ${instead}. Check the office in the manager app and save it, or import a config file, to replace the stored one.`,
    problems,
    runningOn: onLastGood ? 'last-good' : 'config-file',
    ...(onLastGood && at !== undefined ? { lastGoodAt: at } : {}),
  };
}
