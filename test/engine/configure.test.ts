import { expect } from 'chai';
import { apply, createState, EngineError, type EngineState } from '../../server/engine/index.ts';
import { testOffice } from '../helpers/office.ts';

const t0 = Date.parse('2026-11-24T09:00:00Z');

function run(state: EngineState, command: Parameters<typeof apply>[1], now = t0) {
  return apply(state, command, now);
}

describe('office:configure (a live office change)', () => {
  it('adds a service and a desk that work at once, and says office:changed', () => {
    const base = testOffice();
    const office = testOffice({
      services: [...base.services, { id: 'tax', prefix: 'T', name: { it: 'Tributi', en: 'Taxes' }, outcomes: ['payment-slip'] }],
      desks: [...base.desks, { id: 'desk-9', name: 'Sportello 9', kind: 'front', services: ['tax'] }],
    });
    const changed = run(createState(base, t0), { type: 'office:configure', office });
    expect(changed.events).to.deep.equal([{ type: 'office:changed' }]);
    const issued = run(changed.state, { type: 'ticket:issue', serviceId: 'tax' });
    expect(issued.state.tickets.get(issued.ticketId!)!.number).to.equal('T001');
    const held = run(issued.state, { type: 'desk:hold', deskId: 'desk-9', clerk: 'anna' });
    const called = run(held.state, { type: 'desk:call-next', deskId: 'desk-9' });
    expect(called.ticketId).to.equal(issued.ticketId);
  });

  it('follows new opening hours today', () => {
    const closedToday = testOffice({ closedDates: ['2026-11-24'] });
    const state = run(createState(testOffice(), t0), { type: 'office:configure', office: closedToday }).state;
    expect(() => run(state, { type: 'ticket:issue', serviceId: 'certs' })).to.throw(EngineError).with.property('code', 'office-closed');
  });

  it('refuses, with nothing changed, to remove a service with open tickets or a desk holding one', () => {
    const base = testOffice();
    let state = run(createState(base, t0), { type: 'ticket:issue', serviceId: 'info' }).state;
    state = run(state, { type: 'ticket:issue', serviceId: 'certs' }).state;
    state = run(state, { type: 'desk:hold', deskId: 'desk-3', clerk: 'anna' }).state;
    state = run(state, { type: 'desk:call-next', deskId: 'desk-3' }).state;
    const noInfo = testOffice({
      services: base.services.filter((s) => s.id !== 'info'),
      desks: base.desks.map((d) => ({ ...d, services: d.services.filter((s) => s !== 'info') })),
    });
    expect(() => run(state, { type: 'office:configure', office: noInfo })).to.throw(EngineError).with.property('code', 'in-use');
    const noDesk3 = testOffice({ desks: base.desks.filter((d) => d.id !== 'desk-3') });
    expect(() => run(state, { type: 'office:configure', office: noDesk3 })).to.throw(/Desk "desk-3" is dealing with a ticket/);
  });
});
