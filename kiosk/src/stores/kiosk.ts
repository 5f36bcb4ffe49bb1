import { computed, shallowRef, watch } from 'vue';
import type { CallbackView, PreferredTime } from '../../../protocol/appointments.ts';
import type { TicketLanguage } from '../../../protocol/commands.ts';
import type { CheckedIn } from '../../../protocol/events.ts';
import type { RemoteCheckedIn } from '../../../protocol/remoteJoin.ts';
import type { CallNeed } from '../../../protocol/needs.ts';
import type { FaqAnswer } from '../../../protocol/faq.ts';
import type { PrinterStatusView, PrintState, ServiceView, TicketView } from '../../../protocol/views.ts';
import { useLiveQueue } from '../../../ui/liveQueue/useLiveQueue.ts';
import { ask, type ClientAnswer, type ClientError, type HubSocket } from '../../../ui/socket.ts';
import { waitVerdict, type WaitVerdict } from '../callbackOffer.ts';
import { codeComplete, typeCode } from '../codeEntry.ts';
import { useOfficeInfo } from '../composables/useOfficeInfo.ts';
import { phoneComplete, typePhone } from '../phoneEntry.ts';
import { postJson } from '../postJson.ts';
import { apiUrl } from '../../../ui/office.ts';
import { smsSteps, type SmsScreen } from './smsSteps.ts';
import { useOfflineIssuing } from '../composables/useOfflineIssuing.ts';
import type { PendingTicket } from '../offline/offlineBook.ts';

export type Offer = Exclude<WaitVerdict, { kind: 'fits' }>;
/** Whose code is typed at the kiosk: an appointment's, or a place taken from home (issue 24). */
export type CodeKind = 'appointment' | 'remote';

/** What the kiosk shows: one screen at a time. */
export type Screen =
  | { name: 'services' }
  | { name: 'priority'; service: ServiceView }
  /** "I need help with being called": the needs chosen so far (several may be), before the ticket is asked for. */
  | { name: 'needs'; service: ServiceView; priority: boolean; needs: readonly CallNeed[] }
  | { name: 'issuing'; service: ServiceView; attempt: number }
  | {
      name: 'ticket'; ticket: TicketView; print: PrintState | null; printer: PrinterStatusView | null;
      /** The citizen's status page (the QR code), signed by the hub. */
      statusUrl: string;
      /** Set for a ticket from an appointment check-in. */
      appointment: CheckedIn['appointment'] | null;
      /** The printer was known to be down before the tap: the screen (and its QR code) is the ticket. */
      printerWasDown: boolean;
    }
  | { name: 'failed'; error: ClientError }
  /** The hub could not be reached: a ticket from this kiosk's block, shown and printed here, reported when the hub is back. */
  | { name: 'offline-ticket'; ticket: PendingTicket; service: ServiceView }
  /** "I have an appointment" or "I joined from home": typing the code; `attempt` > 0 while the hub is being asked. */
  | { name: 'appointment'; kind: CodeKind; code: string; attempt: number; error: ClientError | null }
  /** The wait runs past closing time (or no desk is open): a call-back instead? */
  | { name: 'offer'; service: ServiceView; offer: Offer }
  | { name: 'callback'; service: ServiceView; offer: Offer; phone: string; preferredTime: PreferredTime; sending: boolean; error: ClientError | null }
  | { name: 'callback-done'; service: ServiceView; phone: string; preferredTime: PreferredTime }
  /** While the citizen waits: the shared answers of the service just taken (issue 22). */
  | { name: 'faq'; number: string; answers: readonly FaqAnswer[] }
  | SmsScreen;

export interface KioskStoreOptions {
  kioskId: string;
  socket: HubSocket;
  /** How long to keep retrying an issue or a check-in the hub did not answer before giving up. */
  retryForMs?: number;
  retryEveryMs?: number;
  /** The language the citizen is reading (the kiosk's locale): the paper ticket is printed in it. Italian when left out. */
  language?: () => string;
}

/**
 * The kiosk's state: the office (live queue + public info) and the citizen's way through the screens.
 * A ticket is shown only once the hub has acknowledged it; retries reuse the same request id, so a
 * lost answer or a double tap never makes a second ticket.
 */
export function createKioskStore(options: KioskStoreOptions) {
  const { kioskId, socket } = options;
  const live = useLiveQueue({ socket, join: { role: 'kiosk', id: kioskId }, refreshAfterChangeMs: 1500 });
  const { office, refresh: refreshOffice } = useOfficeInfo();
  live.onChange((c) => { if (c.name === 'office:changed') void refreshOffice(); });
  const screen = shallowRef<Screen>({ name: 'services' });
  const recentPrints = new Map<number, PrinterStatusView>();

  const services = computed(() => live.snapshot.value?.services ?? []);
  const open = computed(() => (live.snapshot.value?.open ?? office.value?.open ?? false));
  // Both the live queue and the office facts (priority step, hours) are needed before a citizen can choose.
  const reachable = computed(() => live.synced.value && office.value !== null);
  const appointments = computed(() => office.value?.appointments === true);
  /** Citizens can join from home: the start screen offers their check-in. */
  const remoteJoin = computed(() => office.value?.remoteJoin === true);
  /** The help with being called this office offers; none leaves the needs step out. */
  const callNeeds = computed(() => office.value?.callNeeds ?? []);

  // The hub's clock decides whether a wait runs past closing time, not this machine's.
  let skewMs = 0;
  watch(() => live.snapshot.value?.serverTime, (t) => { if (t) skewMs = Date.parse(t) - Date.now(); });
  const hubNow = () => Date.now() + skewMs;
  // Numbers held ahead of time, to keep issuing through a network blip.
  const offline = useOfflineIssuing({ kioskId, synced: live.synced, services, timeZone: () => office.value?.timeZone, now: hubNow });
  const language = (): TicketLanguage => (options.language?.() === 'en' ? 'en' : 'it');

  // The last print job's outcome says whether this kiosk's printer works (the start screen warns when not).
  const printerDown = shallowRef<PrinterStatusView | null>(null);

  socket.on('printer:status', (status) => {
    if (status.kioskId !== kioskId) return;
    printerDown.value = status.ok ? null : status;
    if (status.ticketId === undefined) return;
    recentPrints.set(status.ticketId, status);
    if (recentPrints.size > 20) recentPrints.delete(recentPrints.keys().next().value!);
    const s = screen.value;
    if (s.name === 'ticket' && s.ticket.id === status.ticketId) screen.value = { ...s, printer: status };
  });

  function ticketScreen(ticket: TicketView, print: PrintState | undefined, statusUrl: string, appointment: CheckedIn['appointment'] | null = null): Screen {
    const printerWasDown = print === 'printing' && printerDown.value !== null;
    return { name: 'ticket', ticket, print: print ?? null, printer: recentPrints.get(ticket.id) ?? null, statusUrl, appointment, printerWasDown };
  }

  /** Retries an unanswered command with the same payload (same request id) until `retryForMs` has passed, or `stop` says so. */
  async function askWithRetry<T>(send: () => Promise<ClientAnswer<T>>, onAttempt: (attempt: number) => void, stop: () => boolean = () => false): Promise<ClientAnswer<T>> {
    const giveUpAt = Date.now() + (options.retryForMs ?? 30_000);
    for (let attempt = 1; ; attempt++) {
      onAttempt(attempt);
      const answer = await send();
      if (answer.ok || answer.error.code !== 'unreachable' || Date.now() >= giveUpAt || stop()) return answer;
      await new Promise((r) => setTimeout(r, options.retryEveryMs ?? 2000));
    }
  }

  // --- Walk-in tickets -------------------------------------------------------------------------------

  function choose(service: ServiceView) {
    if (screen.value.name !== 'services' || !service.open || service.dailyLimitReached || !open.value) return;
    // Without the hub, a ticket from the kiosk's block: no wait to weigh, no call-back to offer.
    if (!reachable.value) return void (offline.serviceIds.value.includes(service.id) && proceed(service));
    const verdict = waitVerdict({ estimatedWaitMinutes: service.estimatedWaitMinutes, officeOpen: open.value, closesAt: office.value?.closesAt ?? null, now: hubNow() });
    if (verdict.kind !== 'fits') screen.value = { name: 'offer', service, offer: verdict };
    else proceed(service);
  }

  /** On to the priority step (or straight on when the office has none). */
  function proceed(service: ServiceView) {
    if ((office.value?.priorityReasons.length ?? 0) > 0) screen.value = { name: 'priority', service };
    else answerPriority(service, false);
  }

  /** After the priority question: the needs step when the office offers any, else the ticket. */
  function answerPriority(service: ServiceView, priority: boolean) {
    if (screen.value.name === 'issuing' || screen.value.name === 'ticket' || screen.value.name === 'offline-ticket') return; // a second tap
    if (callNeeds.value.length > 0) screen.value = { name: 'needs', service, priority, needs: [] };
    else void issue(service, priority);
  }

  /** Chooses or un-chooses one need on the needs step. */
  function toggleNeed(need: CallNeed) {
    const s = screen.value;
    if (s.name !== 'needs' || !callNeeds.value.includes(need)) return;
    const needs = s.needs.includes(need) ? s.needs.filter((n) => n !== need) : [...s.needs, need];
    screen.value = { ...s, needs };
  }

  /** The needs step's answer: the ticket, with the needs chosen (none for "No, continua"). */
  function confirmNeeds() {
    const s = screen.value;
    if (s.name === 'needs') void issue(s.service, s.priority, s.needs);
  }

  async function issue(service: ServiceView, priority: boolean, needs: readonly CallNeed[] = []) {
    if (screen.value.name === 'issuing' || screen.value.name === 'ticket' || screen.value.name === 'offline-ticket') return; // a second tap
    const payload = { serviceId: service.id, priority, requestId: newRequestId(), kioskId, language: language(), ...(needs.length > 0 ? { needs: [...needs] } : {}) };
    // The socket is down and this kiosk holds numbers of the service: no long retries, a ticket from the block instead.
    const offlineReady = () => !socket.connected && offline.serviceIds.value.includes(service.id);
    const answer = await askWithRetry(
      async () => {
        const viaSocket = await ask(socket, 'ticket:issue', payload);
        if (viaSocket.ok || viaSocket.error.code !== 'unreachable' || !offlineReady()) return viaSocket;
        // The same request (same request id) over HTTP, briefly: the hub may be up behind a socket that is not.
        return postJson<{ ticket: TicketView; print?: PrintState; statusUrl: string }>(apiUrl('/api/tickets'), payload, 4000);
      },
      (attempt) => (screen.value = { name: 'issuing', service, attempt }),
      offlineReady,
    );
    if (!answer.ok && answer.error.code === 'unreachable' && offlineReady()) {
      // Its own request id: if the hub did take the request above after all, the paper's number is still called.
      const ticket = offline.issue(service, priority, needs, newRequestId());
      if (ticket) return void (screen.value = { name: 'offline-ticket', ticket, service });
    }
    if (answer.ok) offline.issuedOnline(answer.data.ticket);
    screen.value = answer.ok ? ticketScreen(answer.data.ticket, answer.data.print, answer.data.statusUrl) : { name: 'failed', error: answer.error };
  }

  // --- Appointment check-in --------------------------------------------------------------------------

  function startAppointment(kind: CodeKind = 'appointment') {
    const offered = kind === 'remote' ? remoteJoin.value : appointments.value;
    if (screen.value.name === 'services' && offered) screen.value = { name: 'appointment', kind, code: '', attempt: 0, error: null };
  }

  function typeAppointmentKey(key: string) {
    const s = screen.value;
    if (s.name !== 'appointment' || s.attempt > 0) return;
    const code = typeCode(s.code, key);
    if (code !== s.code) screen.value = { ...s, code, error: null };
  }

  /** A place's code read by the camera: checked in at once, as if typed and confirmed. */
  function scannedCode(code: string) {
    const s = screen.value;
    if (s.name !== 'appointment' || s.kind !== 'remote' || s.attempt > 0) return;
    screen.value = { ...s, code, error: null };
    void checkIn();
  }

  async function checkIn() {
    const s = screen.value;
    if (s.name !== 'appointment' || s.attempt > 0 || !codeComplete(s.code)) return;
    const checking = (attempt: number, error: ClientError | null = null): Screen => ({ name: 'appointment', kind: s.kind, code: s.code, attempt, error });
    if (s.kind === 'remote') {
      // The place's check-in is its own retry: the same code always gives the same ticket.
      const answer = await askWithRetry(
        () => postJson<RemoteCheckedIn>(apiUrl('/api/remote-join/check-in'), { code: s.code, kioskId, language: language() }),
        (attempt) => (screen.value = checking(attempt)),
      );
      screen.value = answer.ok ? ticketScreen(answer.data.ticket, answer.data.print, answer.data.statusUrl) : checking(0, answer.error);
      return;
    }
    const payload = { code: s.code, kioskId, requestId: newRequestId(), language: language() };
    const answer = await askWithRetry(
      () => ask(socket, 'appointment:check-in', payload),
      (attempt) => (screen.value = checking(attempt)),
    );
    screen.value = answer.ok
      ? ticketScreen(answer.data.ticket, answer.data.print, answer.data.statusUrl, answer.data.appointment)
      : checking(0, answer.error);
  }

  // --- Call-back instead of a wait past closing time --------------------------------------------------

  function takeTicketAnyway() {
    const s = screen.value;
    if (s.name !== 'offer') return;
    screen.value = { name: 'services' };
    proceed(s.service);
  }

  function offerCallback() {
    const s = screen.value;
    if (s.name === 'offer') screen.value = { name: 'callback', service: s.service, offer: s.offer, phone: '', preferredTime: 'any', sending: false, error: null };
  }

  function typePhoneKey(key: string) {
    const s = screen.value;
    if (s.name !== 'callback' || s.sending) return;
    const phone = typePhone(s.phone, key);
    if (phone !== s.phone) screen.value = { ...s, phone, error: null };
  }

  function choosePreferredTime(preferredTime: PreferredTime) {
    const s = screen.value;
    if (s.name === 'callback' && !s.sending) screen.value = { ...s, preferredTime };
  }

  /** Back from the phone screen to the offer (the citizen may still take a number). */
  function backToOffer() {
    const s = screen.value;
    if (s.name === 'callback' && !s.sending) screen.value = { name: 'offer', service: s.service, offer: s.offer };
  }

  async function sendCallback() {
    const s = screen.value;
    if (s.name !== 'callback' || s.sending || !phoneComplete(s.phone)) return;
    screen.value = { ...s, sending: true, error: null };
    // No request id in the call-back contract: an unanswered request is not retried by itself (it might
    // have been stored); the citizen sees the problem and may confirm again.
    const answer = await postJson<{ callback: CallbackView }>(apiUrl('/api/callbacks'), {
      serviceId: s.service.id, phone: s.phone, preferredTime: s.preferredTime, kioskId,
    });
    screen.value = answer.ok
      ? { name: 'callback-done', service: s.service, phone: s.phone, preferredTime: s.preferredTime }
      : { ...s, sending: false, error: answer.error };
  }

  /** Whether the hub is being asked something the citizen is waiting for (no going back meanwhile). */
  const busy = computed(() => {
    const s = screen.value;
    return s.name === 'issuing' || (s.name === 'appointment' && s.attempt > 0) || ((s.name === 'callback' || s.name === 'sms') && s.sending);
  });

  function home() {
    if (!busy.value) screen.value = { name: 'services' };
  }

  /** From the ticket screen to the answers of its service (the idle rule brings the kiosk back to the start). */
  function showFaq(answers: readonly FaqAnswer[]) {
    const s = screen.value;
    if (s.name === 'ticket' && answers.length > 0) screen.value = { name: 'faq', number: s.ticket.number, answers };
  }

  return {
    kioskId, live, office, screen, services, open, reachable, appointments, remoteJoin, busy, printerDown, offline,
    callNeeds, choose, proceed, answerPriority, toggleNeed, confirmNeeds, issue, home, showFaq,
    startAppointment, typeAppointmentKey, checkIn, scannedCode,
    takeTicketAnyway, offerCallback, typePhoneKey, choosePreferredTime, backToOffer, sendCallback,
    ...smsSteps(screen),
  };
}

export type KioskStore = ReturnType<typeof createKioskStore>;

function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
