import { expect } from 'chai';
import { positionOf } from '../../server/engine/index.ts';
import { hour, minute, Session, T0 } from './driver.ts';

/** A ticket moved from another office of the network keeps its place by its first arrival (shared traffic). */
describe('engine: an issued ticket carrying an earlier arrival', () => {
  it('issue() with arrivedAt ranks the ticket by that arrival, before later walk-ins and after earlier ones', () => {
    const s = new Session().holdAll();
    const early = s.issue('certs');
    s.later(10);
    const late1 = s.issue('certs');
    s.later(5);
    const late2 = s.issue('certs');
    s.later(5);
    const moved = s.issue('certs', { arrivedAt: T0 + 3 * minute, requestId: 'move:other:7' });
    expect(moved.issuedAt).to.equal(T0 + 3 * minute);
    expect(moved.number).to.equal('A004'); // numbered like any new ticket of the day
    expect(positionOf(s.state, moved)).to.equal(1);
    expect(positionOf(s.state, late1)).to.equal(2);
    expect(positionOf(s.state, late2)).to.equal(3);
    expect(s.numbers(s.callNext('desk-1'), s.callNext('desk-2'), s.callNext('desk-3'))).to.deep.equal(
      s.numbers(early, moved, late1),
    );
  });

  it('issue() with arrivedAt keeps priority ahead of it: the arrival ranks only among tickets of its own kind', () => {
    const s = new Session().holdAll();
    s.later(10);
    const priority = s.issue('certs', { priority: true });
    const moved = s.issue('certs', { arrivedAt: T0 });
    expect(positionOf(s.state, moved)).to.equal(1);
    expect(s.callNext('desk-1').id).to.equal(priority.id);
  });

  it('issue() never ranks a ticket by an arrival in the future or before the day began', () => {
    const s = new Session().holdAll();
    s.later(30);
    const future = s.issue('certs', { arrivedAt: s.now + hour });
    expect(future.issuedAt).to.equal(s.now);
    const yesterday = s.issue('certs', { arrivedAt: T0 - 24 * hour });
    // Midnight in Rome (UTC+1 in January) is 23:00 UTC the day before.
    expect(yesterday.issuedAt).to.equal(Date.UTC(2026, 0, 13, 23, 0));
    expect(positionOf(s.state, yesterday)).to.equal(0);
  });

  it('issue() with arrivedAt and a request id seen today returns the ticket already issued', () => {
    const s = new Session().holdAll();
    const first = s.issue('certs', { arrivedAt: T0, requestId: 'move:a:1' });
    s.later(5);
    const again = s.run({ type: 'ticket:issue', serviceId: 'certs', arrivedAt: T0, requestId: 'move:a:1' });
    expect(again.ticketId).to.equal(first.id);
    expect(again.events).to.deep.equal([]);
  });

  it('issue() with arrivedAt is stored and read back with its arrival (a restart keeps the place)', async () => {
    const s = new Session().holdAll();
    s.later(10);
    s.issue('certs');
    const moved = s.issue('certs', { arrivedAt: T0 + minute });
    const restored = await s.restarted(s.now + minute);
    expect(restored.ticket(moved.id).issuedAt).to.equal(T0 + minute);
    expect(positionOf(restored.state, restored.ticket(moved.id))).to.equal(0);
  });
});
