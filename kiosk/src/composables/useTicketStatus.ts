import { getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue';
import type { TicketStatusAnswer, TicketStatusView } from '../../../protocol/ticketStatus.ts';
import type { OfficeInfo } from '../../../protocol/views.ts';

/**
 * One ticket's state for the citizen's phone, read every few seconds (and at once when the page comes
 * back to the front). Polling keeps a phone on a weak connection simple and cheap for the hub. `key`
 * comes from the ticket's link: without it the hub tells nothing.
 */
export function useTicketStatus(ticketId: number, key: string, everyMs = 10_000) {
  const ticket = shallowRef<TicketStatusView | null>(null);
  const office = shallowRef<OfficeInfo | null>(null);
  const problem = ref<'not-found' | 'unreachable' | null>(null);
  const updatedAt = ref<Date | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function load() {
    clearTimeout(timer);
    try {
      const res = await fetch(`/api/tickets/${ticketId}/status?key=${encodeURIComponent(key)}`, { cache: 'no-store' });
      if (res.status === 404 || res.status === 400) problem.value = 'not-found';
      else if (res.ok) {
        const answer = (await res.json()) as TicketStatusAnswer;
        ticket.value = answer.ticket;
        office.value = answer.office;
        problem.value = null;
        updatedAt.value = new Date();
      } else problem.value = 'unreachable';
    } catch {
      problem.value = 'unreachable';
    }
    const finished = ticket.value && !['waiting', 'called', 'serving', 'parked'].includes(ticket.value.status);
    if (problem.value !== 'not-found' && !finished) timer = setTimeout(() => void load(), everyMs);
  }

  const onVisible = () => document.visibilityState === 'visible' && void load();
  document.addEventListener('visibilitychange', onVisible);
  void load();
  if (getCurrentScope()) {
    onScopeDispose(() => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    });
  }
  return { ticket, office, problem, updatedAt };
}
