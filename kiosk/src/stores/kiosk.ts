import { computed, shallowRef } from 'vue';
import type { PrinterStatusView, PrintState, ServiceView, TicketView } from '../../../protocol/views.ts';
import { useLiveQueue } from '../../../ui/liveQueue/useLiveQueue.ts';
import { ask, type ClientError, type HubSocket } from '../../../ui/socket.ts';
import { useOfficeInfo } from '../composables/useOfficeInfo.ts';

/** What the kiosk shows: one screen at a time. */
export type Screen =
  | { name: 'services' }
  | { name: 'priority'; service: ServiceView }
  | { name: 'issuing'; service: ServiceView; attempt: number }
  | { name: 'ticket'; ticket: TicketView; print: PrintState | null; printer: PrinterStatusView | null }
  | { name: 'failed'; error: ClientError };

export interface KioskStoreOptions {
  kioskId: string;
  socket: HubSocket;
  /** How long to keep retrying an issue the hub did not answer before giving up. */
  retryForMs?: number;
  retryEveryMs?: number;
}

/**
 * The kiosk's state: the office (live queue + public info) and the citizen's way through the screens.
 * A ticket is shown only once the hub has acknowledged it; retries reuse the same request id, so a
 * lost answer or a double tap never makes a second ticket.
 */
export function createKioskStore(options: KioskStoreOptions) {
  const { kioskId, socket } = options;
  const live = useLiveQueue({ socket, join: { role: 'kiosk', id: kioskId }, refreshAfterChangeMs: 1500 });
  const { office } = useOfficeInfo();
  const screen = shallowRef<Screen>({ name: 'services' });
  const recentPrints = new Map<number, PrinterStatusView>();

  const services = computed(() => live.snapshot.value?.services ?? []);
  const open = computed(() => (live.snapshot.value?.open ?? office.value?.open ?? false));
  // Both the live queue and the office facts (priority step, hours) are needed before a citizen can choose.
  const reachable = computed(() => live.synced.value && office.value !== null);

  socket.on('printer:status', (status) => {
    if (status.kioskId !== kioskId || status.ticketId === undefined) return;
    recentPrints.set(status.ticketId, status);
    if (recentPrints.size > 20) recentPrints.delete(recentPrints.keys().next().value!);
    const s = screen.value;
    if (s.name === 'ticket' && s.ticket.id === status.ticketId) screen.value = { ...s, printer: status };
  });

  function choose(service: ServiceView) {
    if (screen.value.name !== 'services' || !service.open || !open.value) return;
    if ((office.value?.priorityReasons.length ?? 0) > 0) screen.value = { name: 'priority', service };
    else void issue(service, false);
  }

  async function issue(service: ServiceView, priority: boolean) {
    if (screen.value.name === 'issuing' || screen.value.name === 'ticket') return; // a second tap
    const requestId = newRequestId();
    const payload = { serviceId: service.id, priority, requestId, kioskId };
    const giveUpAt = Date.now() + (options.retryForMs ?? 30_000);
    for (let attempt = 1; ; attempt++) {
      screen.value = { name: 'issuing', service, attempt };
      const answer = await ask(socket, 'ticket:issue', payload);
      if (answer.ok) {
        const { ticket, print } = answer.data;
        screen.value = { name: 'ticket', ticket, print: print ?? null, printer: recentPrints.get(ticket.id) ?? null };
        return;
      }
      if (answer.error.code !== 'unreachable' || Date.now() >= giveUpAt) {
        screen.value = { name: 'failed', error: answer.error };
        return;
      }
      await new Promise((r) => setTimeout(r, options.retryEveryMs ?? 2000));
    }
  }

  function home() {
    if (screen.value.name !== 'issuing') screen.value = { name: 'services' };
  }

  return { kioskId, live, office, screen, services, open, reachable, choose, issue, home };
}

export type KioskStore = ReturnType<typeof createKioskStore>;

function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
