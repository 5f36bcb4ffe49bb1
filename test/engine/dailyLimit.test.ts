import { expect } from 'chai';
import { apply, createState, EngineError, ticketsLeftToday } from '../../server/engine/index.ts';
import { serviceViews } from '../../server/views.ts';
import { testOffice } from '../helpers/office.ts';
import { hour, minute, officeWithService, Session, T0 } from './driver.ts';

/** The test office with at most `limit` identity-card tickets a day. */
const limited = (limit: number) => officeWithService('idcard', { dailyLimit: limit });

describe('engine: a service\'s daily ticket limit', () => {
  it('issue() is refused with daily-limit-reached once the day\'s tickets are given out, and nothing changes', () => {
    const s = new Session(limited(3)).holdAll();
    expect(s.numbers(s.issue('idcard'), s.issue('idcard'), s.issue('idcard'))).to.deep.equal(['B001', 'B002', 'B003']);
    // Session.refused() also checks the state is exactly as it was.
    expect(s.refused({ type: 'ticket:issue', serviceId: 'idcard' })).to.equal('daily-limit-reached');
    expect(s.refused({ type: 'ticket:issue', serviceId: 'idcard', priority: true, requestId: 'tap-late-01' })).to.equal('daily-limit-reached');
    expect(s.state.counters.get('idcard')).to.equal(3);
    expect(s.state.requestIds.get('tap-late-01'), 'a refused tap is not remembered').to.equal(undefined);
    // Other services go on numbering as before.
    expect(s.issue('certs').number).to.equal('A001');
  });

  it('the refusal names the service in plain words', () => {
    const s = new Session(limited(1)).holdAll();
    s.issue('idcard');
    try {
      apply(s.state, { type: 'ticket:issue', serviceId: 'idcard' }, s.now);
      expect.fail('the fourth ticket was issued');
    } catch (error) {
      expect(error).to.be.instanceOf(EngineError);
      expect((error as EngineError).message).to.equal("Today's tickets for Carta d'identità have all been given out (1 a day).");
    }
  });

  it('a retry of a tap that got a ticket still gets that ticket once the limit is reached', () => {
    const s = new Session(limited(2)).holdAll();
    const first = s.issue('idcard', { requestId: 'tap-0001' });
    s.issue('idcard');
    const again = s.run({ type: 'ticket:issue', serviceId: 'idcard', requestId: 'tap-0001' });
    expect(again.ticketId).to.equal(first.id);
    expect(again.events).to.deep.equal([]);
  });

  it('every number of the service counts, cancelled ones too; tickets transferred in keep their number and do not', () => {
    const s = new Session(limited(3)).holdAll();
    const cancelled = s.issue('idcard');
    s.run({ type: 'ticket:cancel', ticketId: cancelled.id });
    s.issue('certs');
    s.callNext('desk-1');
    s.run({ type: 'desk:transfer', deskId: 'desk-1', serviceId: 'idcard' });
    expect(ticketsLeftToday(s.state, { id: 'idcard', dailyLimit: 3 })).to.equal(2);
    s.issue('idcard');
    s.issue('idcard');
    expect(s.refused({ type: 'ticket:issue', serviceId: 'idcard' })).to.equal('daily-limit-reached');
  });

  it('an appointment check-in is never turned away, and it uses up one of the day\'s tickets', () => {
    const s = new Session(limited(2)).holdAll();
    s.issue('idcard');
    const booked = s.issue('idcard', { appointmentAt: T0 + 30 * minute, requestId: 'appointment-ABC123' });
    expect(booked.number).to.equal('B002');
    expect(s.refused({ type: 'ticket:issue', serviceId: 'idcard' }), 'walk-ins: the day is full').to.equal('daily-limit-reached');
    const late = s.issue('idcard', { appointmentAt: T0 + hour, requestId: 'appointment-DEF456' });
    expect(late.number, 'a booked appointment past the limit still gets its number').to.equal('B003');
    expect(ticketsLeftToday(s.state, { id: 'idcard', dailyLimit: 2 })).to.equal(0);
  });

  it('the next day the service hands out tickets again, from number 1', () => {
    const s = new Session(limited(1), Date.UTC(2026, 0, 14, 20, 0)).holdAll();
    s.issue('idcard');
    expect(s.refused({ type: 'ticket:issue', serviceId: 'idcard' })).to.equal('daily-limit-reached');
    const tomorrow = s.at(Date.UTC(2026, 0, 14, 23, 0) + minute).issue('idcard');
    expect([tomorrow.number, tomorrow.day]).to.deep.equal(['B001', '2026-01-15']);
    expect(s.refused({ type: 'ticket:issue', serviceId: 'idcard' })).to.equal('daily-limit-reached');
  });

  it('a hub restarted mid-day still knows how many tickets it gave out today', async () => {
    const s = new Session(limited(2)).holdAll();
    s.issue('idcard');
    s.issue('idcard');
    const restarted = await s.restarted(T0 + hour);
    expect(restarted.refused({ type: 'ticket:issue', serviceId: 'idcard' })).to.equal('daily-limit-reached');
  });

  it('a limit changed during the day counts the tickets already given out; a lower one leaves none, never fewer than none', () => {
    const s = new Session(limited(10)).holdAll();
    for (let i = 0; i < 4; i++) s.issue('idcard');
    s.run({ type: 'office:configure', office: limited(2) });
    expect(ticketsLeftToday(s.state, s.state.office.services[1]!)).to.equal(0);
    expect(s.refused({ type: 'ticket:issue', serviceId: 'idcard' })).to.equal('daily-limit-reached');
    s.run({ type: 'office:configure', office: limited(5) });
    expect(s.issue('idcard').number).to.equal('B005');
    expect(s.refused({ type: 'ticket:issue', serviceId: 'idcard' })).to.equal('daily-limit-reached');
    s.run({ type: 'office:configure', office: testOffice() });
    expect(s.issue('idcard').number, 'the limit taken away').to.equal('B006');
  });

  it('without a limit nothing changes: many tickets, no refusal, nothing left to count', () => {
    const s = new Session().holdAll();
    for (let i = 0; i < 120; i++) s.issue('idcard');
    expect(s.issue('idcard').number).to.equal('B121');
    expect(ticketsLeftToday(s.state, s.state.office.services[1]!)).to.equal(null);
  });

  it('the service views tell clients the limit, what is left and when it is reached', () => {
    const s = new Session(limited(2)).holdAll();
    const byId = () => Object.fromEntries(serviceViews(s.state).map((v) => [v.id, v]));
    expect(byId().idcard).to.include({ dailyLimit: 2, ticketsLeftToday: 2, dailyLimitReached: false });
    expect(byId().certs).to.include({ dailyLimit: null, ticketsLeftToday: null, dailyLimitReached: false });
    s.issue('idcard');
    expect(byId().idcard).to.include({ ticketsLeftToday: 1, dailyLimitReached: false });
    s.issue('idcard');
    expect(byId().idcard).to.include({ ticketsLeftToday: 0, dailyLimitReached: true });
  });
});
