import { io as connect } from 'socket.io-client';
import type { Answer } from '../../protocol/errors.ts';
import type { DeskMode, DeskView, TicketStatus, TicketView } from '../../protocol/views.ts';
import type { TestSocket } from './hub.ts';
import { untyped } from './wire.ts';

/**
 * A mixed office load for crash tests against a child-process hub: kiosks issuing over REST and over
 * Socket.IO with request ids, clerks at several desks calling, starting, finishing, marking no-shows,
 * transferring, parking and resuming, a back-office desk switching modes. Everything the hub
 * acknowledges goes into a ledger, so a test can check it survived a `kill -9`.
 * Every loop is bounded, and every wait has a time limit.
 */

/** mulberry32: a small seeded PRNG, so a failing run can be replayed from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How far along a ticket is within one stretch between transfers; a restart may find it further, never less. */
export const rank: Record<TicketStatus, number> = {
  waiting: 0, called: 1, serving: 2, parked: 2, done: 3, 'no-show': 3, cancelled: 3, expired: 3,
};

/** An acknowledged issue: what to send again to get the same ticket. */
export interface Issued {
  requestId: string;
  payload: { serviceId: string; requestId: string; priority: boolean };
  ticketId: number;
  number: string;
}

/** What the hub acknowledged: answers to requests and changes pushed to a display. */
export class Ledger {
  /** The furthest view of each ticket acknowledged so far. */
  readonly tickets = new Map<number, TicketView>();
  readonly issued: Issued[] = [];
  /** Acknowledgements of each kind of action, so a test can tell the load really did them. */
  readonly actions = new Map<string, number>();
  /** Modes of the mode-switching desk: the last acknowledged one, and one sent but not (yet) answered. */
  readonly modes = new Map<string, { acked: DeskMode; pending: DeskMode | undefined }>();
  maxSeq = 0;
  unexpected: string[] = [];

  ack(t: TicketView): void {
    const known = this.tickets.get(t.id);
    const further = !known || t.transfers.length > known.transfers.length || (t.transfers.length === known.transfers.length && rank[t.status] > rank[known.status]);
    if (further) this.tickets.set(t.id, t);
  }

  count(action: string): void {
    this.actions.set(action, (this.actions.get(action) ?? 0) + 1);
  }
}

/** Talks to one hub with the admin's token, over REST or over a socket; undefined once the hub is gone. */
export interface Channel {
  send<T>(command: string, payload: Record<string, unknown>): Promise<Answer<T> | undefined>;
}

type Json = Record<string, unknown>;

/** REST: `ticket:issue` is `POST /api/tickets`, `desk:<action>` is `POST /api/desks/:deskId/<action>`. */
export function restChannel(url: string, token: string, ledger: Ledger): Channel {
  return {
    async send<T>(command: string, payload: Json) {
      const [noun, verb] = command.split(':') as [string, string];
      const { deskId, ...body } = payload;
      const path = noun === 'ticket' && verb === 'issue' ? '/api/tickets' : `/api/desks/${String(deskId)}/${verb}`;
      let res: Response;
      try {
        res = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(noun === 'desk' ? body : payload) });
      } catch {
        return undefined; // the hub was killed
      }
      const text = await res.text().catch(() => undefined);
      if (text === undefined) return undefined;
      let parsed: { error?: { code: string; message: string } } & Json;
      try {
        parsed = JSON.parse(text) as typeof parsed;
      } catch {
        ledger.unexpected.push(`${command}: ${res.status} ${text.slice(0, 200)}`);
        return undefined;
      }
      return (res.ok ? { ok: true, data: parsed } : { ok: false, error: parsed.error }) as Answer<T>;
    },
  };
}

/** A socket with the admin's token, connected (bounded wait). */
export function adminSocket(url: string, token: string): Promise<TestSocket> {
  const s: TestSocket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket did not connect within 5 s')), 5000);
    s.once('connect', () => (clearTimeout(timer), resolve(s)));
    s.once('connect_error', (err) => (clearTimeout(timer), reject(err)));
  });
}

/** Socket.IO: the command under its own event name; undefined when the socket drops before the answer. */
export function socketChannel(socket: TestSocket, ledger: Ledger, timeoutMs = 5000): Channel {
  return {
    send<T>(command: string, payload: Json) {
      return new Promise<Answer<T> | undefined>((resolve) => {
        if (!socket.connected) return resolve(undefined);
        const done = (answer: Answer<T> | undefined) => {
          clearTimeout(timer);
          socket.off('disconnect', dropped);
          resolve(answer);
        };
        const dropped = () => done(undefined);
        const timer = setTimeout(() => {
          if (socket.connected) ledger.unexpected.push(`${command}: no answer within ${timeoutMs} ms on a connected socket`);
          done(undefined);
        }, timeoutMs);
        socket.once('disconnect', dropped);
        untyped(socket).emit(command, payload, (answer: Answer<T>) => done(answer));
      });
    },
  };
}

const services = ['certs', 'idcard', 'info'] as const;
const outcomeOf: Record<string, string> = { certs: 'certificate', idcard: 'id-card-electronic', info: 'information' };

/** A kiosk tapping at a random pace, each tap with its own request id, now and then retrying the last one. */
export async function kiosk(name: string, channel: Channel, ledger: Ledger, rand: () => number, running: () => boolean): Promise<void> {
  let last: Issued | undefined;
  for (let i = 0; i < 2000 && running(); i++) {
    const retry = last !== undefined && rand() < 0.05;
    const payload = retry ? last!.payload : { serviceId: services[Math.floor(rand() * 3)]!, requestId: `${name}-tap-${i}`, priority: rand() < 0.1 };
    const answer = await channel.send<{ ticket: TicketView }>('ticket:issue', payload);
    if (!answer) return;
    if (!answer.ok) {
      ledger.unexpected.push(`${name} issue: ${JSON.stringify(answer.error)}`);
      return;
    }
    const t = answer.data.ticket;
    ledger.ack(t);
    if (retry) {
      ledger.count('retried');
      if (t.id !== last!.ticketId) ledger.unexpected.push(`${name}: retrying ${payload.requestId} gave ticket ${t.id}, not ${last!.ticketId}`);
    } else {
      last = { requestId: payload.requestId, payload, ticketId: t.id, number: t.number };
      ledger.issued.push(last);
      ledger.count('issued');
    }
    await sleep(5 + rand() * 25);
  }
}

/** What a desk holds, as the hub said when the clerk sat down. */
export interface DeskStart {
  kind: 'front' | 'back';
  mode: DeskMode;
  current: TicketView | null;
  parked: number[];
}

/**
 * A clerk at one desk. The desk's state comes from the hub (after a restart it may hold a ticket or
 * parked ones); a back-office desk opens to the public first and now and then goes back.
 */
export async function clerk(deskId: string, start: DeskStart, channel: Channel, ledger: Ledger, rand: () => number, running: () => boolean): Promise<void> {
  let { mode, current } = start;
  const parked = [...start.parked];
  const act = async (action: string, extra: Json = {}) => channel.send<{ ticket: TicketView }>(`desk:${action}`, { deskId, ...extra });
  const setMode = async (to: DeskMode) => {
    const modes = ledger.modes.get(deskId) ?? { acked: mode, pending: undefined };
    ledger.modes.set(deskId, { ...modes, pending: to });
    const answer = await channel.send<{ desk: DeskView }>('desk:mode', { deskId, mode: to });
    if (!answer) return false;
    if (!answer.ok) {
      ledger.unexpected.push(`${deskId} mode ${to}: ${JSON.stringify(answer.error)}`);
      return false;
    }
    mode = answer.data.desk.mode;
    ledger.modes.set(deskId, { acked: mode, pending: undefined });
    ledger.count('mode');
    return true;
  };

  for (let i = 0; i < 1000 && running(); i++) {
    if (mode !== 'front') {
      if (!(await setMode('front'))) return;
      continue;
    }
    let step: [string, Json] | undefined;
    const r = rand();
    if (!current) {
      if (parked.length > 0 && r < 0.4) step = ['resume', { ticketId: parked[0]! }];
      else if (start.kind === 'back' && r > 0.97) {
        if (!(await setMode('back'))) return;
        continue;
      } else step = ['call-next', {}];
    } else if (current.status === 'called') {
      step = r < 0.12 ? ['no-show', {}] : r < 0.2 ? ['recall', {}] : r < 0.3 ? ['transfer', { serviceId: services.find((s) => s !== current!.serviceId)! }] : ['start', {}];
    } else {
      const outcomes = rand() < 0.5 ? [{ code: outcomeOf[current.serviceId]!, count: 1 }] : [];
      step = r < 0.15 && parked.length < 3 ? ['park', {}] : r < 0.25 ? ['transfer', { serviceId: services.find((s) => s !== current!.serviceId)! }] : ['finish', { outcomes }];
    }
    const [action, extra] = step;
    const answer = await act(action, extra);
    if (!answer) return;
    if (!answer.ok) {
      if (action === 'call-next' && answer.error.code === 'queue-empty') {
        await sleep(3 + rand() * 10);
        continue;
      }
      ledger.unexpected.push(`${deskId} ${action}: ${JSON.stringify(answer.error)}`);
      return;
    }
    const t = answer.data.ticket;
    ledger.ack(t);
    ledger.count(action);
    if (action === 'park') parked.push(t.id);
    if (action === 'resume') parked.splice(parked.indexOf(t.id), 1);
    current = t.status === 'called' || t.status === 'serving' ? t : null;
  }
}
