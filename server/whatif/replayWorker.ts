import { parentPort, workerData } from 'node:worker_threads';
import type { OfficeConfig } from '../../protocol/office.ts';
import type { WhatIfRequest } from '../../protocol/whatif.ts';
import { Db } from '../store/db.ts';
import { runWhatIf } from './replay.ts';
import type { WorkerMessage } from './workerEntry.ts';

/**
 * The what-if worker thread: opens its own read-only connection to the hub's database file (nothing on it
 * can write), replays the period, posts progress and then the result, and ends.
 */
const { dbPath, office, request } = workerData as { dbPath: string; office: OfficeConfig; request: WhatIfRequest };
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

const db = await Db.open(dbPath, { readOnly: true });
try {
  const result = await runWhatIf(db, office, request, (progress) => post({ type: 'progress', progress }));
  post({ type: 'done', result });
} catch (err) {
  post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
} finally {
  await db.close();
}
