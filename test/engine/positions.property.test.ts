import { expect } from 'chai';
import fc from 'fast-check';
import {
  apply, createState, EngineError, positionByScan, positionOf, TicketBook, waitingInCallOrder, waitingTickets, callsBefore, type Command, type EngineState,
} from '../../server/engine/index.ts';
import { snapshot } from '../../server/views.ts';
import { SnapshotCache } from '../../server/snapshotCache.ts';
import { estimateMinutes } from '../../server/engine/waitEstimate.ts';
import { testOffice } from '../helpers/office.ts';
import { minute, T0 } from './driver.ts';

/**
 * Positions by binary search in the call order kept as the engine changes tickets (server/engine/waitEstimate.ts)
 * equal the old scan over the service's waiting tickets, on random queues: after every command (the carried
 * lists) and on a book rebuilt from scratch (the lists built anew).
 */

const office = testOffice();
const desks = ['desk-1', 'desk-2', 'desk-3'];
const services = ['certs', 'idcard', 'info'];

type Step =
  | { kind: 'issue'; service: number; priority: boolean; appointment: number | null }
  | { kind: 'call-next' | 'no-show' | 'requeue' | 'finish'; desk: number }
  | { kind: 'recover' | 'cancel'; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('issue' as const), service: fc.nat({ max: 2 }), priority: fc.boolean(), appointment: fc.option(fc.integer({ min: -20, max: 60 }), { freq: 5 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom('call-next' as const, 'no-show' as const, 'requeue' as const, 'finish' as const), desk: fc.nat({ max: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('recover' as const, 'cancel' as const), pick: fc.nat({ max: 999 }) }) },
);

function toCommand(s: Step, state: EngineState, now: number): Command {
  const all = state.tickets.values();
  const choose = (status: string) => {
    const some = all.filter((t) => t.status === status);
    return some.length > 0 ? some[(s as { pick: number }).pick % some.length]!.id : 1;
  };
  switch (s.kind) {
    case 'issue': {
      const c: Command = { type: 'ticket:issue', serviceId: services[s.service]!, priority: s.priority };
      if (s.appointment !== null) c.appointmentAt = now + s.appointment * minute;
      return c;
    }
    case 'call-next':
      return { type: 'desk:call-next', deskId: desks[s.desk]! };
    case 'no-show':
      return { type: 'desk:no-show', deskId: desks[s.desk]! };
    case 'requeue':
      return { type: 'desk:requeue', deskId: desks[s.desk]! };
    case 'finish':
      return { type: 'desk:finish', deskId: desks[s.desk]!, outcomes: [] };
    case 'recover':
      return { type: 'ticket:recover', ticketId: choose('no-show') };
    case 'cancel':
      return { type: 'ticket:cancel', ticketId: choose('waiting') };
  }
}

function checkPositions(state: EngineState): void {
  for (const t of waitingTickets(state)) expect(positionOf(state, t), `ticket ${t.id}`).to.equal(positionByScan(state, t));
  const order = waitingInCallOrder(state);
  for (let i = 1; i < order.length; i++) expect(callsBefore(order[i - 1]!, order[i]!)).to.equal(true);
  expect(order.length).to.equal(waitingTickets(state).length);
  // The snapshot counts positions and estimates in one pass over the call order: the same figures.
  for (const view of snapshot(state, 0, T0).waiting) {
    const t = state.tickets.get(view.id)!;
    const position = positionByScan(state, t);
    expect(view.position, `ticket ${t.id} in the snapshot`).to.equal(position);
    expect(view.estimatedWaitMinutes).to.equal(estimateMinutes(state, t.serviceId, position));
  }
  // The REST answer's text, joined from each ticket's kept text, is the same snapshot.
  expect(JSON.parse(new SnapshotCache(() => ({ state, seq: 0 })).at(T0).json())).to.deep.equal(JSON.parse(JSON.stringify(snapshot(state, 0, T0))));
}

describe('positions by binary search (property)', () => {
  it('equal the scan over the waiting tickets after every command and on a fresh book', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), step), { minLength: 1, maxLength: 120 }), (steps) => {
        let state = createState(office, T0);
        let now = T0;
        for (const d of desks) state = apply(state, { type: 'desk:hold', deskId: d, clerk: `clerk-${d}`, takeOver: false }, now).state;
        for (const [advance, s] of steps) {
          now += advance * minute;
          // The call order is asked for before each command, so the next book's lists are carried, not rebuilt.
          checkPositions(state);
          try {
            state = apply(state, toCommand(s, state, now), now).state;
          } catch (err) {
            if (!(err instanceof EngineError)) throw err;
          }
        }
        checkPositions(state);
        const rebuilt = { ...state, tickets: TicketBook.of(state.tickets.values(), 0) };
        checkPositions(rebuilt);
      }),
      { numRuns: 150 },
    );
  });

  it('counts the same for a copy of a ticket whose fields differ from the book (as the scan does)', () => {
    let state = createState(office, T0);
    for (let i = 0; i < 6; i++) state = apply(state, { type: 'ticket:issue', serviceId: 'certs', priority: false }, T0 + i * minute).state;
    const third = waitingTickets(state, 'certs')[2]!;
    const promoted = { ...third, priority: true };
    expect(positionOf(state, promoted)).to.equal(positionByScan(state, promoted)).and.to.equal(0);
    const late = { ...third, issuedAt: T0 + 60 * minute };
    expect(positionOf(state, late)).to.equal(positionByScan(state, late)).and.to.equal(5);
  });
});
