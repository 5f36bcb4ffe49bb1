import { expect } from 'chai';
import { TicketBook, type Ticket } from '../../server/engine/index.ts';

function ticket(id: number, status: Ticket['status'] = 'waiting'): Ticket {
  return {
    id, day: '2026-11-23', seq: id, number: `A${id}`, issuedServiceId: 'certs', serviceId: 'certs', status, priority: false,
    appointmentAt: null, requestId: null, issuedAt: id, calledAt: null, calledBy: null, startedAt: null, finishedAt: null, deskId: null,
    assignedDeskId: null, recalls: 0, outcomes: [], transfers: [], recoveredAt: null, note: null, cancelReason: null, needs: [],
  };
}

describe('engine: TicketBook', () => {
  it('finds tickets from the day’s first id on and older ones below it, and lists them by id', () => {
    const book = TicketBook.of([ticket(5_000_003), ticket(4_999_990, 'expired'), ticket(5_000_001)], 5_000_001);
    expect(book.get(5_000_001)?.number).to.equal('A5000001');
    expect(book.get(4_999_990)?.status).to.equal('expired');
    expect(book.get(5_000_002)).to.equal(undefined);
    expect(book.get(4_999_991)).to.equal(undefined);
    expect(book.values().map((t) => t.id)).to.deep.equal([4_999_990, 5_000_001, 5_000_003]);
  });

  it('with() adds or replaces a ticket in a new book and leaves the old one as it was', () => {
    const before = TicketBook.of([ticket(100), ticket(90, 'expired')], 100);
    const added = before.with(ticket(101));
    const replaced = added.with(ticket(100, 'called')).with(ticket(90, 'cancelled'));
    expect(before.values().map((t) => [t.id, t.status])).to.deep.equal([[90, 'expired'], [100, 'waiting']]);
    expect(added.values().map((t) => t.id)).to.deep.equal([90, 100, 101]);
    expect(replaced.values().map((t) => [t.id, t.status])).to.deep.equal([[90, 'cancelled'], [100, 'called'], [101, 'waiting']]);
  });
});
