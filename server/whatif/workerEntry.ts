import { Worker } from 'node:worker_threads';
import type { OfficeConfig } from '../../protocol/office.ts';
import type { WhatIfRequest, WhatIfResult } from '../../protocol/whatif.ts';

export type WorkerMessage = { type: 'progress'; progress: number } | { type: 'done'; result: WhatIfResult } | { type: 'failed'; message: string };

export interface ReplayInput {
  dbPath: string;
  office: OfficeConfig;
  request: WhatIfRequest;
}

/**
 * Starts the replay worker. From source (tsx: tests, `npm run dev`) it is ./replayWorker.ts behind a small
 * loader (./tsWorker.mjs); in the built hub, dist/hub/index.mjs, it is dist/hub/whatif-worker.mjs, which
 * `npm run build:hub` bundles beside it.
 */
export function startReplayWorker(input: ReplayInput): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    return new Worker(new URL('./tsWorker.mjs', here), { workerData: { ...input, entry: new URL('./replayWorker.ts', here).href } });
  }
  return new Worker(new URL('./whatif-worker.mjs', here), { workerData: input });
}
