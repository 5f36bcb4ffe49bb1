import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OfficeConfig } from '../protocol/office.ts';
import type { WhatIfResult } from '../protocol/whatif.ts';
import { loadOfficeConfig } from '../server/config/office.ts';
import { simulate } from '../server/simulation/simulate.ts';
import { Db } from '../server/store/db.ts';
import { realStaffing } from '../server/whatif/staffing.ts';
import { Worker } from 'node:worker_threads';
import type { WorkerMessage } from '../server/whatif/workerEntry.ts';
import { removeDatabase } from './benchOffice.ts';

/**
 * A what-if replay of a year of Scandicci-sized history (issue 20: under 10 s). The year is 2018 with
 * Scandicci's published monthly accesses for January–September and made-up October–December figures
 * (about 44,000 tickets), simulated once into --dir with the demo office and kept. The replay runs as
 * the hub runs it: in a worker thread on a read-only connection, with the real staffing one desk fewer. The
 * worker is the built one (dist/hub/whatif-worker.mjs, what `npm start` runs; the bench builds first).
 */

const builtWorker = fileURLToPath(new URL('../dist/hub/whatif-worker.mjs', import.meta.url));

const demoOfficePath = fileURLToPath(new URL('../config/office.demo.json', import.meta.url));
export const whatIfYear = { from: '2018-01-01', to: '2018-12-31', monthly: [3366, 4694, 3962, 4038, 3648, 4523, 4383, 3166, 4169, 3000, 2800, 2200] };
export const whatIfTargetMs = 10_000;

export interface WhatIfFigures {
  tickets: number;
  /** From starting the worker to its result (worker start-up, reading the year, replay, figures). */
  wallMs: number;
  /** The replay itself, as the worker timed it. */
  replayMs: number;
  /** CPU time of the whole process during the replay (user + system): the figure a loaded machine does not inflate. */
  cpuMs: number;
  realityMedianWaitMinutes: number;
  replayMedianWaitMinutes: number;
}

async function yearDb(dir: string, office: OfficeConfig, log: (line: string) => void): Promise<string> {
  const path = join(dir, 'whatif-year-2018.db');
  if (existsSync(path)) return path;
  log('simulating a year of Scandicci-sized history for the what-if replay (once; kept in --dir)');
  await removeDatabase(`${path}.partial`);
  const summary = await simulate({ dbPath: `${path}.partial`, office, ...whatIfYear, seed: 1 });
  await rename(`${path}.partial`, path);
  log(`${summary.issued} tickets simulated in ${(summary.elapsedMs / 1000).toFixed(1)} s`);
  return path;
}

function replayInWorker(dbPath: string, office: OfficeConfig, frontDesks: number[][]): Promise<WhatIfResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(builtWorker, { workerData: { dbPath, office, request: { from: whatIfYear.from, to: whatIfYear.to, frontDesks, backDesks: 'when-busy' } } });
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'done') resolve(m.result);
      if (m.type === 'failed') reject(new Error(m.message));
    });
    worker.on('error', reject);
  });
}

export async function measureWhatIf(dir: string, log: (line: string) => void): Promise<WhatIfFigures> {
  const office = await loadOfficeConfig(demoOfficePath);
  const path = await yearDb(dir, office, log);
  const db = await Db.open(path, { readOnly: true });
  const real = await realStaffing(db, office, whatIfYear.from, whatIfYear.to);
  await db.close();
  const fewer = real.frontDesks.map((hours) => hours.map((n) => (n === 0 ? 0 : Math.max(1, n - 1))));
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await replayInWorker(path, office, fewer);
  const wallMs = Math.round(performance.now() - started);
  const used = process.cpuUsage(cpu);
  const cpuMs = Math.round((used.user + used.system) / 1000);
  log(`what-if replay of ${result.replayed} tickets (a year, one desk fewer): ${wallMs} ms (replay ${result.elapsedMs} ms, CPU ${cpuMs} ms)`);
  return {
    tickets: result.replayed,
    wallMs,
    replayMs: result.elapsedMs,
    cpuMs,
    realityMedianWaitMinutes: result.reality.medianWaitMinutes,
    replayMedianWaitMinutes: result.replay.medianWaitMinutes,
  };
}
