/** Runs jobs one at a time, in order, with at most `capacity` jobs waiting or running. */
export class JobQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private count = 0;

  constructor(readonly capacity: number) {}

  /** Jobs waiting or running. */
  get size(): number {
    return this.count;
  }

  /** Queues a job; null when the queue is full (the job is not run). A failing job does not stop the next. */
  push<T>(job: () => Promise<T>): Promise<T> | null {
    if (this.count >= this.capacity) return null;
    this.count += 1;
    const run = this.tail.then(job).finally(() => (this.count -= 1));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Resolves once every job queued so far has finished. */
  async idle(): Promise<void> {
    await this.tail;
  }
}
