import { expect } from 'chai';
import { arriveBy, dueAt, placeStatus, turnCameAt, waitingAhead, type PlaceFacts } from '../../server/remoteJoin/due.ts';
import { minute, Session, T0 } from '../engine/driver.ts';

/** The pure decision of when a remote place's turn came and when it expires (server/remoteJoin/due.ts). */
describe('remote places: the moment a place would have been called', () => {
  const hold = 30 * minute;
  const placeAt = (s: Session, joinedAt: number, more: Partial<PlaceFacts> = {}): PlaceFacts => ({ day: s.state.day, serviceId: 'certs', joinedAt, dueAt: null, checkedInAt: null, expiredAt: null, ...more });

  it('is not yet while those who came before it still wait and no later walk-in was called', () => {
    const s = new Session().holdAll();
    s.issue('certs');
    s.issue('certs');
    s.later(1);
    const p = placeAt(s, s.now);
    s.later(1);
    s.callNext('desk-1'); // one of those ahead: the place is still behind the other
    expect(turnCameAt(s.state, p, s.now)).to.equal(null);
    expect(waitingAhead(s.state, 'certs', p.joinedAt)).to.equal(1);
    expect(placeStatus(s.state, p, s.now, hold).status).to.equal('waiting');
  });

  it('comes at the first call of a walk-in that joined after it, and expires the hold after', () => {
    const s = new Session().holdAll();
    s.issue('certs');
    s.issue('certs');
    s.issue('certs');
    s.callNext('desk-1');
    s.callNext('desk-2');
    s.callNext('desk-3'); // every desk busy
    s.later(1);
    const p = placeAt(s, s.now);
    s.later(2);
    const later = s.issue('certs');
    s.later(5);
    s.finish('desk-1');
    s.callNext('desk-1');
    const calledAt = s.ticket(later.id).calledAt!;
    s.later(10);
    expect(turnCameAt(s.state, p, s.now)).to.equal(calledAt);
    expect(placeStatus(s.state, p, s.now, hold)).to.deep.equal({ status: 'due', dueAt: calledAt, expiresAt: calledAt + hold });
    expect(arriveBy(s.state, p, s.now, hold).at).to.equal(calledAt + hold);
    expect(placeStatus(s.state, p, calledAt + hold, hold).status).to.equal('expired');
  });

  it('comes now when nobody ahead waits and a desk of the service is free; the first moment noted holds', () => {
    const s = new Session();
    s.later(1);
    const p = placeAt(s, s.now);
    expect(turnCameAt(s.state, p, s.now)).to.equal(null); // no desk held: nobody could call it
    s.hold('desk-1');
    s.later(3);
    expect(turnCameAt(s.state, p, s.now)).to.equal(s.now);
    const noted = s.now;
    s.later(10);
    expect(dueAt(s.state, { ...p, dueAt: noted }, s.now)).to.equal(noted);
    expect(placeStatus(s.state, { ...p, dueAt: noted }, noted + hold, hold).status).to.equal('expired');
  });

  it('ignores calls out of arrival order: priority, appointments and other services', () => {
    const s = new Session().holdAll();
    s.issue('certs');
    s.issue('certs');
    s.issue('certs');
    s.callNext('desk-1');
    s.callNext('desk-2');
    s.callNext('desk-3');
    const p = placeAt(s, s.now);
    s.later(2);
    s.issue('certs', { priority: true });
    s.issue('idcard');
    s.finish('desk-1');
    s.callNext('desk-1'); // the priority ticket
    s.finish('desk-2');
    s.callNext('desk-2'); // the identity card
    expect(turnCameAt(s.state, p, s.now)).to.equal(null);
  });

  it('gives a wait and an arrival time while waiting; a place of an earlier day is expired, one checked in stays so', () => {
    const s = new Session().holdAll();
    s.issue('certs');
    s.issue('certs');
    s.issue('certs');
    s.issue('certs');
    s.callNext('desk-1');
    s.callNext('desk-2');
    s.callNext('desk-3');
    const p = placeAt(s, s.now);
    const advice = arriveBy(s.state, p, s.now, hold);
    expect(advice.ahead).to.equal(1);
    expect(advice.waitMinutes).to.be.a('number');
    expect(advice.at).to.equal(s.now + advice.waitMinutes! * minute);
    expect(placeStatus(s.state, { ...p, day: '2026-01-13' }, s.now, hold).status).to.equal('expired');
    expect(placeStatus(s.state, { ...p, checkedInAt: T0 }, s.now, hold).status).to.equal('checked-in');
    expect(placeStatus(s.state, { ...p, expiredAt: T0 }, s.now, hold).status).to.equal('expired');
  });
});
