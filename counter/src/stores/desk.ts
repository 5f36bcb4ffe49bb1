import { computed, ref, shallowRef, type Ref } from 'vue';
import type { Answer } from '../../../protocol/errors.ts';
import type { CancelReason } from '../../../protocol/commands.ts';
import type { ClientToServerEvents } from '../../../protocol/events.ts';
import type { DeskMode, OutcomeCount, QueueSnapshot, TicketView } from '../../../protocol/views.ts';
import type { LiveChange } from '../../../ui/liveQueue/useLiveQueue.ts';
import type { ClientAnswer, ClientError } from '../../../ui/socket.ts';
import type { Api } from '../api.ts';
import { useCallbacks, type CallbackNotices } from '../composables/useCallbacks.ts';
import { useDeskToday } from '../composables/useDeskToday.ts';
import { useRoomAlert } from '../composables/useRoomAlert.ts';
import { callableQueue, deskOf, modeToggle, serviceOf, transferTargets } from '../deskQueue.ts';

export type DeskCommand = Extract<keyof ClientToServerEvents, `desk:${string}` | 'ticket:recover' | 'ticket:cancel'>;
export type PayloadOf<E extends DeskCommand> = Parameters<ClientToServerEvents[E]>[0];
type DataOf<E extends DeskCommand> = Parameters<ClientToServerEvents[E]>[1] extends (a: Answer<infer T>) => void ? T : never;

/** Sends a desk command to the hub and resolves with its answer (`ask` on the page's socket). */
export type Send = <E extends DeskCommand>(name: E, payload: PayloadOf<E>) => Promise<ClientAnswer<DataOf<E>>>;

/** What the store needs of the live queue (`useLiveQueue`; a plain ref and an emitter in tests). */
export interface LiveQueueLike {
  snapshot: Readonly<Ref<QueueSnapshot | null>>;
  synced: Readonly<Ref<boolean>>;
  onChange(listener: (c: LiveChange) => void): unknown;
  refresh(): unknown;
}

/** A line for the status region: a message key of the catalogue and its parameters, never text. */
export interface StatusMessage {
  tone: 'ok' | 'error';
  key: string;
  params: Record<string, string | number>;
  /** Counts up, so the same message twice is still a new one. */
  id: number;
}

export interface DeskStoreOptions {
  deskId: string;
  live: LiveQueueLike;
  send: Send;
  api: Api;
  notices: CallbackNotices;
  chime?: () => Promise<boolean>;
  todayRefreshMs?: number;
  /** How long the "Annulla" toast stays after a call, recall, no-show or finish (8 s). */
  undoMs?: number;
}

/**
 * What the "Annulla" toast takes back, and how: a call (or a recall: an announcement cannot be unsaid, so
 * its undo takes the whole call back) puts the ticket back in its place (`desk:requeue`); a no-show brings
 * the ticket back (`ticket:recover`); a finish reopens the ticket at this desk (`desk:reopen`).
 */
export interface UndoOffer {
  kind: 'call' | 'recall' | 'no-show' | 'finish';
  ticketId: number;
  number: string;
  /** Counts up, so a second offer for the same ticket is a new toast. */
  id: number;
}

export type PendingAction = 'call-next' | 'call' | 'recall' | 'start' | 'done' | 'no-show' | 'transfer' | 'park' | 'resume' | 'mode' | 'undo' | 'recover' | 'cancel';

/** Answers after which our picture of the queue is out of date: ask the hub for a fresh one. */
const staleCodes = new Set(['ticket-taken', 'wrong-state', 'desk-busy', 'no-current-ticket', 'unknown-ticket', 'queue-empty']);

/**
 * One desk's screen: the live queue seen from the desk, the clerk's commands with their results in plain
 * words, today's counters, the call-back list and the back-office busy alert. One command at a time: a
 * second press while the hub has not answered is ignored (no double call).
 */
export function createDeskStore(options: DeskStoreOptions) {
  const { deskId, live, send, api } = options;
  const snapshot = live.snapshot;
  const desk = computed(() => deskOf(snapshot.value, deskId));
  const current = computed<TicketView | null>(() => desk.value?.currentTicket ?? null);
  const currentService = computed(() => (current.value ? serviceOf(snapshot.value, current.value.serviceId) : null));
  const queue = computed(() => callableQueue(snapshot.value, desk.value));
  const parked = computed(() => desk.value?.parkedTickets ?? []);
  const targets = computed(() => transferTargets(snapshot.value, desk.value, current.value));
  const nextMode = computed(() => modeToggle(desk.value));
  /** The hub's clock minus ours, for waiting times that do not drift with a wrong PC clock. */
  const clockOffsetMs = computed(() => (snapshot.value ? Date.parse(snapshot.value.serverTime) - Date.now() : 0));

  const pending = ref<PendingAction | null>(null);
  const undo = shallowRef<UndoOffer | null>(null);
  let undoTimer: ReturnType<typeof setTimeout> | undefined;
  let offers = 0;
  function clearUndo() {
    clearTimeout(undoTimer);
    undo.value = null;
  }
  function offerUndo(kind: UndoOffer['kind'], ticket: TicketView) {
    clearUndo();
    undo.value = { kind, ticketId: ticket.id, number: ticket.number, id: ++offers };
    undoTimer = setTimeout(clearUndo, options.undoMs ?? 8000);
  }
  /** Asking the clerk before going back to back-office with citizens parked here (they cannot be resumed there). */
  const backWarning = ref(false);
  const status = shallowRef<StatusMessage | null>(null);
  let messages = 0;

  const today = useDeskToday(api, deskId, options.todayRefreshMs);
  const callbacks = useCallbacks({ api, notices: options.notices, deskId });
  const alert = useRoomAlert({ snapshot, desk, onChange: (l) => live.onChange(l), chime: options.chime });

  function report(tone: StatusMessage['tone'], key: string, params: Record<string, string | number> = {}) {
    status.value = { tone, key, params, id: ++messages };
  }

  function reportError(error: ClientError, params: Record<string, string | number> = {}) {
    report('error', `errors.${error.code}`, { ...params, message: error.message });
  }

  /** Runs one command; true when the hub did it. The status line says what happened either way. */
  async function run<E extends DeskCommand>(
    action: PendingAction, name: E, payload: PayloadOf<E>, done: (data: DataOf<E>) => [string, Record<string, string | number>],
  ): Promise<boolean> {
    if (pending.value) return false;
    pending.value = action;
    if (action !== 'recover' && action !== 'cancel') clearUndo(); // the desk moves on (or takes the slip back): the offer is over
    const number = current.value?.number ?? '';
    const answer = await send(name, payload);
    pending.value = null;
    if (!answer.ok) {
      reportError(answer.error, { number });
      if (staleCodes.has(answer.error.code)) live.refresh();
      return false;
    }
    report('ok', ...done(answer.data));
    void today.refresh();
    return true;
  }

  const ticketResult = (key: string) => (data: { ticket: TicketView }): [string, Record<string, string | number>] => [key, { number: data.ticket.number }];
  /** As `ticketResult`, and the toast offers to take it back. */
  const undoable = (key: string, kind: UndoOffer['kind']) => (data: { ticket: TicketView }): [string, Record<string, string | number>] => {
    offerUndo(kind, data.ticket);
    return [key, { number: data.ticket.number }];
  };

  /** Takes back what the toast offers; true when the hub did it. */
  async function undoLast(): Promise<boolean> {
    const offer = undo.value;
    if (!offer) return false;
    if (offer.kind === 'no-show') return run('undo', 'ticket:recover', { ticketId: offer.ticketId }, ticketResult('result.recovered'));
    if (offer.kind === 'finish') return run('undo', 'desk:reopen', { deskId, ticketId: offer.ticketId }, ticketResult('result.reopened'));
    return run('undo', 'desk:requeue', { deskId }, ticketResult('result.requeued'));
  }
  const ref_ = { deskId };

  return {
    deskId, api, live, snapshot, desk, current, currentService, queue, parked, targets, nextMode, clockOffsetMs,
    synced: live.synced, pending, status, today, callbacks, alert, report, reportError, backWarning,

    undo, undoLast, clearUndo,
    callNext: () => run('call-next', 'desk:call-next', ref_, undoable('result.called', 'call')),
    call: (ticketId: number) => run('call', 'desk:call', { deskId, ticketId }, undoable('result.called', 'call')),
    recall: () => run('recall', 'desk:recall', ref_, undoable('result.recalled', 'recall')),
    start: () => run('start', 'desk:start', ref_, ticketResult('result.started')),
    finish: (outcomes: OutcomeCount[], note?: string) =>
      run('done', 'desk:finish', note ? { deskId, outcomes, note } : { deskId, outcomes }, undoable('result.finished', 'finish')),
    noShow: () => run('no-show', 'desk:no-show', ref_, undoable('result.noShow', 'no-show')),
    recover: (ticketId: number) => run('recover', 'ticket:recover', { ticketId }, ticketResult('result.recovered')),
    cancel: (ticketId: number, reason: CancelReason) => run('cancel', 'ticket:cancel', { ticketId, reason }, ticketResult('result.cancelled')),
    park: () => run('park', 'desk:park', ref_, ticketResult('result.parked')),
    resume: (ticketId: number) => run('resume', 'desk:resume', { deskId, ticketId }, ticketResult('result.resumed')),
    transfer: (serviceId: string, toDeskId?: string) =>
      run('transfer', 'desk:transfer', toDeskId ? { deskId, serviceId, toDeskId } : { deskId, serviceId }, (data) => [
        toDeskId ? 'result.transferredToDesk' : 'result.transferred',
        { number: data.ticket.number, serviceId, desk: deskOf(snapshot.value, toDeskId ?? '')?.name ?? toDeskId ?? '' },
      ]),
    /** Back to back-office with parked citizens is asked first (`backWarning`); `confirmed` once the clerk said yes. */
    setMode: async (mode: DeskMode, confirmed = false) => {
      backWarning.value = false;
      if (mode === 'back' && parked.value.length > 0 && !confirmed) {
        backWarning.value = true;
        return false;
      }
      return run('mode', 'desk:mode', { deskId, mode }, (data) => [`result.mode.${data.desk.mode}`, {}]);
    },
  };
}

export type DeskStore = ReturnType<typeof createDeskStore>;
/** The answer type of a desk command, for callers that send one themselves. */
export type DeskAnswer<E extends DeskCommand> = ClientAnswer<DataOf<E>>;
