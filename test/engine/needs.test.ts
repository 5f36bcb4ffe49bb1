import { expect } from 'chai';
import { testOffice } from '../helpers/office.ts';
import { Session, T0 } from './driver.ts';

describe('engine: a ticket\'s needs (calls that fit each person)', () => {
  it('issue() keeps the needs asked for, once each, in a fixed order; none by default', () => {
    const s = new Session().holdAll();
    const t = s.ticket(s.run({ type: 'ticket:issue', serviceId: 'certs', needs: ['escort', 'hearing', 'escort'] }).ticketId);
    expect(t.needs).to.deep.equal(['hearing', 'escort']);
    expect(s.issue('certs').needs).to.deep.equal([]);
  });

  it('the needs stay with the ticket through a call, a transfer and a restart', async () => {
    const s = new Session().holdAll();
    const id = s.run({ type: 'ticket:issue', serviceId: 'certs', needs: ['sight'] }).ticketId;
    expect(s.callNext('desk-1').needs).to.deep.equal(['sight']);
    s.run({ type: 'desk:transfer', deskId: 'desk-1', serviceId: 'idcard' });
    expect(s.ticket(id).needs).to.deep.equal(['sight']);
    const restarted = await s.restarted(T0 + 60_000);
    expect(restarted.ticket(id).needs).to.deep.equal(['sight']);
  });

  it('a need the office turned off is refused with need-not-offered and uses no number; the others are taken', () => {
    const s = new Session(testOffice({ callNeeds: { escort: false } })).holdAll();
    expect(s.refused({ type: 'ticket:issue', serviceId: 'certs', needs: ['hearing', 'escort'] })).to.equal('need-not-offered');
    const t = s.ticket(s.run({ type: 'ticket:issue', serviceId: 'certs', needs: ['hearing', 'easy-language'] }).ticketId);
    expect(t.number).to.equal('A001');
    expect(t.needs).to.deep.equal(['hearing', 'easy-language']);
  });

  it('turning a need off later leaves the tickets that asked for it as they are', () => {
    const s = new Session().holdAll();
    const id = s.run({ type: 'ticket:issue', serviceId: 'certs', needs: ['escort'] }).ticketId;
    s.run({ type: 'office:configure', office: testOffice({ callNeeds: { escort: false } }) });
    expect(s.ticket(id).needs).to.deep.equal(['escort']);
    expect(s.refused({ type: 'ticket:issue', serviceId: 'certs', needs: ['escort'] })).to.equal('need-not-offered');
  });
});
