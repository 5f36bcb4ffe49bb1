import { expect } from 'chai';
import { openDesksFor, type EngineEvent } from '../../server/engine/index.ts';
import { Session } from './driver.ts';

function roomEvents(events: readonly EngineEvent[]): EngineEvent[] {
  return events.filter((e) => e.type === 'room:busy' || e.type === 'room:calm');
}

describe('engine: desks and the waiting room', () => {
  describe('desk modes', () => {
    it('setMode() changes the mode and emits desk:changed with from and to', () => {
      const s = new Session().holdAll();
      const r = s.mode('desk-1', 'paused');
      expect(r.deskId).to.equal('desk-1');
      expect(s.events).to.deep.equal([{ type: 'desk:changed', deskId: 'desk-1', from: 'front', to: 'paused' }]);
      s.mode('desk-1', 'closed');
      expect(s.events).to.deep.equal([{ type: 'desk:changed', deskId: 'desk-1', from: 'paused', to: 'closed' }]);
      s.mode('desk-1', 'front');
      expect(s.events).to.deep.equal([{ type: 'desk:changed', deskId: 'desk-1', from: 'closed', to: 'front' }]);
      expect(s.desk('desk-1').mode).to.equal('front');
    });

    it('setMode() to the mode the desk is already in changes nothing and emits nothing', () => {
      const s = new Session().holdAll();
      const before = s.state;
      const r = s.mode('desk-2', 'front');
      expect(r.events).to.deep.equal([]);
      expect(r.state).to.equal(before);
      expect(s.mode('back-1', 'back').events).to.deep.equal([]);
    });

    it('setMode() refuses back-office mode for a front-office desk', () => {
      const s = new Session().holdAll();
      expect(s.refused({ type: 'desk:mode', deskId: 'desk-1', mode: 'back' })).to.equal('wrong-state');
      s.mode('desk-1', 'paused');
      expect(s.refused({ type: 'desk:mode', deskId: 'desk-1', mode: 'back' })).to.equal('wrong-state');
      expect(s.desk('desk-1').mode).to.equal('paused');
    });

    it('setMode() is refused with unknown-desk for a desk the office does not have', () => {
      const s = new Session().holdAll();
      expect(s.refused({ type: 'desk:mode', deskId: 'back-9', mode: 'front' })).to.equal('unknown-desk');
    });

    it('a back-office desk starts in back mode and, switched to front, calls next and counts as open', () => {
      const s = new Session().holdAll();
      expect(s.desk('back-1').mode).to.equal('back');
      expect([openDesksFor(s.state, 'certs'), openDesksFor(s.state, 'idcard'), openDesksFor(s.state, 'info')]).to.deep.equal([3, 2, 3]);
      const t = s.issue('idcard');
      expect(s.refused({ type: 'desk:call-next', deskId: 'back-1' })).to.equal('desk-not-open');
      s.mode('back-1', 'front');
      expect(s.events).to.deep.equal([{ type: 'desk:changed', deskId: 'back-1', from: 'back', to: 'front' }]);
      expect([openDesksFor(s.state, 'certs'), openDesksFor(s.state, 'idcard'), openDesksFor(s.state, 'info')]).to.deep.equal([4, 3, 3]);
      expect(s.callNext('back-1').id).to.equal(t.id);
      s.finish('back-1');
      s.mode('back-1', 'back');
      expect(s.events).to.deep.equal([{ type: 'desk:changed', deskId: 'back-1', from: 'front', to: 'back' }]);
      expect(openDesksFor(s.state, 'idcard')).to.equal(2);
    });

    it('openDesksFor() leaves out paused and closed desks', () => {
      const s = new Session().holdAll();
      s.mode('desk-1', 'paused');
      s.mode('desk-3', 'closed');
      expect([openDesksFor(s.state, 'certs'), openDesksFor(s.state, 'idcard'), openDesksFor(s.state, 'info')]).to.deep.equal([1, 1, 1]);
    });

    it('setMode() is refused with desk-busy while the desk has a called or served ticket', () => {
      const s = new Session().holdAll();
      s.issue('certs');
      s.issue('certs');
      s.callNext('desk-1');
      expect(s.refused({ type: 'desk:mode', deskId: 'desk-1', mode: 'paused' })).to.equal('desk-busy');
      s.start('desk-1');
      expect(s.refused({ type: 'desk:mode', deskId: 'desk-1', mode: 'closed' })).to.equal('desk-busy');
      s.mode('back-1', 'front');
      s.callNext('back-1');
      expect(s.refused({ type: 'desk:mode', deskId: 'back-1', mode: 'back' })).to.equal('desk-busy');
      expect([s.desk('desk-1').mode, s.desk('back-1').mode]).to.deep.equal(['front', 'front']);
    });

    it('setMode() lets a desk with only parked tickets leave front, keeping them parked there', () => {
      const s = new Session().holdAll();
      const t = s.issue('certs');
      s.callNext('desk-1');
      s.park('desk-1');
      s.mode('desk-1', 'paused');
      expect(s.desk('desk-1')).to.deep.include({ mode: 'paused', parkedTicketIds: [t.id] });
      s.mode('desk-1', 'front');
      s.run({ type: 'desk:resume', deskId: 'desk-1', ticketId: t.id });
      expect(s.ticket(t.id).status).to.equal('called');
    });
  });

  describe('room load', () => {
    it('emits room:busy once when waiting reaches the busy threshold and room:calm once at the calm threshold', () => {
      const s = new Session().holdAll();
      for (let i = 0; i < 5; i++) {
        s.issue('certs');
        expect(roomEvents(s.events)).to.deep.equal([]);
      }
      s.issue('certs');
      // 6 waiting; 6 × 5 min / 3 desks = 10 min
      expect(roomEvents(s.events)).to.deep.equal([{ type: 'room:busy', waiting: 6, longestEstimatedWaitMinutes: 10 }]);
      expect(s.state.roomBusy).to.equal(true);
      s.issue('certs');
      expect(roomEvents(s.events), 'no second room:busy').to.deep.equal([]);

      // Down from 7 to 3 waiting: still busy (hysteresis), no event.
      const freeDesks = ['desk-1', 'desk-2', 'desk-3', 'desk-1'];
      for (const desk of freeDesks) {
        s.callNext(desk);
        expect(roomEvents(s.events)).to.deep.equal([]);
        if (desk === 'desk-1') s.later(5).finish(desk);
      }
      expect(s.state.roomBusy).to.equal(true);
      s.later(5).finish('desk-2');
      s.callNext('desk-2'); // 2 waiting
      // 2 waiting × mean(5, 5, 10) min measured / 3 desks ≈ 4 min
      expect(roomEvents(s.events)).to.deep.equal([{ type: 'room:calm', waiting: 2, longestEstimatedWaitMinutes: 4 }]);
      expect(s.state.roomBusy).to.equal(false);

      // Back up to 5 waiting: calm until the busy threshold again.
      for (let i = 0; i < 3; i++) {
        s.issue('info');
        expect(roomEvents(s.events)).to.deep.equal([]);
      }
      s.issue('info');
      expect(roomEvents(s.events).map((e) => e.type)).to.deep.equal(['room:busy']);
    });

    it('emits room:busy on the estimated wait alone, and room:calm only when both wait and count are low', () => {
      const s = new Session().holdAll();
      s.mode('desk-2', 'paused'); // idcard: desk-1 only, 15 min each
      for (let i = 0; i < 3; i++) s.issue('idcard');
      expect(s.state.roomBusy).to.equal(false);
      s.issue('idcard'); // 4 × 15 / 1 = 60 min
      expect(roomEvents(s.events)).to.deep.equal([{ type: 'room:busy', waiting: 4, longestEstimatedWaitMinutes: 60 }]);
      s.callNext('desk-1');
      s.later(15).finish('desk-1');
      s.callNext('desk-1'); // 2 waiting, but 2 × 15 / 1 = 30 min > 20
      expect(roomEvents(s.events)).to.deep.equal([]);
      expect(s.state.roomBusy).to.equal(true);
      s.mode('desk-2', 'front'); // 2 × 15 / 2 = 15 min
      expect(s.events).to.deep.equal([
        { type: 'desk:changed', deskId: 'desk-2', from: 'paused', to: 'front' },
        { type: 'room:calm', waiting: 2, longestEstimatedWaitMinutes: 15 },
      ]);
    });

    it('a busy room calms down when the day rolls over', () => {
      const s = new Session(undefined, Date.UTC(2026, 0, 14, 21, 0)).holdAll();
      for (let i = 0; i < 6; i++) s.issue('certs');
      expect(s.state.roomBusy).to.equal(true);
      s.at(Date.UTC(2026, 0, 14, 23, 0)).run({ type: 'clock:tick' });
      expect(s.eventTypes().slice(-2)).to.deep.equal(['day:started', 'room:calm']);
      expect(s.state.roomBusy).to.equal(false);
    });
  });
});
