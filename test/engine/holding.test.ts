import { expect } from 'chai';
import { openDesksFor, serviceEstimateMinutes } from '../../server/engine/index.ts';
import { callsBefore, waitingTickets } from '../../server/engine/waitEstimate.ts';
import { Session } from './driver.ts';

describe('engine: a desk is open only while a clerk holds it (holding)', () => {
  it('a desk nobody holds is refused call-next, call and resume with desk-not-open, and counts as closed', () => {
    const s = new Session();
    const a = s.issue('certs');
    expect(s.desk('desk-1')).to.include({ mode: 'front', heldBy: null });
    expect(s.refused({ type: 'desk:call-next', deskId: 'desk-1' })).to.equal('desk-not-open');
    expect(s.refused({ type: 'desk:call', deskId: 'desk-1', ticketId: a.id })).to.equal('desk-not-open');
    expect(openDesksFor(s.state, 'certs')).to.equal(0);
    expect(serviceEstimateMinutes(s.state, 'certs')).to.equal(null);
    s.hold('desk-1', 'anna');
    expect(s.eventTypes()).to.deep.equal(['desk:held']);
    expect(s.events[0]).to.deep.equal({ type: 'desk:held', deskId: 'desk-1', clerk: 'anna', from: null });
    expect(openDesksFor(s.state, 'certs')).to.equal(1);
    expect(serviceEstimateMinutes(s.state, 'certs')).to.be.a('number');
    const called = s.callNext('desk-1');
    expect(called).to.include({ id: a.id, calledBy: 'anna' });
  });

  it('holding a desk another clerk holds is refused with desk-held unless it is a take-over', () => {
    const s = new Session();
    s.hold('desk-1', 'anna');
    expect(s.refused({ type: 'desk:hold', deskId: 'desk-1', clerk: 'bruno' })).to.equal('desk-held');
    s.hold('desk-1', 'bruno', true);
    expect(s.events).to.deep.equal([{ type: 'desk:held', deskId: 'desk-1', clerk: 'bruno', from: 'anna' }]);
    expect(s.desk('desk-1').heldBy).to.equal('bruno');
    // Holding again what one already holds changes nothing.
    s.hold('desk-1', 'bruno');
    expect(s.events).to.deep.equal([]);
  });

  it('a clerk holds one desk: taking another lets the first go, unless it still has a current ticket', () => {
    const s = new Session();
    s.issue('certs');
    s.hold('desk-1', 'anna');
    s.hold('desk-2', 'anna');
    expect(s.eventTypes()).to.deep.equal(['desk:released', 'desk:held']);
    expect(s.desk('desk-1').heldBy).to.equal(null);
    s.callNext('desk-2');
    expect(s.refused({ type: 'desk:hold', deskId: 'desk-1', clerk: 'anna' })).to.equal('desk-busy');
  });

  it('a release with a current ticket needs a choice; only the holder releases', () => {
    const s = new Session();
    s.issue('certs');
    s.hold('desk-1', 'anna');
    s.callNext('desk-1');
    expect(s.refused({ type: 'desk:release', deskId: 'desk-1', clerk: 'anna' })).to.equal('desk-busy');
    expect(s.refused({ type: 'desk:release', deskId: 'desk-1', clerk: 'bruno', current: { action: 'requeue' } })).to.equal('desk-held');
  });

  it('release with requeue puts the called ticket back in its own place: ahead of later arrivals, priority kept', () => {
    const s = new Session();
    const first = s.issue('certs', { priority: true });
    s.later(1);
    const second = s.issue('certs');
    s.hold('desk-1', 'anna');
    s.call('desk-1', first.id);
    s.later(2);
    const third = s.issue('certs', { priority: true });
    s.release('desk-1', { action: 'requeue' });
    expect(s.eventTypes()).to.deep.equal(['ticket:requeued', 'desk:released']);
    const back = s.ticket(first.id);
    expect(back).to.include({ status: 'waiting', deskId: null, calledAt: null, calledBy: null, priority: true, issuedAt: first.issuedAt });
    expect(s.desk('desk-1')).to.include({ currentTicketId: null, heldBy: null });
    const order = waitingTickets(s.state, 'certs').sort((a, b) => (callsBefore(a, b) ? -1 : 1)).map((t) => t.id);
    expect(order).to.deep.equal([first.id, third.id, second.id]);
    s.hold('desk-2', 'bruno');
    expect(s.callNext('desk-2').id).to.equal(first.id);
  });

  it('release with finish closes the ticket with its outcomes; with transfer sends it to the other queue', () => {
    const s = new Session();
    const a = s.issue('certs');
    const b = s.issue('certs');
    s.hold('desk-1', 'anna');
    s.callNext('desk-1');
    s.start('desk-1');
    s.release('desk-1', { action: 'finish', outcomes: [{ code: 'certificate', count: 2 }] });
    expect(s.ticket(a.id)).to.deep.include({ status: 'done', outcomes: [{ code: 'certificate', count: 2 }] });
    s.hold('desk-1', 'anna');
    s.callNext('desk-1');
    s.release('desk-1', { action: 'transfer', serviceId: 'info' });
    expect(s.ticket(b.id)).to.include({ status: 'waiting', serviceId: 'info' });
    expect(s.eventTypes()).to.deep.equal(['ticket:transferred', 'desk:released']);
  });

  it('away: a called ticket goes back to its place, a served one stays with the desk for the next clerk', () => {
    const s = new Session();
    const a = s.issue('certs');
    const b = s.issue('certs');
    s.hold('desk-1', 'anna');
    s.callNext('desk-1');
    s.run({ type: 'desk:release', deskId: 'desk-1', clerk: null, current: { action: 'away' } });
    expect(s.events).to.deep.equal([
      { type: 'ticket:requeued', ticketId: a.id, deskId: 'desk-1' },
      { type: 'desk:released', deskId: 'desk-1', clerk: 'anna', by: 'hub' },
    ]);
    s.hold('desk-1', 'anna');
    expect(s.callNext('desk-1').id).to.equal(a.id);
    s.start('desk-1');
    s.run({ type: 'desk:release', deskId: 'desk-1', clerk: null, current: { action: 'away' } });
    expect(s.ticket(a.id).status).to.equal('serving');
    expect(s.desk('desk-1')).to.include({ currentTicketId: a.id, heldBy: null });
    expect(s.ticket(b.id).status).to.equal('waiting');
    s.hold('desk-1', 'bruno');
    s.finish('desk-1');
    expect(s.ticket(a.id).status).to.equal('done');
  });

  it('who holds a desk and who called a ticket survive a restart through the store', async () => {
    const s = new Session();
    s.issue('certs');
    s.hold('desk-1', 'anna');
    s.callNext('desk-1');
    const restored = await s.restarted(s.now);
    expect(restored.desk('desk-1').heldBy).to.equal('anna');
    expect(restored.ticket(1).calledBy).to.equal('anna');
  });
});
