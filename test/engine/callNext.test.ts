import { expect } from 'chai';
import { testOffice } from '../helpers/office.ts';
import { minute, Session, T0 } from './driver.ts';

describe('engine: calling tickets', () => {
  describe('callNext()', () => {
    it('callNext() calls the longest-waiting ticket and gives it to the desk', () => {
      const s = new Session().holdAll();
      const first = s.issue('certs');
      s.later(1).issue('info');
      s.later(1).issue('certs');
      s.later(5);
      const called = s.callNext('desk-1');
      expect(called.id).to.equal(first.id);
      expect(called).to.include({ status: 'called', deskId: 'desk-1', calledAt: T0 + 7 * minute });
      expect(s.events).to.deep.equal([{ type: 'ticket:called', ticketId: first.id, deskId: 'desk-1', clerk: 'clerk-desk-1' }]);
      expect(s.desk('desk-1').currentTicketId).to.equal(first.id);
      expect(s.state.lastCalls).to.deep.equal([{ ticketId: first.id, deskId: 'desk-1', at: T0 + 7 * minute, recall: false }]);
    });

    it('callNext() takes the longest-waiting ticket across all the services the desk serves', () => {
      const s = new Session().holdAll();
      const b = s.issue('idcard');
      const a = s.later(1).issue('certs');
      const c = s.later(1).issue('info');
      expect(s.numbers(s.callNext('desk-1'), s.callNext('desk-2'), s.callNext('desk-3'))).to.deep.equal(
        s.numbers(b, a, c),
      );
    });

    it('callNext() only calls services the desk serves', () => {
      const s = new Session().holdAll();
      const idcard = s.issue('idcard');
      expect(s.refused({ type: 'desk:call-next', deskId: 'desk-3' })).to.equal('queue-empty');
      const cert = s.later(1).issue('certs');
      expect(s.callNext('desk-3').id).to.equal(cert.id);
      expect(s.ticket(idcard.id).status).to.equal('waiting');
    });

    it('callNext() is refused with queue-empty when nobody waits', () => {
      const s = new Session().holdAll();
      expect(s.refused({ type: 'desk:call-next', deskId: 'desk-1' })).to.equal('queue-empty');
      s.issue('certs');
      s.callNext('desk-1');
      expect(s.refused({ type: 'desk:call-next', deskId: 'desk-2' })).to.equal('queue-empty');
    });

    it('callNext() is refused with unknown-desk for a desk the office does not have', () => {
      const s = new Session().holdAll();
      s.issue('certs');
      expect(s.refused({ type: 'desk:call-next', deskId: 'desk-9' })).to.equal('unknown-desk');
    });

    it('callNext() skips cancelled tickets', () => {
      const s = new Session().holdAll();
      const gone = s.issue('certs');
      const next = s.later(1).issue('certs');
      s.run({ type: 'ticket:cancel', ticketId: gone.id });
      expect(s.callNext('desk-1').id).to.equal(next.id);
    });

    it('two desks calling next one after the other never get the same ticket', () => {
      const s = new Session().holdAll();
      const a = s.issue('certs');
      const b = s.later(1).issue('certs');
      const one = s.callNext('desk-1');
      const two = s.callNext('desk-2');
      expect([one.id, two.id]).to.deep.equal([a.id, b.id]);
      expect(s.refused({ type: 'desk:call-next', deskId: 'desk-3' })).to.equal('queue-empty');
      expect([s.desk('desk-1').currentTicketId, s.desk('desk-2').currentTicketId]).to.deep.equal([a.id, b.id]);
    });
  });

  describe('priority', () => {
    it('callNext() serves priority tickets first when the ratio allows, then a normal one', () => {
      const s = new Session().holdAll();
      const n1 = s.issue('certs');
      const p1 = s.later(1).issue('certs', { priority: true });
      const p2 = s.later(1).issue('certs', { priority: true });
      const p3 = s.later(1).issue('certs', { priority: true });
      const n2 = s.later(1).issue('certs');
      const order: number[] = [];
      for (let i = 0; i < 5; i++) {
        order.push(s.later(1).callNext('desk-1').id);
        s.finish('desk-1');
      }
      // At most maxPriorityInRow (2) priority calls in a row while normal tickets wait.
      expect(order).to.deep.equal([p1.id, p2.id, n1.id, p3.id, n2.id]);
    });

    it('callNext() counts the priority streak across desks', () => {
      const s = new Session().holdAll();
      const n1 = s.issue('certs');
      const p1 = s.later(1).issue('certs', { priority: true });
      const p2 = s.later(1).issue('certs', { priority: true });
      s.later(1).issue('certs', { priority: true });
      expect([s.callNext('desk-1').id, s.callNext('desk-2').id, s.callNext('desk-3').id]).to.deep.equal([p1.id, p2.id, n1.id]);
      expect(s.state.priorityStreak).to.equal(0);
    });

    it('callNext() calls priority tickets one after another when no normal ticket waits', () => {
      const s = new Session().holdAll();
      const ps = [s.issue('certs', { priority: true }), s.issue('certs', { priority: true }), s.issue('certs', { priority: true })];
      const order: number[] = [];
      for (let i = 0; i < 3; i++) {
        order.push(s.callNext('desk-1').id);
        s.finish('desk-1');
      }
      expect(order).to.deep.equal(ps.map((p) => p.id));
      const n = s.issue('certs');
      const p = s.issue('certs', { priority: true });
      expect(s.callNext('desk-1').id, 'the streak restarted: a priority ticket goes first again').to.equal(p.id);
      s.finish('desk-1');
      expect(s.callNext('desk-1').id).to.equal(n.id);
    });

    it('callNext() honours a different maxPriorityInRow', () => {
      const s = new Session(testOffice({ policy: { maxPriorityInRow: 1, appointmentWindowMinutes: 10, serviceTimeSamples: 20 } })).holdAll();
      const n1 = s.issue('info');
      const n2 = s.later(1).issue('info');
      const p1 = s.later(1).issue('info', { priority: true });
      const p2 = s.later(1).issue('info', { priority: true });
      const order: number[] = [];
      for (let i = 0; i < 4; i++) {
        order.push(s.callNext('desk-3').id);
        s.finish('desk-3');
      }
      expect(order).to.deep.equal([p1.id, n1.id, p2.id, n2.id]);
    });

    it('calling a normal ticket by hand resets the priority streak', () => {
      const s = new Session().holdAll();
      const n1 = s.issue('certs');
      const n2 = s.later(1).issue('certs');
      const p1 = s.later(1).issue('certs', { priority: true });
      const p2 = s.later(1).issue('certs', { priority: true });
      const p3 = s.later(1).issue('certs', { priority: true });
      expect(s.callNext('desk-1').id).to.equal(p1.id);
      expect(s.state.priorityStreak).to.equal(1);
      s.call('desk-2', n2.id);
      expect(s.state.priorityStreak).to.equal(0);
      expect([s.callNext('desk-3').id, s.finish('desk-3').id, s.callNext('desk-3').id]).to.deep.equal([p2.id, p2.id, p3.id]);
      s.finish('desk-3');
      expect(s.callNext('desk-3').id).to.equal(n1.id);
    });
  });

  describe('desk checks', () => {
    it('callNext() is refused with desk-not-open for a desk in back, paused or closed mode', () => {
      const s = new Session().holdAll();
      s.issue('certs');
      expect(s.desk('back-1').mode).to.equal('back');
      expect(s.refused({ type: 'desk:call-next', deskId: 'back-1' })).to.equal('desk-not-open');
      s.mode('desk-1', 'paused');
      expect(s.refused({ type: 'desk:call-next', deskId: 'desk-1' })).to.equal('desk-not-open');
      s.mode('desk-2', 'closed');
      expect(s.refused({ type: 'desk:call-next', deskId: 'desk-2' })).to.equal('desk-not-open');
      expect(s.refused({ type: 'desk:call', deskId: 'desk-2', ticketId: 1 })).to.equal('desk-not-open');
      expect(s.ticket(1).status).to.equal('waiting');
    });

    it('callNext() is refused with desk-busy while the desk has a called or served ticket', () => {
      const s = new Session().holdAll();
      const a = s.issue('certs');
      const b = s.issue('certs');
      s.callNext('desk-1');
      expect(s.refused({ type: 'desk:call-next', deskId: 'desk-1' })).to.equal('desk-busy');
      expect(s.refused({ type: 'desk:call', deskId: 'desk-1', ticketId: b.id })).to.equal('desk-busy');
      s.start('desk-1');
      expect(s.refused({ type: 'desk:call-next', deskId: 'desk-1' })).to.equal('desk-busy');
      s.finish('desk-1');
      expect(s.callNext('desk-1').id).to.equal(b.id);
      expect(s.ticket(a.id).status).to.equal('done');
    });
  });

  describe('calling a specific ticket', () => {
    it('call() calls the chosen waiting ticket out of order', () => {
      const s = new Session().holdAll();
      const a = s.issue('certs');
      s.issue('certs');
      const c = s.issue('certs');
      const called = s.call('desk-1', c.id);
      expect(called).to.include({ id: c.id, status: 'called', deskId: 'desk-1' });
      expect(s.events).to.deep.equal([{ type: 'ticket:called', ticketId: c.id, deskId: 'desk-1', clerk: 'clerk-desk-1' }]);
      expect(s.callNext('desk-2').id).to.equal(a.id);
    });

    it('call() is refused with ticket-taken for a ticket another desk called or serves', () => {
      const s = new Session().holdAll();
      const a = s.issue('certs');
      s.issue('certs');
      s.callNext('desk-1');
      expect(s.refused({ type: 'desk:call', deskId: 'desk-2', ticketId: a.id })).to.equal('ticket-taken');
      s.start('desk-1');
      expect(s.refused({ type: 'desk:call', deskId: 'desk-2', ticketId: a.id })).to.equal('ticket-taken');
      expect(s.ticket(a.id).deskId).to.equal('desk-1');
    });

    it('call() is refused with wrong-state for a ticket that is over or parked', () => {
      const s = new Session().holdAll();
      const done = s.issue('certs');
      const parked = s.issue('certs');
      s.callNext('desk-1');
      s.finish('desk-1');
      s.callNext('desk-1');
      s.park('desk-1');
      expect(s.refused({ type: 'desk:call', deskId: 'desk-2', ticketId: done.id })).to.equal('wrong-state');
      expect(s.refused({ type: 'desk:call', deskId: 'desk-2', ticketId: parked.id })).to.equal('wrong-state');
    });

    it('call() is refused with wrong-state for a service the desk does not serve', () => {
      const s = new Session().holdAll();
      const idcard = s.issue('idcard');
      expect(s.refused({ type: 'desk:call', deskId: 'desk-3', ticketId: idcard.id })).to.equal('wrong-state');
    });

    it('call() is refused with unknown-ticket for a ticket that does not exist', () => {
      const s = new Session().holdAll();
      s.issue('certs');
      expect(s.refused({ type: 'desk:call', deskId: 'desk-1', ticketId: 42 })).to.equal('unknown-ticket');
    });
  });

  describe('appointments', () => {
    it('callNext() calls an appointment first once it is due, and not before', () => {
      const s = new Session().holdAll();
      const w1 = s.issue('certs');
      const w2 = s.issue('certs');
      const w3 = s.issue('certs');
      const appointmentAt = T0 + 60 * minute;
      const appt = s.later(1).issue('certs', { appointmentAt });
      expect(appt).to.include({ appointmentAt, status: 'waiting' });

      s.at(appointmentAt - 11 * minute); // outside the 10-minute window
      expect(s.callNext('desk-1').id).to.equal(w1.id);
      s.at(appointmentAt - 10 * minute); // inside the window
      expect(s.callNext('desk-2').id).to.equal(appt.id);
      expect(s.callNext('desk-3').id).to.equal(w2.id);
      expect(s.ticket(w3.id).status).to.equal('waiting');
    });

    it('callNext() leaves an appointment that is not due waiting, even when nobody else waits', () => {
      const s = new Session().holdAll();
      const appt = s.issue('idcard', { appointmentAt: T0 + 30 * minute });
      expect(s.refused({ type: 'desk:call-next', deskId: 'desk-1' })).to.equal('queue-empty');
      s.at(T0 + 20 * minute);
      expect(s.callNext('desk-1').id).to.equal(appt.id);
    });

    it('callNext() calls a due appointment before priority tickets, earliest appointment first', () => {
      const s = new Session().holdAll();
      s.issue('certs', { priority: true });
      const later = s.issue('certs', { appointmentAt: T0 + 5 * minute });
      const earlier = s.issue('certs', { appointmentAt: T0 + 2 * minute });
      expect(s.callNext('desk-1').id).to.equal(earlier.id);
      expect(s.callNext('desk-2').id).to.equal(later.id);
    });

    it('callNext() calls an appointment whose time has passed', () => {
      const s = new Session().holdAll();
      s.issue('certs');
      const late = s.later(1).issue('certs', { appointmentAt: T0 - 15 * minute });
      expect(s.callNext('desk-1').id).to.equal(late.id);
    });
  });
});
