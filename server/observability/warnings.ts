import type { HubWarning } from '../../protocol/health.ts';

/** What an admin must look at although the hub runs (`/api/health`, the manager app's banner); one per code. */
export class HubWarnings {
  private readonly byCode = new Map<HubWarning['code'], HubWarning>();

  set(warning: HubWarning): void {
    this.byCode.set(warning.code, warning);
  }

  has(code: HubWarning['code']): boolean {
    return this.byCode.has(code);
  }

  clear(code: HubWarning['code']): void {
    this.byCode.delete(code);
  }

  list(): HubWarning[] {
    return [...this.byCode.values()];
  }
}
