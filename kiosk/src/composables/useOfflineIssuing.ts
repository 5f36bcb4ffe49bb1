import { computed, getCurrentScope, onScopeDispose, shallowRef, watch, type Ref } from 'vue';
import type { KioskBlocksAnswer, OfflineReportAnswer } from '../../../protocol/kioskBlocks.ts';
import type { CallNeed } from '../../../protocol/needs.ts';
import type { ServiceView } from '../../../protocol/views.ts';
import { apiUrl, officeKey } from '../../../ui/office.ts';
import { OfflineBook, officeDay, type PendingTicket } from '../offline/offlineBook.ts';
import { postJson } from '../postJson.ts';

export interface OfflineIssuingOptions {
  kioskId: string;
  /** Connected, joined and up to date with the hub. */
  synced: Readonly<Ref<boolean>>;
  services: Readonly<Ref<readonly ServiceView[]>>;
  /** The office's time zone (the day a block is of), once known. */
  timeZone: () => string | undefined;
  /** The hub's clock as this kiosk best knows it. */
  now: () => number;
  /** How often to top the blocks up and report while online (a new day's blocks, numbers used meanwhile). */
  refreshEveryMs?: number;
}

/**
 * A kiosk that keeps issuing through a network blip (issue 25). While the hub answers, the kiosk keeps its
 * blocks of reserved numbers topped up; while it cannot, it issues from them, and as soon as the hub is back
 * it reports what it issued, with the real tap times, in one request. Blocks and pending tickets are kept in
 * localStorage, so a reload loses neither.
 */
export function useOfflineIssuing(options: OfflineIssuingOptions) {
  const book = new OfflineBook(globalThis.localStorage, officeKey(`pc-kiosk-offline:${options.kioskId}`));
  // Bumped on every change of the book, so what the page shows follows it.
  const version = shallowRef(0);
  const changed = () => (version.value += 1);
  let syncing: Promise<void> | undefined;

  const today = () => {
    const zone = options.timeZone();
    return zone ? officeDay(options.now(), zone) : '';
  };
  /** Services the kiosk can issue without the hub right now. */
  const serviceIds = computed(() => (version.value, book.servicesWithNumbers(today())));
  const pending = computed(() => (version.value, book.pending.length));

  /** Reports the pending tickets (if any), then tops the blocks up; one at a time. */
  function sync(): Promise<void> {
    syncing ??= (async () => {
      try {
        await report();
        await topUp();
      } finally {
        syncing = undefined;
      }
    })();
    return syncing;
  }

  async function report(): Promise<void> {
    const tickets = book.pending.map(({ number: _printed, ...t }) => t);
    if (tickets.length === 0) return;
    const answer = await postJson<OfflineReportAnswer>(apiUrl('/api/kiosk/offline-tickets'), { tickets });
    if (!answer.ok) return; // not reached, or refused as a whole: every ticket stays pending for the next try
    const { refused } = book.settle(answer.data.results);
    // A refused ticket cannot be taken later either (its number is not this kiosk's, or not of today): say so where staff look.
    for (const t of refused) console.warn(`offline ticket ${t.number} was refused by the hub`, answer.data.results.find((r) => r.requestId === t.requestId));
    book.setBlocks(answer.data);
    changed();
  }

  async function topUp(): Promise<void> {
    const serviceIds = options.services.value.filter((s) => s.open).map((s) => s.id);
    if (serviceIds.length === 0) return;
    const answer = await postJson<KioskBlocksAnswer>(apiUrl('/api/kiosk/blocks'), { serviceIds });
    if (!answer.ok) return;
    book.setBlocks(answer.data);
    changed();
  }

  /** A ticket from the service's block, for a citizen who tapped now; undefined when the block is empty. */
  function issue(service: ServiceView, priority: boolean, needs: readonly CallNeed[], requestId: string): PendingTicket | undefined {
    const ticket = book.issue(today(), {
      serviceId: service.id, tappedAt: Math.round(options.now()), requestId, ...(priority ? { priority } : {}), ...(needs.length > 0 ? { needs: [...needs] } : {}),
    });
    changed();
    return ticket;
  }

  /** A ticket the hub issued this kiosk online: a number of its block is used; top up again. */
  function issuedOnline(ticket: { serviceId: string; number: string }): void {
    book.used(ticket.serviceId, ticket.number);
    changed();
    void sync();
  }

  // Back online (or just started): report, then top up; and now and then while online.
  watch(options.synced, (synced) => { if (synced) void sync(); }, { immediate: true });
  const timer = setInterval(() => { if (options.synced.value) void sync(); }, options.refreshEveryMs ?? 5 * 60_000);
  if (getCurrentScope()) onScopeDispose(() => clearInterval(timer));

  return { serviceIds, pending, issue, issuedOnline, sync };
}

export type OfflineIssuing = ReturnType<typeof useOfflineIssuing>;
