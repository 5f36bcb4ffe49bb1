/** A group already has as many tasks waiting as the queue allows. */
export class QueueFull extends Error {
  constructor(readonly group: string) {
    super(`too many tasks waiting for ${group}`);
  }
}

/**
 * Runs at most `concurrency` tasks at once; the others wait in their group's line, and the lines take
 * turns (round robin), so a flood from one group (an address) only delays that group. Each line, and all
 * of them together, holds a bounded number of waiting tasks: beyond that `run` throws `QueueFull`.
 */
export class FairQueue {
  private running = 0;
  /** Group → its waiting tasks' starters, in the order the groups take their turns. */
  private readonly lines = new Map<string, (() => void)[]>();
  private waitingCount = 0;

  constructor(
    private readonly concurrency: number,
    private readonly maxWaitingPerGroup: number,
    private readonly maxWaiting = 1000,
  ) {}

  /** How many tasks are waiting now (all groups). */
  get waiting(): number {
    return this.waitingCount;
  }

  async run<T>(group: string, task: () => Promise<T>): Promise<T> {
    if (this.running < this.concurrency && this.lines.size === 0) this.running++;
    else await this.wait(group);
    try {
      return await task();
    } finally {
      this.handOver();
    }
  }

  /** Waits for a slot; the task that frees one hands it over without giving it back. */
  private wait(group: string): Promise<void> {
    const line = this.lines.get(group) ?? [];
    if (line.length >= this.maxWaitingPerGroup || this.waitingCount >= this.maxWaiting) throw new QueueFull(group);
    return new Promise((resolve) => {
      line.push(resolve);
      this.lines.set(group, line);
      this.waitingCount++;
    });
  }

  private handOver(): void {
    const first = this.lines.entries().next();
    if (first.done) {
      this.running--;
      return;
    }
    const [group, line] = first.value;
    const start = line.shift()!;
    this.waitingCount--;
    // The group goes to the back of the turns, with what it has left.
    this.lines.delete(group);
    if (line.length > 0) this.lines.set(group, line);
    start();
  }
}
