import { inject, ref, shallowRef, type InjectionKey } from 'vue';
import type { RatingValue } from '../../protocol/ratings.ts';
import type { OfficeInfo } from '../../protocol/views.ts';
import { ask, type HubSocket } from '../../ui/socket.ts';
import { apiUrl } from '../../ui/office.ts';

/** What the tablet shows: waiting for the desk, asking, thanking, or a plain "not in use" when the office does not ask. */
export type FeedbackPhase = 'idle' | 'asking' | 'thanks' | 'already' | 'failed' | 'off';

/** Back to idle this long after the thanks. */
export const thanksMs = 5000;
/** A question nobody answers goes away after this long. */
export const askMs = 90_000;

/**
 * The feedback tablet of one desk. It follows the office's change stream (joined as `feedback:<desk>`),
 * and when its desk finishes a ticket it asks for a rating of that ticket (`rating:give`); after the
 * answer it thanks and goes back to idle. It reads the office's `satisfaction` switch from `/api/office`
 * at start and after every `office:changed`.
 */
export function useFeedbackDesk(socket: HubSocket, deskId: string, token?: string) {
  const phase = ref<FeedbackPhase>('idle');
  const connected = ref(socket.connected);
  const office = shallowRef<OfficeInfo | null>(null);
  const asked = shallowRef<{ ticketId: number; number: string } | null>(null);
  const sending = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;

  const later = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      asked.value = null;
      phase.value = office.value && !office.value.satisfaction ? 'off' : 'idle';
    }, ms);
  };

  async function loadOffice() {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const res = await fetch(apiUrl('/api/office'), { cache: 'no-store', headers }).catch(() => null);
    if (!res?.ok) return;
    office.value = (await res.json()) as OfficeInfo;
    if (!office.value.satisfaction) {
      clearTimeout(timer);
      asked.value = null;
      phase.value = 'off';
    } else if (phase.value === 'off') phase.value = 'idle';
  }

  socket.on('connect', () => {
    connected.value = true;
    void ask(socket, 'session:join', { role: 'feedback', id: deskId });
    void loadOffice();
  });
  socket.on('disconnect', () => (connected.value = false));
  socket.on('office:changed', () => void loadOffice());
  socket.on('ticket:finished', ({ ticket }) => {
    if (ticket.deskId !== deskId || !office.value?.satisfaction) return;
    asked.value = { ticketId: ticket.id, number: ticket.number };
    phase.value = 'asking';
    later(askMs);
  });

  async function rate(rating: RatingValue) {
    const ticket = asked.value;
    if (!ticket || sending.value) return;
    sending.value = true;
    const answer = await ask(socket, 'rating:give', { ticketId: ticket.ticketId, rating });
    sending.value = false;
    phase.value = answer.ok ? 'thanks' : answer.error.code === 'already-rated' ? 'already' : answer.error.code === 'ratings-off' ? 'off' : 'failed';
    later(thanksMs);
  }

  return { phase, connected, office, asked, sending, rate };
}

export type FeedbackDesk = ReturnType<typeof useFeedbackDesk>;
export const feedbackKey: InjectionKey<FeedbackDesk> = Symbol('feedback');

export function useFeedback(): FeedbackDesk {
  const desk = inject(feedbackKey);
  if (!desk) throw new Error('useFeedback() outside the feedback app');
  return desk;
}
