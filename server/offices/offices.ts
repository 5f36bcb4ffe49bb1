import type { OfficeRuntime } from './openOffice.ts';

/** The offices running in this hub, by id; the default one answers today's short routes too. */
export class Offices {
  private readonly running = new Map<string, OfficeRuntime>();
  private readonly listeners: ((office: OfficeRuntime) => void)[] = [];

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
