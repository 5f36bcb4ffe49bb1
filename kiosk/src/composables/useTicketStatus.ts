import { io } from 'socket.io-client';
import { getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue';
import type { TicketFollowerEvents } from '../../../protocol/events.ts';
import type { RatingValue, TicketRatingState } from '../../../protocol/ratings.ts';
import type { TicketLeaveAnswer, TicketStatusAnswer, TicketStatusView } from '../../../protocol/ticketStatus.ts';
import type { OfficeInfo } from '../../../protocol/views.ts';
import type { Socket } from 'socket.io-client';
import { apiUrl, officeHandshake } from '../../../ui/office.ts';

const finishedStatuses = ['done', 'no-show', 'cancelled', 'expired'];

/**
 * One ticket's state for the citizen's phone. The page reads it once over REST (with the office's facts),
 * then a socket that presents the ticket's link (`{ ticketId, key }`, its only right) receives each
 * change as it happens. While that socket is down the page polls every `everyMs` instead, and at once
 * when it comes back to the front. `key` comes from the ticket's link: without it the hub tells nothing.
 */
export function useTicketStatus(ticketId: number, key: string, everyMs = 10_000) {
  const ticket = shallowRef<TicketStatusView | null>(null);
  const office = shallowRef<OfficeInfo | null>(null);
  const problem = ref<'not-found' | 'unreachable' | null>(null);
  const updatedAt = ref<Date | null>(null);
  const live = ref(false);
  /** Whether the citizen may rate the ticket once it is done (the hub says so with the status). */
  const rating = ref<TicketRatingState>('off');
  let timer: ReturnType<typeof setTimeout> | undefined;
  let socket: Socket<TicketFollowerEvents> | undefined;

  const finished = () => ticket.value !== null && finishedStatuses.includes(ticket.value.status);
  function show(view: TicketStatusView) {
    ticket.value = view;
    problem.value = null;
    updatedAt.value = new Date();
    if (finished()) socket?.disconnect();
  }

  /** The next poll, in `everyMs` unless one is already due: a socket retrying fast must not put it off for ever. */
  function pollLater() {
    if (timer === undefined) timer = setTimeout(() => void load(), everyMs);
  }
  function stopPolling() {
    clearTimeout(timer);
    timer = undefined;
  }

  async function load() {
    stopPolling();
    try {
      const res = await fetch(apiUrl(`/api/tickets/${ticketId}/status?key=${encodeURIComponent(key)}`), { cache: 'no-store' });
      if (res.status === 404 || res.status === 400) problem.value = 'not-found';
      else if (res.ok) {
        const answer = (await res.json()) as TicketStatusAnswer;
        office.value = answer.office;
        rating.value = answer.rating;
        show(answer.ticket);
      } else problem.value = 'unreachable';
    } catch {
      problem.value = 'unreachable';
    }
    if (problem.value === 'not-found' || finished()) return;
    if (!socket) connect();
    if (!socket?.connected) pollLater(); // the fallback while the socket is down (or not up yet)
  }

  function connect() {
    socket = io({ transports: ['websocket', 'polling'], reconnectionDelay: 1000, reconnectionDelayMax: 10_000, auth: { ticketId, key, ...officeHandshake() } }) as Socket<TicketFollowerEvents>;
    socket.on('ticket:status', ({ ticket: view }) => show(view));
    socket.on('connect', () => {
      live.value = true;
      stopPolling(); // the hub sends the ticket's view on connecting
    });
    socket.on('disconnect', () => {
      live.value = false;
      if (!finished()) pollLater();
    });
    socket.on('connect_error', () => {
      live.value = false;
      pollLater();
    });
  }

  /** "Non mi serve più": the ticket is cancelled; true when the hub did it. */
  async function leave(): Promise<boolean> {
    try {
      const res = await fetch(apiUrl(`/api/tickets/${ticketId}/leave?key=${encodeURIComponent(key)}`), { method: 'POST', cache: 'no-store' });
      if (!res.ok) {
        await load();
        return false;
      }
      show(((await res.json()) as TicketLeaveAnswer).ticket);
      return true;
    } catch {
      problem.value = 'unreachable';
      return false;
    }
  }

  /** One face tapped: 'thanks' when the hub kept it, 'already' when the ticket was rated before (phone or tablet), else 'failed'. */
  async function rate(value: RatingValue): Promise<'thanks' | 'already' | 'failed'> {
    try {
      const res = await fetch(apiUrl(`/api/tickets/${ticketId}/rating?key=${encodeURIComponent(key)}`), {
        method: 'POST', cache: 'no-store', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rating: value }),
      });
      if (res.ok) {
        rating.value = 'given';
        return 'thanks';
      }
      const code = ((await res.json().catch(() => null)) as { error?: { code?: string } } | null)?.error?.code;
      if (code === 'already-rated') rating.value = 'given';
      else if (code === 'ratings-off') rating.value = 'off';
      return code === 'already-rated' ? 'already' : 'failed';
    } catch {
      return 'failed';
    }
  }

  const onVisible = () => document.visibilityState === 'visible' && !socket?.connected && void load();
  document.addEventListener('visibilitychange', onVisible);
  void load();
  if (getCurrentScope()) {
    onScopeDispose(() => {
      stopPolling();
      socket?.disconnect();
      document.removeEventListener('visibilitychange', onVisible);
    });
  }
  return { ticket, office, problem, updatedAt, live, leave, rating, rate };
}
