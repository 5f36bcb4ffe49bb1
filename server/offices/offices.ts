import type { OfficeRuntime } from './openOffice.ts';

/** The offices running in this hub, by id; the default one answers today's short routes too. */
export class Offices {
  private readonly running = new Map<string, OfficeRuntime>();
  private readonly listeners: ((office: OfficeRuntime) => void)[] = [];
  /** Offices being created in this process now (not running yet): a cluster round must not open them too. */
  private readonly creating = new Set<string>();

  constructor(readonly defaultOffice: OfficeRuntime) {
    this.running.set(defaultOffice.id, defaultOffice);
  }

  get(id: string): OfficeRuntime | undefined {
    return this.running.get(id);
  }

  has(id: string): boolean {
    return this.running.has(id);
  }

  /** Every office, the default first. */
  all(): OfficeRuntime[] {
    return [...this.running.values()];
  }

  opening(id: string): boolean {
    return this.creating.has(id);
  }

  /** Runs `open` for an office being created here; `opening(id)` says so meanwhile. */
  async create<T>(id: string, open: () => Promise<T>): Promise<T> {
    this.creating.add(id);
    try {
      return await open();
    } finally {
      this.creating.delete(id);
    }
  }

  add(office: OfficeRuntime): void {
    this.running.set(office.id, office);
    for (const listener of this.listeners) listener(office);
  }

  /** `listener` hears of every office, those running now at once and those added later. */
  each(listener: (office: OfficeRuntime) => void): void {
    for (const office of this.running.values()) listener(office);
    this.listeners.push(listener);
  }
}
