import type { Api } from '../../counter/src/api.ts';
import type { DeskMode, DeskView, QueueSnapshot, ServiceView, TicketView } from '../../protocol/views.ts';
import type { ClientAnswer, ClientError } from '../../ui/socket.ts';

/** Small builders of hub views for the counter's unit tests (the test office: certs, idcard, info). */

let nextId = 100;

export function ticket(fields: Partial<TicketView> = {}): TicketView {
  const id = fields.id ?? nextId++;
  return {
    id, number: `A${String(id).padStart(3, '0')}`, serviceId: 'certs', status: 'waiting', priority: false, appointment: false,
    issuedAt: '2026-11-23T09:00:00.000Z', calledAt: null, startedAt: null, finishedAt: null, deskId: null, assignedDeskId: null,
    recalls: 0, outcomes: [], transfers: [], needs: [], position: 0, estimatedWaitMinutes: 5, ...fields,
  };
}

export function desk(id: string, kind: 'front' | 'back', services: string[], mode: DeskMode = kind): DeskView {
  return { id, name: id, kind, services, mode, currentTicket: null, parkedTicketIds: [], parkedTickets: [], heldBy: null };
}

const service = (id: string, prefix: string, outcomes: string[]): ServiceView => ({
  id, prefix, name: { it: id, en: id }, icon: 'document', outcomes, outcomeNames: outcomes.map((code) => ({ code, name: { it: `${code} (it)`, en: `${code} (en)` } })), open: true, waiting: 0, openDesks: 1, estimatedWaitMinutes: 0, dailyLimit: null, ticketsLeftToday: null, dailyLimitReached: false,
});

export function snapshot(fields: Partial<QueueSnapshot> = {}): QueueSnapshot {
  return {
    seq: 1, day: '2026-11-23', serverTime: '2026-11-23T09:00:00.000Z', officeName: 'Test office', open: true, roomBusy: false,
    services: [service('certs', 'A', ['certificate', 'information', 'second-level']), service('idcard', 'B', ['id-card-electronic']), service('info', 'C', ['information'])],
    desks: [
      desk('desk-1', 'front', ['certs', 'idcard', 'info']),
      desk('desk-2', 'front', ['certs', 'idcard', 'info']),
      desk('desk-3', 'front', ['certs', 'info']),
      desk('back-1', 'back', ['certs', 'idcard']),
    ],
    waiting: [],
    lastCalls: [],
    ...fields,
  };
}

/** A fake REST API: answers by "METHOD /path" from a table of handlers, and records every request. */
export function fakeApi(routes: Record<string, (body: unknown, path: string) => ClientAnswer<unknown> | Promise<ClientAnswer<unknown>>>) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const answer = async (method: string, path: string, body?: unknown) => {
    calls.push({ method, path, body });
    const route = Object.entries(routes).find(([key]) => {
      const [m, p] = key.split(' ');
      return m === method && (p === path || (p!.endsWith('*') && path.startsWith(p!.slice(0, -1))));
    });
    if (!route) return { ok: false as const, error: { code: 'not-found' as const, message: `No route ${method} ${path}.` } };
    return route[1](body, path);
  };
  const api: Api = {
    get: (path) => answer('GET', path) as never,
    post: (path, body) => answer('POST', path, body) as never,
  };
  return { api, calls };
}

export const ok = <T>(data: T): ClientAnswer<T> => ({ ok: true, data });
export const fail = (code: ClientError['code'], message: string = code): ClientAnswer<never> => ({ ok: false, error: { code, message } as ClientError });
