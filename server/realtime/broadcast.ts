import type { ChangeEvents } from '../../protocol/events.ts';
import type { Committed } from '../commands/committer.ts';
import type { LoggedEvent } from '../store/queueStore.ts';
import type { EngineState } from '../engine/index.ts';
import { deskView, ticketView } from '../views.ts';
import { officeRoom, type HubServer } from './types.ts';

type Emit = { [K in keyof ChangeEvents]: [K, Parameters<ChangeEvents[K]>[0]] }[keyof ChangeEvents];

/** The wire form of a committed event, with views of the state right after its command. */
export function toWire(state: EngineState, { seq, at, event }: LoggedEvent): Emit {
  const base = { seq, at: new Date(at).toISOString() };
  switch (event.type) {
    case 'desk:changed':
      return [event.type, { ...base, desk: deskView(state, event.deskId) }];
    // Who holds a desk is part of the desk: clients see it as a desk change.
    case 'desk:held':
    case 'desk:released':
      return ['desk:changed', { ...base, desk: deskView(state, event.deskId) }];
    case 'room:busy':
    case 'room:calm':
      return [event.type, { ...base, waiting: event.waiting, longestEstimatedWaitMinutes: event.longestEstimatedWaitMinutes }];
    case 'day:started':
      return [event.type, { ...base, day: event.day }];
    case 'office:changed':
      return [event.type, base];
    case 'kiosk:reserved':
      return [event.type, { ...base, kioskId: event.kioskId, serviceId: event.serviceId, numbers: [...event.numbers] }];
    case 'kiosk:released':
      return [event.type, { ...base, kioskId: event.kioskId, serviceId: event.serviceId, numbers: [...event.numbers], day: event.day }];
    default: {
      const ticket = ticketView(state, state.tickets.get(event.ticketId)!);
      return [event.type, { ...base, ticket, desk: event.deskId ? deskView(state, event.deskId) : null }];
    }
  }
}

/** Pushes every committed change of an office to its room, in sequence order. */
export function broadcastCommitted(io: HubServer, officeId: string, batch: Committed[]): void {
  const room = io.to(officeRoom(officeId));
  for (const committed of batch) {
    for (const logged of committed.events) {
      const [name, payload] = toWire(committed.state, logged);
      (room.emit as (n: string, p: unknown) => void)(name, payload);
    }
  }
}
