import { expect } from 'chai';
import { testOffice } from '../helpers/office.ts';
import { hour, minute, officeWithService, Session, T0 } from './driver.ts';

describe('engine: ticket numbering', () => {
  describe('numbers', () => {
    it('issue() numbers tickets with the service prefix and a 3-digit counter per service', () => {
      const s = new Session().holdAll();
      const tickets = [s.issue('certs'), s.issue('certs'), s.issue('idcard'), s.issue('certs'), s.issue('info'), s.issue('idcard')];
      expect(tickets.map((t) => t.number)).to.deep.equal(['A001', 'A002', 'B001', 'A003', 'C001', 'B002']);
      expect(tickets.map((t) => t.seq)).to.deep.equal([1, 2, 1, 3, 1, 2]);
      expect(tickets.map((t) => t.id)).to.deep.equal([1, 2, 3, 4, 5, 6]);
      expect(tickets.every((t) => t.day === '2026-01-14')).to.equal(true);
    });

    it('issue() opens a waiting ticket and announces it with ticket:issued', () => {
      const s = new Session().holdAll();
      const t = s.issue('idcard', { priority: true });
      expect(s.events).to.deep.equal([{ type: 'ticket:issued', ticketId: t.id, deskId: null }]);
      expect(t).to.include({
        status: 'waiting', serviceId: 'idcard', issuedServiceId: 'idcard', priority: true, issuedAt: T0,
        appointmentAt: null, deskId: null, calledAt: null, recalls: 0,
      });
    });

    it('issue() with a repeated requestId returns the same ticket and emits no event', () => {
      const s = new Session().holdAll();
      const first = s.issue('certs', { requestId: 'tap-0001' });
      const before = s.state;
      const again = s.later(1).run({ type: 'ticket:issue', serviceId: 'certs', requestId: 'tap-0001' });
      expect(again.ticketId).to.equal(first.id);
      expect(again.events).to.deep.equal([]);
      expect(again.state).to.equal(before);
      // A retry naming another service still answers with the ticket the tap produced.
      expect(s.run({ type: 'ticket:issue', serviceId: 'idcard', requestId: 'tap-0001' }).ticketId).to.equal(first.id);
      expect(s.issue('certs', { requestId: 'tap-0002' }).number).to.equal('A002');
      expect(s.state.tickets.values()).to.have.length(2);
    });

    it('issue() returns the same ticket for a repeated requestId even after it was called', () => {
      const s = new Session().holdAll();
      const first = s.issue('certs', { requestId: 'tap-0001' });
      s.callNext('desk-1');
      expect(s.run({ type: 'ticket:issue', serviceId: 'certs', requestId: 'tap-0001' }).ticketId).to.equal(first.id);
      expect(s.ticket(first.id).status).to.equal('called');
    });

    it('a refused issue does not use up a number', () => {
      const s = new Session(officeWithService('idcard', { open: false })).holdAll();
      expect(s.refused({ type: 'ticket:issue', serviceId: 'idcard' })).to.equal('service-closed');
      expect(s.refused({ type: 'ticket:issue', serviceId: 'passport' })).to.equal('unknown-service');
      expect(s.issue('certs').number).to.equal('A001');
      expect(s.issue('certs').id).to.equal(2);
    });
  });

  describe('day rollover in Europe/Rome', () => {
    it('restarts numbering at local midnight in winter (23:00 UTC)', () => {
      const s = new Session(testOffice(), Date.UTC(2026, 0, 14, 20, 0)).holdAll();
      s.issue('certs');
      s.at(Date.UTC(2026, 0, 14, 22, 59));
      const last = s.issue('certs');
      expect([last.number, last.day]).to.deep.equal(['A002', '2026-01-14']);
      s.at(Date.UTC(2026, 0, 14, 23, 0));
      const first = s.issue('certs');
      expect([first.number, first.day]).to.deep.equal(['A001', '2026-01-15']);
      expect(s.state.day).to.equal('2026-01-15');
      expect(s.events.filter((e) => e.type === 'day:started')).to.deep.equal([{ type: 'day:started', day: '2026-01-15' }]);
    });

    it('restarts numbering at local midnight in summer (22:00 UTC)', () => {
      const s = new Session(testOffice(), Date.UTC(2026, 6, 15, 20, 0)).holdAll();
      s.issue('idcard');
      s.at(Date.UTC(2026, 6, 15, 21, 59));
      const last = s.issue('idcard');
      expect([last.number, last.day]).to.deep.equal(['B002', '2026-07-15']);
      s.at(Date.UTC(2026, 6, 15, 22, 0));
      const first = s.issue('idcard');
      expect([first.number, first.day]).to.deep.equal(['B001', '2026-07-16']);
    });

    it('keeps one counter through the 23-hour day when clocks go forward (2026-03-29)', () => {
      const s = new Session(testOffice(), Date.UTC(2026, 2, 28, 23, 10)).holdAll(); // 00:10 CET on the 29th
      expect(s.state.day).to.equal('2026-03-29');
      expect(s.state.dayEndsAt - Date.UTC(2026, 2, 28, 23, 0)).to.equal(23 * hour);
      const early = s.at(Date.UTC(2026, 2, 28, 23, 30)).issue('certs'); // 00:30 CET
      const afterJump = s.at(Date.UTC(2026, 2, 29, 1, 30)).issue('certs'); // 03:30 CEST
      const late = s.at(Date.UTC(2026, 2, 29, 21, 30)).issue('certs'); // 23:30 CEST
      expect(s.numbers(early, afterJump, late)).to.deep.equal(['A001', 'A002', 'A003']);
      expect([early.day, afterJump.day, late.day]).to.deep.equal(['2026-03-29', '2026-03-29', '2026-03-29']);
      const nextDay = s.at(Date.UTC(2026, 2, 29, 22, 0)).issue('certs'); // 00:00 CEST on the 30th
      expect([nextDay.number, nextDay.day]).to.deep.equal(['A001', '2026-03-30']);
    });

    it('keeps one counter through the 25-hour day when clocks go back (2026-10-25)', () => {
      const s = new Session(testOffice(), Date.UTC(2026, 9, 24, 22, 10)).holdAll(); // 00:10 CEST on the 25th
      expect(s.state.day).to.equal('2026-10-25');
      expect(s.state.dayEndsAt - Date.UTC(2026, 9, 24, 22, 0)).to.equal(25 * hour);
      const early = s.at(Date.UTC(2026, 9, 24, 22, 30)).issue('info'); // 00:30 CEST
      const firstTwoThirty = s.at(Date.UTC(2026, 9, 25, 0, 30)).issue('info'); // 02:30 CEST
      const secondTwoThirty = s.at(Date.UTC(2026, 9, 25, 1, 30)).issue('info'); // 02:30 CET, again
      const late = s.at(Date.UTC(2026, 9, 25, 22, 30)).issue('info'); // 23:30 CET
      expect(s.numbers(early, firstTwoThirty, secondTwoThirty, late)).to.deep.equal(['C001', 'C002', 'C003', 'C004']);
      expect(s.events.some((e) => e.type === 'day:started')).to.equal(false);
      const nextDay = s.at(Date.UTC(2026, 9, 25, 23, 0)).issue('info'); // 00:00 CET on the 26th
      expect([nextDay.number, nextDay.day]).to.deep.equal(['C001', '2026-10-26']);
    });

    it('expires the tickets left open at midnight and starts the new day', () => {
      const s = new Session(testOffice(), Date.UTC(2026, 0, 14, 21, 0)).holdAll();
      const waiting = s.issue('certs');
      const called = s.issue('certs');
      const serving = s.issue('certs');
      const parked = s.issue('info');
      const done = s.issue('idcard');
      expect(s.call('desk-1', done.id).id).to.equal(done.id);
      s.finish('desk-1');
      s.call('desk-1', called.id);
      s.call('desk-2', serving.id);
      s.start('desk-2');
      s.call('desk-3', parked.id);
      s.park('desk-3');

      const midnight = Date.UTC(2026, 0, 14, 23, 0);
      s.at(midnight + minute).run({ type: 'clock:tick' });
      expect(s.events).to.deep.equal([
        { type: 'ticket:expired', ticketId: waiting.id, deskId: null },
        { type: 'ticket:expired', ticketId: called.id, deskId: 'desk-1' },
        { type: 'ticket:expired', ticketId: serving.id, deskId: 'desk-2' },
        { type: 'ticket:expired', ticketId: parked.id, deskId: 'desk-3' },
        { type: 'day:started', day: '2026-01-15' },
      ]);
      for (const t of [waiting, called, serving, parked]) {
        expect(s.ticket(t.id)).to.include({ status: 'expired', finishedAt: midnight + minute, day: '2026-01-14' });
      }
      expect(s.state.tickets.get(done.id), 'a finished ticket of yesterday is dropped').to.equal(undefined);
      for (const id of ['desk-1', 'desk-2', 'desk-3']) {
        expect(s.desk(id)).to.deep.include({ currentTicketId: null, parkedTicketIds: [] });
      }
      expect(s.state.lastCalls).to.deep.equal([]);
      expect(s.state.dayEndsAt).to.equal(Date.UTC(2026, 0, 15, 23, 0));
      expect(s.refused({ type: 'desk:call', deskId: 'desk-1', ticketId: waiting.id })).to.equal('wrong-state');
      expect(s.refused({ type: 'desk:call-next', deskId: 'desk-1' })).to.equal('queue-empty');
    });

    it('rolls over before the first command of the day and reports it first', () => {
      const s = new Session(testOffice(), Date.UTC(2026, 0, 14, 22, 0)).holdAll();
      const old = s.issue('certs');
      const fresh = s.at(Date.UTC(2026, 0, 14, 23, 5)).issue('certs');
      expect(s.events).to.deep.equal([
        { type: 'ticket:expired', ticketId: old.id, deskId: null },
        { type: 'day:started', day: '2026-01-15' },
        { type: 'ticket:issued', ticketId: fresh.id, deskId: null },
      ]);
      expect(fresh.id).to.equal(old.id + 1);
    });

    it('forgets yesterday\'s request ids, so a new day\'s tap gets a new ticket', () => {
      const s = new Session(testOffice(), Date.UTC(2026, 0, 14, 22, 0)).holdAll();
      const old = s.issue('certs', { requestId: 'tap-0001' });
      const fresh = s.at(Date.UTC(2026, 0, 15, 8, 0)).issue('certs', { requestId: 'tap-0001' });
      expect(fresh.id).to.not.equal(old.id);
      expect([fresh.number, fresh.day]).to.deep.equal(['A001', '2026-01-15']);
    });

    it('a refused command after midnight leaves the old day in place; the next one rolls over', () => {
      const s = new Session(testOffice(), Date.UTC(2026, 0, 14, 22, 0)).holdAll();
      s.issue('certs');
      s.at(Date.UTC(2026, 0, 14, 23, 5));
      expect(s.refused({ type: 'ticket:issue', serviceId: 'passport' })).to.equal('unknown-service');
      expect(s.state.day).to.equal('2026-01-14');
      s.run({ type: 'clock:tick' });
      expect(s.eventTypes()).to.deep.equal(['ticket:expired', 'day:started']);
      expect(s.state.day).to.equal('2026-01-15');
    });

    it('a gap of several days rolls over once, to the current day', () => {
      const s = new Session(testOffice(), Date.UTC(2026, 0, 14, 10, 0)).holdAll();
      s.issue('certs');
      s.at(Date.UTC(2026, 0, 17, 10, 0)).run({ type: 'clock:tick' });
      expect(s.events.filter((e) => e.type === 'day:started')).to.deep.equal([{ type: 'day:started', day: '2026-01-17' }]);
      expect(s.issue('certs').number).to.equal('A001');
    });
  });

  describe('restoring a saved state', () => {
    it('a restart continues today\'s numbering from the saved tickets', async () => {
      const s = new Session().holdAll();
      s.issue('certs');
      s.issue('certs');
      s.issue('idcard');
      const restored = await s.restarted(T0 + hour);
      restored.at(T0 + hour);
      expect(restored.numbers(restored.issue('certs'), restored.issue('idcard'))).to.deep.equal(['A003', 'B002']);
      expect(restored.ticket(4).id).to.equal(4);
    });

    it('a restart counts only today\'s tickets, not the expired ones kept from yesterday', async () => {
      const s = new Session(testOffice(), Date.UTC(2026, 0, 14, 20, 0)).holdAll();
      for (let i = 0; i < 5; i++) s.issue('certs'); // A001..A005, still waiting at midnight
      s.at(Date.UTC(2026, 0, 15, 8, 0));
      expect(s.issue('certs').number).to.equal('A001');
      expect(s.state.tickets.values().filter((t) => t.status === 'expired')).to.have.length(5);

      // The hub restarts the same morning and restores what it saved.
      const restored = await s.restarted(Date.UTC(2026, 0, 15, 8, 30));
      restored.at(Date.UTC(2026, 0, 15, 8, 31));
      expect(restored.issue('certs').number).to.equal('A002');
    });

    it('a restart does not answer a new tap with yesterday\'s expired ticket', async () => {
      const s = new Session(testOffice(), Date.UTC(2026, 0, 14, 20, 0)).holdAll();
      const old = s.issue('certs', { requestId: 'tap-0001' });
      s.at(Date.UTC(2026, 0, 15, 8, 0)).run({ type: 'clock:tick' });
      const restored = await s.restarted(Date.UTC(2026, 0, 15, 8, 30));
      restored.at(Date.UTC(2026, 0, 15, 8, 31));
      const fresh = restored.issue('certs', { requestId: 'tap-0001' });
      expect(fresh.id).to.not.equal(old.id);
      expect([fresh.status, fresh.number]).to.deep.equal(['waiting', 'A001']);
    });

    it('a restart with a state saved on an earlier day rolls it over at the next command', async () => {
      const s = new Session(testOffice(), Date.UTC(2026, 0, 14, 20, 0)).holdAll();
      const old = s.issue('certs');
      const restored = await s.restarted(Date.UTC(2026, 0, 15, 9, 0));
      restored.at(Date.UTC(2026, 0, 15, 9, 0));
      const fresh = restored.issue('certs');
      expect(restored.events).to.deep.equal([
        { type: 'ticket:expired', ticketId: old.id, deskId: null },
        { type: 'day:started', day: '2026-01-15' },
        { type: 'ticket:issued', ticketId: fresh.id, deskId: null },
      ]);
      expect([fresh.number, fresh.day]).to.deep.equal(['A001', '2026-01-15']);
    });
  });

  describe('when tickets can be issued', () => {
    const weekdays = [{ open: '08:00', close: '18:30' }];
    const hours = testOffice({
      openingHours: {
        mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays,
        sat: [{ open: '08:00', close: '12:45' }],
      },
    });

    it('issue() is refused with office-closed before opening and from closing time (winter)', () => {
      const s = new Session(hours, Date.UTC(2026, 0, 14, 6, 0)).holdAll(); // Wednesday 07:00 CET
      s.at(Date.UTC(2026, 0, 14, 6, 59));
      expect(s.refused({ type: 'ticket:issue', serviceId: 'certs' })).to.equal('office-closed');
      expect(s.at(Date.UTC(2026, 0, 14, 7, 0)).issue('certs').number).to.equal('A001');
      expect(s.at(Date.UTC(2026, 0, 14, 17, 29)).issue('certs').number).to.equal('A002');
      s.at(Date.UTC(2026, 0, 14, 17, 30));
      expect(s.refused({ type: 'ticket:issue', serviceId: 'certs' })).to.equal('office-closed');
    });

    it('issue() follows local opening hours in summer time', () => {
      const s = new Session(hours, Date.UTC(2026, 6, 15, 5, 0)).holdAll(); // Wednesday 07:00 CEST
      s.at(Date.UTC(2026, 6, 15, 5, 59));
      expect(s.refused({ type: 'ticket:issue', serviceId: 'certs' })).to.equal('office-closed');
      expect(s.at(Date.UTC(2026, 6, 15, 6, 0)).issue('certs').number).to.equal('A001');
      s.at(Date.UTC(2026, 6, 15, 16, 30));
      expect(s.refused({ type: 'ticket:issue', serviceId: 'certs' })).to.equal('office-closed');
    });

    it('issue() uses Saturday hours and refuses on Sunday, which has none', () => {
      const s = new Session(hours, Date.UTC(2026, 0, 17, 9, 0)).holdAll(); // Saturday 10:00 CET
      expect(s.at(Date.UTC(2026, 0, 17, 11, 44)).issue('info').number).to.equal('C001');
      s.at(Date.UTC(2026, 0, 17, 11, 45));
      expect(s.refused({ type: 'ticket:issue', serviceId: 'info' })).to.equal('office-closed');
      s.at(Date.UTC(2026, 0, 18, 9, 0)); // Sunday 10:00
      expect(s.refused({ type: 'ticket:issue', serviceId: 'info' })).to.equal('office-closed');
    });

    it('issue() is refused during a break between two opening intervals', () => {
      const split = [{ open: '08:00', close: '12:00' }, { open: '14:00', close: '17:00' }];
      const s = new Session(testOffice({ openingHours: { wed: split } }), Date.UTC(2026, 0, 14, 7, 0)).holdAll();
      expect(s.at(Date.UTC(2026, 0, 14, 10, 59)).issue('certs').number).to.equal('A001');
      s.at(Date.UTC(2026, 0, 14, 12, 0)); // 13:00
      expect(s.refused({ type: 'ticket:issue', serviceId: 'certs' })).to.equal('office-closed');
      expect(s.at(Date.UTC(2026, 0, 14, 13, 0)).issue('certs').number).to.equal('A002');
    });

    it('issue() is refused on a closed date and allowed again the day after', () => {
      const s = new Session(testOffice({ closedDates: ['2026-01-14'] }), Date.UTC(2026, 0, 14, 9, 0)).holdAll();
      expect(s.state.openingToday).to.deep.equal([]);
      expect(s.refused({ type: 'ticket:issue', serviceId: 'certs' })).to.equal('office-closed');
      expect(s.at(Date.UTC(2026, 0, 14, 23, 0)).issue('certs')).to.include({ number: 'A001', day: '2026-01-15' });
    });

    it('issue() is refused with service-closed for a closed service, other services still issue', () => {
      const s = new Session(officeWithService('idcard', { open: false })).holdAll();
      expect(s.refused({ type: 'ticket:issue', serviceId: 'idcard' })).to.equal('service-closed');
      expect(s.issue('certs').number).to.equal('A001');
      expect(s.state.tickets.values()).to.have.length(1);
    });

    it('issue() is refused with unknown-service for a service the office does not have', () => {
      const s = new Session().holdAll();
      expect(s.refused({ type: 'ticket:issue', serviceId: 'passport' })).to.equal('unknown-service');
      expect(s.state.tickets.values()).to.deep.equal([]);
    });
  });
});
