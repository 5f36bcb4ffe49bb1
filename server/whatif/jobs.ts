import { randomUUID } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import type { WhatIfJob, WhatIfRequest } from '../../protocol/whatif.ts';
import { startReplayWorker, type ReplayInput, type WorkerMessage } from './workerEntry.ts';

/** Finished jobs kept for reading and saving (the oldest goes first). */
const jobsKept = 5;

/**
 * The hub's what-if replays: one at a time, each in a worker thread of its own, off the live queue's path.
 * Progress and the result are read by polling (GET /api/whatif/:jobId); a running job can be cancelled.
 */
export class WhatIfJobs {
  private readonly jobs = new Map<string, WhatIfJob>();
  private running: { id: string; worker: Worker } | undefined;

  constructor(
    private readonly input: (request: WhatIfRequest) => ReplayInput,
    private readonly clock: () => number = Date.now,
    private readonly start: (input: ReplayInput) => Worker = startReplayWorker,
  ) {}

  /** Starts a replay; undefined when one is already running. */
  begin(request: WhatIfRequest): WhatIfJob | undefined {
    if (this.running) return undefined;
    const job: WhatIfJob = { id: randomUUID(), state: 'running', progress: 0, startedAt: this.clock(), result: null, error: null };
    this.keep(job);
    const worker = this.start(this.input(request));
    worker.unref();
    this.running = { id: job.id, worker };
    const end = (state: WhatIfJob['state'], error: string | null) => {
      if (this.running?.id === job.id) this.running = undefined;
      if (job.state === 'running') Object.assign(job, { state, error });
    };
    worker.on('message', (m: WorkerMessage) => {
      if (job.state !== 'running') return;
      if (m.type === 'progress') job.progress = m.progress;
      else if (m.type === 'done') {
        Object.assign(job, { progress: 1, result: m.result });
        end('done', null);
      } else end('failed', m.message);
    });
    worker.on('error', (err) => end('failed', err.message));
    worker.on('exit', () => end('failed', 'The replay stopped before it finished.'));
    return job;
  }

  get(id: string): WhatIfJob | undefined {
    return this.jobs.get(id);
  }

  get busyWith(): string | undefined {
    return this.running?.id;
  }

  /** Stops a running job (its worker is terminated); false if it is not running. */
  cancel(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job || job.state !== 'running' || this.running?.id !== id) return false;
    job.state = 'cancelled';
    void this.running.worker.terminate();
    this.running = undefined;
    return true;
  }

  close(): void {
    if (this.running) this.cancel(this.running.id);
  }

  private keep(job: WhatIfJob): void {
    this.jobs.set(job.id, job);
    for (const [id, j] of this.jobs) {
      if (this.jobs.size <= jobsKept) break;
      if (j.state !== 'running') this.jobs.delete(id);
    }
  }
}
