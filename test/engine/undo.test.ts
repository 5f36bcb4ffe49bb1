import { expect } from 'chai';
import { positionOf, waitingTickets } from '../../server/engine/index.ts';
import { testOffice } from '../helpers/office.ts';
import { minute, Session, T0 } from './driver.ts';

describe('engine: taking a slip back', () => {
  describe('desk:requeue', () => {
    it('puts the called ticket back in its own place among tickets of the same priority, and withdraws the call', () => {
      const s = new Session().holdAll();
      const a1 = s.issue('certs');
      const a2 = s.later(1).issue('certs');
      const a3 = s.later(1).issue('certs');
      s.later(1).callNext('desk-1');
      s.later(1).run({ type: 'desk:requeue', deskId: 'desk-1' });
      expect(s.events).to.deep.equal([{ type: 'ticket:requeued', ticketId: a1.id, deskId: 'desk-1' }]);
      expect(s.ticket(a1.id)).to.include({ status: 'waiting', deskId: null, calledAt: null, issuedAt: T0, priority: false });
      expect(s.desk('desk-1').currentTicketId).to.equal(null);
      expect(waitingTickets(s.state, 'certs').map((t) => t.id)).to.deep.equal([a1.id, a2.id, a3.id]);
      expect(positionOf(s.state, s.ticket(a1.id))).to.equal(0);
      expect(s.state.lastCalls).to.deep.equal([]);
      expect(s.later(1).callNext('desk-2').id).to.equal(a1.id);
    });

    it('puts a middle ticket back in the middle, even once its service had started', () => {
      const s = new Session().holdAll();
      const a1 = s.issue('certs');
      const a2 = s.later(1).issue('certs');
      const a3 = s.later(1).issue('certs');
      s.later(1).call('desk-1', a2.id);
      s.start('desk-1');
      s.later(3).run({ type: 'desk:requeue', deskId: 'desk-1' });
      expect(s.ticket(a2.id)).to.include({ status: 'waiting', startedAt: null });
      expect(positionOf(s.state, s.ticket(a2.id))).to.equal(1);
      expect([s.callNext('desk-1').id, s.later(1).callNext('desk-2').id, s.later(1).callNext('desk-3').id]).to.deep.equal([a1.id, a2.id, a3.id]);
    });

    it('reserves a ticket transferred to this desk for it again, and is refused without a current ticket', () => {
      const s = new Session().holdAll();
      expect(s.refused({ type: 'desk:requeue', deskId: 'desk-1' })).to.equal('no-current-ticket');
      const a1 = s.issue('certs');
      s.callNext('desk-1');
      s.run({ type: 'desk:transfer', deskId: 'desk-1', serviceId: 'certs', toDeskId: 'desk-2' });
      s.later(1).call('desk-2', a1.id);
      s.run({ type: 'desk:requeue', deskId: 'desk-2' });
      expect(s.ticket(a1.id)).to.include({ status: 'waiting', assignedDeskId: 'desk-2' });
      expect(s.refused({ type: 'desk:requeue', deskId: 'desk-9' })).to.equal('unknown-desk');
    });
  });

  describe('ticket:recover', () => {
    it('brings a no-show back to the head of its service’s queue, ahead of priority and earlier tickets', () => {
      const s = new Session().holdAll();
      const a1 = s.issue('certs');
      const a2 = s.later(1).issue('certs');
      const p = s.later(1).issue('certs', { priority: true });
      expect(s.later(1).callNext('desk-1').id).to.equal(p.id);
      s.run({ type: 'desk:no-show', deskId: 'desk-1' });
      s.later(20).run({ type: 'ticket:recover', ticketId: p.id });
      expect(s.events).to.deep.equal([{ type: 'ticket:recovered', ticketId: p.id, deskId: 'desk-1' }]);
      expect(s.ticket(p.id)).to.include({ status: 'waiting', finishedAt: null, deskId: null, recoveredAt: T0 + 23 * minute });
      expect(positionOf(s.state, s.ticket(p.id))).to.equal(0);
      const normal = s.issue('certs');
      expect(s.callNext('desk-2').id).to.equal(p.id);
      expect([s.callNext('desk-3').id, s.callNext('desk-1').id]).to.deep.equal([a1.id, a2.id]);
      s.finish('desk-1');
      expect(s.callNext('desk-1').id).to.equal(normal.id);
    });

    it('is refused after policy.noShowRecoveryMinutes with too-late, and for a ticket that is not a no-show', () => {
      const s = new Session(testOffice({ policy: { noShowRecoveryMinutes: 30 } })).holdAll();
      const a1 = s.issue('certs');
      expect(s.refused({ type: 'ticket:recover', ticketId: a1.id })).to.equal('wrong-state');
      s.callNext('desk-1');
      s.run({ type: 'desk:no-show', deskId: 'desk-1' });
      s.later(31);
      expect(s.refused({ type: 'ticket:recover', ticketId: a1.id })).to.equal('too-late');
      expect(s.ticket(a1.id).status).to.equal('no-show');
      expect(s.refused({ type: 'ticket:recover', ticketId: 999 })).to.equal('unknown-ticket');
    });
  });

  describe('desk:reopen', () => {
    it('makes the just-finished ticket the desk’s current one again, its outcomes, note and service time taken back', () => {
      const s = new Session().holdAll();
      const a1 = s.issue('certs');
      s.callNext('desk-1');
      s.start('desk-1');
      s.later(4).run({ type: 'desk:finish', deskId: 'desk-1', outcomes: [{ code: 'certificate', count: 2 }], note: 'ha portato il modulo' });
      expect(s.ticket(a1.id).note).to.equal('ha portato il modulo');
      expect(s.state.serviceTimes.get('certs')).to.deep.equal([4 * minute]);
      s.now += 10_000;
      s.run({ type: 'desk:reopen', deskId: 'desk-1', ticketId: a1.id });
      expect(s.events).to.deep.equal([{ type: 'ticket:reopened', ticketId: a1.id, deskId: 'desk-1' }]);
      expect(s.ticket(a1.id)).to.include({ status: 'serving', finishedAt: null, note: null, deskId: 'desk-1' });
      expect(s.ticket(a1.id).outcomes).to.deep.equal([]);
      expect(s.desk('desk-1').currentTicketId).to.equal(a1.id);
      expect(s.state.serviceTimes.get('certs')).to.deep.equal([]);
      s.later(1).finish('desk-1', [{ code: 'information', count: 1 }]);
      expect(s.ticket(a1.id).outcomes).to.deep.equal([{ code: 'information', count: 1 }]);
    });

    it('is refused after policy.undoSeconds, at another desk, and once the desk has moved on', () => {
      const s = new Session(testOffice({ policy: { undoSeconds: 20 } })).holdAll();
      const a1 = s.issue('certs');
      const a2 = s.issue('certs');
      s.callNext('desk-1');
      s.finish('desk-1');
      expect(s.refused({ type: 'desk:reopen', deskId: 'desk-2', ticketId: a1.id })).to.equal('wrong-state');
      s.now += 21_000;
      expect(s.refused({ type: 'desk:reopen', deskId: 'desk-1', ticketId: a1.id })).to.equal('too-late');
      s.callNext('desk-1');
      s.finish('desk-1');
      s.now += 1000;
      expect(s.refused({ type: 'desk:reopen', deskId: 'desk-1', ticketId: a1.id })).to.equal('too-late');
      expect(s.refused({ type: 'desk:reopen', deskId: 'desk-1', ticketId: 999 })).to.equal('unknown-ticket');
      s.issue('certs');
      s.callNext('desk-1');
      expect(s.refused({ type: 'desk:reopen', deskId: 'desk-1', ticketId: a2.id })).to.equal('desk-busy');
    });
  });

  describe('finish with policy.requireOutcome', () => {
    it('refuses a finish without an outcome (outcome-required) and accepts one with', () => {
      const s = new Session(testOffice({ policy: { requireOutcome: true } })).holdAll();
      s.issue('certs');
      s.callNext('desk-1');
      expect(s.refused({ type: 'desk:finish', deskId: 'desk-1', outcomes: [] })).to.equal('outcome-required');
      expect(s.finish('desk-1', [{ code: 'certificate', count: 1 }]).status).to.equal('done');
    });
  });

  describe('ticket:cancel with a reason', () => {
    it('keeps the reason on the cancelled ticket', () => {
      const s = new Session().holdAll();
      const a1 = s.issue('certs');
      s.run({ type: 'ticket:cancel', ticketId: a1.id, reason: 'duplicate' });
      expect(s.ticket(a1.id)).to.include({ status: 'cancelled', cancelReason: 'duplicate' });
    });
  });
});
