import { expect } from 'chai';
import { estimateMinutes, positionOf, serviceEstimateMinutes } from '../../server/engine/index.ts';
import { testOffice } from '../helpers/office.ts';
import { minute, Session, T0 } from './driver.ts';

describe('engine: serving tickets', () => {
  describe('recall', () => {
    it('recall() counts recalls and adds a recall to the last calls while the ticket is called', () => {
      const s = new Session().holdAll();
      const t = s.issue('certs');
      s.later(1).callNext('desk-1');
      s.later(1).run({ type: 'desk:recall', deskId: 'desk-1' });
      expect(s.events).to.deep.equal([{ type: 'ticket:recalled', ticketId: t.id, deskId: 'desk-1' }]);
      s.later(1).run({ type: 'desk:recall', deskId: 'desk-1' });
      expect(s.ticket(t.id)).to.include({ recalls: 2, status: 'called', calledAt: T0 + minute });
      expect(s.state.lastCalls).to.deep.equal([
        { ticketId: t.id, deskId: 'desk-1', at: T0 + 3 * minute, recall: true },
        { ticketId: t.id, deskId: 'desk-1', at: T0 + 2 * minute, recall: true },
        { ticketId: t.id, deskId: 'desk-1', at: T0 + minute, recall: false },
      ]);
    });

    it('recall() is refused once service started, and without a current ticket', () => {
      const s = new Session().holdAll();
      s.issue('certs');
      expect(s.refused({ type: 'desk:recall', deskId: 'desk-1' })).to.equal('no-current-ticket');
      s.callNext('desk-1');
      s.start('desk-1');
      expect(s.refused({ type: 'desk:recall', deskId: 'desk-1' })).to.equal('wrong-state');
      expect(s.ticket(1).recalls).to.equal(0);
    });

    it('keeps only the ten most recent calls', () => {
      const s = new Session().holdAll();
      s.issue('certs');
      s.callNext('desk-1');
      for (let i = 0; i < 12; i++) s.later(1).run({ type: 'desk:recall', deskId: 'desk-1' });
      expect(s.state.lastCalls).to.have.length(10);
      expect(s.state.lastCalls[0]?.at).to.equal(T0 + 12 * minute);
      expect(s.state.lastCalls.every((c) => c.recall)).to.equal(true);
    });
  });

  describe('start and finish', () => {
    it('start() moves the called ticket to serving', () => {
      const s = new Session().holdAll();
      const t = s.issue('certs');
      s.callNext('desk-1');
      s.later(2);
      expect(s.start('desk-1')).to.include({ id: t.id, status: 'serving', startedAt: T0 + 2 * minute });
      expect(s.events).to.deep.equal([{ type: 'ticket:started', ticketId: t.id, deskId: 'desk-1' }]);
      expect(s.refused({ type: 'desk:start', deskId: 'desk-1' })).to.equal('wrong-state');
      expect(s.refused({ type: 'desk:start', deskId: 'desk-2' })).to.equal('no-current-ticket');
    });

    it('finish() closes the ticket with its outcomes and frees the desk', () => {
      const s = new Session().holdAll();
      const t = s.issue('idcard');
      s.callNext('desk-1');
      s.start('desk-1');
      s.later(9);
      const done = s.finish('desk-1', [{ code: 'id-card-electronic', count: 1 }]);
      expect(done).to.deep.include({
        id: t.id, status: 'done', startedAt: T0, finishedAt: T0 + 9 * minute, outcomes: [{ code: 'id-card-electronic', count: 1 }],
      });
      expect(s.events).to.deep.equal([{ type: 'ticket:finished', ticketId: t.id, deskId: 'desk-1' }]);
      expect(s.desk('desk-1').currentTicketId).to.equal(null);
    });

    it('finish() merges repeated outcome codes', () => {
      const s = new Session().holdAll();
      s.issue('certs');
      s.callNext('desk-1');
      const done = s.finish('desk-1', [
        { code: 'certificate', count: 1 },
        { code: 'information', count: 1 },
        { code: 'certificate', count: 2 },
      ]);
      expect(done.outcomes).to.have.deep.members([
        { code: 'certificate', count: 3 },
        { code: 'information', count: 1 },
      ]);
      expect(done.outcomes).to.have.length(2);
    });

    it('finish() is refused with outcome-not-allowed for a code the service does not record', () => {
      const s = new Session().holdAll();
      s.issue('certs');
      s.callNext('desk-1');
      s.start('desk-1');
      const code = s.refused({
        type: 'desk:finish', deskId: 'desk-1', outcomes: [{ code: 'certificate', count: 1 }, { code: 'id-card-paper', count: 1 }],
      });
      expect(code).to.equal('outcome-not-allowed');
      expect(s.ticket(1).status).to.equal('serving');
    });

    it('finish() of a ticket called but never started counts the service as started at the finish', () => {
      const s = new Session().holdAll();
      s.issue('info');
      s.callNext('desk-3');
      s.later(4);
      expect(s.finish('desk-3', [{ code: 'information', count: 1 }])).to.include({
        status: 'done', startedAt: T0 + 4 * minute, finishedAt: T0 + 4 * minute,
      });
    });

    it('finish() is refused with no-current-ticket at an idle desk', () => {
      const s = new Session().holdAll();
      expect(s.refused({ type: 'desk:finish', deskId: 'desk-1', outcomes: [] })).to.equal('no-current-ticket');
    });
  });

  describe('no-show and cancel', () => {
    it('noShow() closes a called ticket and frees the desk', () => {
      const s = new Session().holdAll();
      const t = s.issue('certs');
      s.callNext('desk-1');
      s.later(3).run({ type: 'desk:no-show', deskId: 'desk-1' });
      expect(s.ticket(t.id)).to.include({ status: 'no-show', finishedAt: T0 + 3 * minute });
      expect(s.events).to.deep.equal([{ type: 'ticket:no-show', ticketId: t.id, deskId: 'desk-1' }]);
      expect(s.desk('desk-1').currentTicketId).to.equal(null);
      expect(s.state.serviceTimes, 'a no-show is not a service time').to.deep.equal(new Map());
    });

    it('noShow() is refused once service started', () => {
      const s = new Session().holdAll();
      s.issue('certs');
      s.callNext('desk-1');
      s.start('desk-1');
      expect(s.refused({ type: 'desk:no-show', deskId: 'desk-1' })).to.equal('wrong-state');
    });

    it('cancel() closes a waiting ticket, which is then never called', () => {
      const s = new Session().holdAll();
      const t = s.issue('certs');
      s.later(2).run({ type: 'ticket:cancel', ticketId: t.id });
      expect(s.ticket(t.id)).to.include({ status: 'cancelled', finishedAt: T0 + 2 * minute });
      expect(s.events).to.deep.equal([{ type: 'ticket:cancelled', ticketId: t.id, deskId: null }]);
      expect(s.refused({ type: 'desk:call-next', deskId: 'desk-1' })).to.equal('queue-empty');
    });

    it('cancel() closes a parked ticket and takes it off the desk', () => {
      const s = new Session().holdAll();
      const t = s.issue('certs');
      s.callNext('desk-2');
      s.park('desk-2');
      s.run({ type: 'ticket:cancel', ticketId: t.id });
      expect(s.ticket(t.id).status).to.equal('cancelled');
      expect(s.events).to.deep.equal([{ type: 'ticket:cancelled', ticketId: t.id, deskId: 'desk-2' }]);
      expect(s.desk('desk-2').parkedTicketIds).to.deep.equal([]);
    });

    it('cancel() is refused for a called, served or finished ticket', () => {
      const s = new Session().holdAll();
      const a = s.issue('certs');
      const b = s.issue('certs');
      const c = s.issue('certs');
      s.callNext('desk-1');
      s.callNext('desk-2');
      s.start('desk-2');
      s.callNext('desk-3');
      s.finish('desk-3');
      for (const t of [a, b, c]) expect(s.refused({ type: 'ticket:cancel', ticketId: t.id })).to.equal('wrong-state');
      expect(s.refused({ type: 'ticket:cancel', ticketId: 99 })).to.equal('unknown-ticket');
    });
  });

  describe('transfer', () => {
    it('transfer() keeps the number and arrival time, so the ticket goes ahead of later arrivals (transfer keeping arrival order)', () => {
      const s = new Session().holdAll();
      const a = s.issue('certs');
      const b1 = s.later(5).issue('idcard');
      const b2 = s.later(1).issue('idcard');
      s.later(4).callNext('desk-1');
      s.later(2).run({ type: 'desk:transfer', deskId: 'desk-1', serviceId: 'idcard' });
      expect(s.events).to.deep.equal([{ type: 'ticket:transferred', ticketId: a.id, deskId: 'desk-1' }]);
      const moved = s.ticket(a.id);
      expect(moved).to.deep.include({
        number: 'A001', issuedAt: T0, serviceId: 'idcard', issuedServiceId: 'certs', status: 'waiting',
        deskId: null, calledAt: null, assignedDeskId: null,
      });
      expect(moved.transfers).to.deep.equal([
        { fromServiceId: 'certs', toServiceId: 'idcard', toDeskId: null, byDeskId: 'desk-1', at: T0 + 12 * minute },
      ]);
      expect(s.desk('desk-1').currentTicketId).to.equal(null);
      expect([positionOf(s.state, moved), positionOf(s.state, s.ticket(b1.id)), positionOf(s.state, s.ticket(b2.id))]).to.deep.equal([0, 1, 2]);
      expect(s.refused({ type: 'desk:call-next', deskId: 'desk-3' }), 'desk-3 does not serve idcard').to.equal('queue-empty');
      expect(s.callNext('desk-2').id).to.equal(a.id);
      expect(s.callNext('desk-1').id).to.equal(b1.id);
    });

    it('transfer() to a desk reserves the ticket for that desk only', () => {
      const s = new Session().holdAll();
      const a = s.issue('certs');
      const b = s.later(1).issue('certs');
      s.callNext('desk-1');
      s.run({ type: 'desk:transfer', deskId: 'desk-1', serviceId: 'certs', toDeskId: 'desk-2' });
      expect(s.ticket(a.id)).to.include({ status: 'waiting', assignedDeskId: 'desk-2', serviceId: 'certs' });
      expect(s.refused({ type: 'desk:call', deskId: 'desk-3', ticketId: a.id })).to.equal('wrong-state');
      expect(s.callNext('desk-3').id, 'another desk passes over the reserved ticket').to.equal(b.id);
      expect(s.refused({ type: 'desk:call-next', deskId: 'desk-1' })).to.equal('queue-empty');
      expect(s.callNext('desk-2')).to.include({ id: a.id, deskId: 'desk-2', assignedDeskId: null });
    });

    it('transfer() is refused for the same queue, an unknown service or desk, or a desk that does not serve it', () => {
      const s = new Session().holdAll();
      s.issue('certs');
      s.callNext('desk-1');
      expect(s.refused({ type: 'desk:transfer', deskId: 'desk-1', serviceId: 'certs' })).to.equal('wrong-state');
      expect(s.refused({ type: 'desk:transfer', deskId: 'desk-1', serviceId: 'passport' })).to.equal('unknown-service');
      expect(s.refused({ type: 'desk:transfer', deskId: 'desk-1', serviceId: 'certs', toDeskId: 'desk-9' })).to.equal('unknown-desk');
      expect(s.refused({ type: 'desk:transfer', deskId: 'desk-1', serviceId: 'idcard', toDeskId: 'desk-3' })).to.equal('wrong-state');
      expect(s.refused({ type: 'desk:transfer', deskId: 'desk-2', serviceId: 'idcard' })).to.equal('no-current-ticket');
      expect(s.ticket(1)).to.include({ status: 'called', serviceId: 'certs' });
    });

    it('finish() after a transfer checks the outcomes of the new service', () => {
      const s = new Session().holdAll();
      s.issue('certs');
      s.callNext('desk-1');
      s.run({ type: 'desk:transfer', deskId: 'desk-1', serviceId: 'idcard' });
      s.callNext('desk-2');
      expect(s.refused({ type: 'desk:finish', deskId: 'desk-2', outcomes: [{ code: 'certificate', count: 1 }] })).to.equal(
        'outcome-not-allowed',
      );
      expect(s.finish('desk-2', [{ code: 'id-card-paper', count: 1 }]).outcomes).to.deep.equal([{ code: 'id-card-paper', count: 1 }]);
    });
  });

  describe('park and resume', () => {
    it('park() sets a served ticket aside and resume() brings it back being served', () => {
      const s = new Session().holdAll();
      const a = s.issue('certs');
      const b = s.issue('certs');
      s.callNext('desk-1');
      s.start('desk-1');
      expect(s.park('desk-1')).to.include({ id: a.id, status: 'parked', deskId: 'desk-1' });
      expect(s.events).to.deep.equal([{ type: 'ticket:parked', ticketId: a.id, deskId: 'desk-1' }]);
      expect(s.desk('desk-1')).to.deep.include({ currentTicketId: null, parkedTicketIds: [a.id] });
      expect(s.callNext('desk-1').id, 'the desk is free for the next one').to.equal(b.id);
      expect(s.refused({ type: 'desk:resume', deskId: 'desk-1', ticketId: a.id })).to.equal('desk-busy');
      s.finish('desk-1');
      s.run({ type: 'desk:resume', deskId: 'desk-1', ticketId: a.id });
      expect(s.events).to.deep.equal([{ type: 'ticket:resumed', ticketId: a.id, deskId: 'desk-1' }]);
      expect(s.ticket(a.id)).to.include({ status: 'serving', deskId: 'desk-1' });
      expect(s.desk('desk-1')).to.deep.include({ currentTicketId: a.id, parkedTicketIds: [] });
    });

    it('resume() of a ticket parked before service started brings it back called', () => {
      const s = new Session().holdAll();
      const a = s.issue('certs');
      s.callNext('desk-1');
      s.park('desk-1');
      s.run({ type: 'desk:resume', deskId: 'desk-1', ticketId: a.id });
      expect(s.ticket(a.id)).to.include({ status: 'called', startedAt: null });
      s.run({ type: 'desk:recall', deskId: 'desk-1' });
      expect(s.ticket(a.id).recalls).to.equal(1);
    });

    it('resume() is refused at another desk and for a ticket that is not parked', () => {
      const s = new Session().holdAll();
      const a = s.issue('certs');
      const b = s.issue('certs');
      s.callNext('desk-1');
      s.park('desk-1');
      expect(s.refused({ type: 'desk:resume', deskId: 'desk-2', ticketId: a.id })).to.equal('wrong-state');
      expect(s.refused({ type: 'desk:resume', deskId: 'desk-1', ticketId: b.id })).to.equal('wrong-state');
      expect(s.refused({ type: 'desk:park', deskId: 'desk-1' })).to.equal('no-current-ticket');
      s.mode('desk-1', 'paused');
      expect(s.refused({ type: 'desk:resume', deskId: 'desk-1', ticketId: a.id })).to.equal('desk-not-open');
      expect(s.desk('desk-1').parkedTicketIds).to.deep.equal([a.id]);
    });
  });

  describe('service times and wait estimates', () => {
    it('finish() records the service time from the call', () => {
      const s = new Session().holdAll();
      s.issue('certs');
      s.issue('idcard');
      s.later(1).call('desk-1', 1);
      s.later(2).start('desk-1');
      s.later(10).finish('desk-1');
      s.call('desk-1', 2);
      s.later(20).finish('desk-1');
      expect(s.state.serviceTimes).to.deep.equal(new Map([['certs', [12 * minute]], ['idcard', [20 * minute]]]));
    });

    it('keeps only the configured number of recent service times', () => {
      const s = new Session(testOffice({ policy: { maxPriorityInRow: 2, appointmentWindowMinutes: 10, serviceTimeSamples: 2 } })).holdAll();
      for (const minutes of [3, 6, 9]) {
        s.issue('info');
        s.callNext('desk-3');
        s.later(minutes).finish('desk-3');
      }
      expect(s.state.serviceTimes.get('info')).to.deep.equal([6 * minute, 9 * minute]);
    });

    it('serviceEstimateMinutes() uses the default service time, then the measured ones, shared among open desks', () => {
      const s = new Session().holdAll();
      expect(serviceEstimateMinutes(s.state, 'certs')).to.equal(0);
      for (let i = 0; i < 7; i++) s.issue('certs');
      // 7 waiting × 5 min (default) / 3 front desks serving certs
      expect(serviceEstimateMinutes(s.state, 'certs')).to.equal(12);
      s.callNext('desk-1');
      expect(serviceEstimateMinutes(s.state, 'certs')).to.equal(10);
      s.later(12).finish('desk-1');
      // 6 waiting × 12 min (measured) / 3 desks
      expect(serviceEstimateMinutes(s.state, 'certs')).to.equal(24);
      s.mode('desk-2', 'paused');
      expect(serviceEstimateMinutes(s.state, 'certs')).to.equal(36);
      const last = s.ticket(7);
      expect(positionOf(s.state, last)).to.equal(5);
      expect(estimateMinutes(s.state, 'certs', positionOf(s.state, last))).to.equal(30);
      s.issue('idcard');
      // 1 waiting × 15 min (idcard's default) / desk-1, the only open desk serving idcard
      expect(serviceEstimateMinutes(s.state, 'idcard')).to.equal(15);
    });

    it('serviceEstimateMinutes() is null when no desk is open for the service', () => {
      const s = new Session().holdAll();
      s.issue('idcard');
      expect(serviceEstimateMinutes(s.state, 'idcard')).to.equal(8); // 1 × 15 / 2 desks, rounded
      s.mode('desk-1', 'closed');
      s.mode('desk-2', 'paused');
      expect(serviceEstimateMinutes(s.state, 'idcard')).to.equal(null);
      s.mode('back-1', 'front');
      expect(serviceEstimateMinutes(s.state, 'idcard')).to.equal(15);
    });

    it('positionOf() counts the people called before a waiting ticket in its queue', () => {
      const s = new Session().holdAll();
      const a1 = s.issue('certs');
      s.later(1).issue('idcard');
      const a2 = s.later(1).issue('certs');
      const p = s.later(1).issue('certs', { priority: true });
      expect([positionOf(s.state, a1), positionOf(s.state, a2), positionOf(s.state, p)]).to.deep.equal([1, 2, 0]);
      expect(positionOf(s.state, s.ticket(2)), 'other queues do not count').to.equal(0);
    });
  });
});
