import { expect } from 'chai';
import type { Command } from '../../server/engine/index.ts';
import { positionOf } from '../../server/engine/index.ts';
import { testOffice } from '../helpers/office.ts';
import { hour, minute, officeWithService, Session, T0 } from './driver.ts';

const reserve = (kioskId = 'ingresso', serviceIds?: string[]): Command => ({ type: 'kiosk:reserve', kioskId, ...(serviceIds ? { serviceIds } : {}) });
const offline = (seq: number, tappedAt: number, requestId: string, extra: Partial<Extract<Command, { type: 'ticket:issue-reserved' }>> = {}): Command =>
  ({ type: 'ticket:issue-reserved', kioskId: 'ingresso', serviceId: 'certs', seq, tappedAt, requestId, ...extra });

describe('engine: blocks of numbers a kiosk holds for a network blip', () => {
  it('kiosk:reserve hands the kiosk the next numbers of each open service, and every other issuer skips them', () => {
    const s = new Session().holdAll();
    s.issue('certs');
    s.run(reserve());
    expect(s.events.map((e) => e.type)).to.deep.equal(['kiosk:reserved', 'kiosk:reserved', 'kiosk:reserved']);
    expect(s.events[0]).to.deep.equal({ type: 'kiosk:reserved', kioskId: 'ingresso', serviceId: 'certs', numbers: [2, 3, 4, 5, 6] });
    expect(s.issue('certs').number).to.equal('A007');
    expect(s.issue('info').number).to.equal('C006');
    // A second kiosk gets its own numbers, after both.
    s.run(reserve('piano-1', ['certs']));
    expect(s.events).to.deep.equal([{ type: 'kiosk:reserved', kioskId: 'piano-1', serviceId: 'certs', numbers: [8, 9, 10, 11, 12] }]);
    expect(s.issue('certs').number).to.equal('A013');
  });

  it('kiosk:reserve only tops a block up: a full block reserves nothing, a used number is replaced', () => {
    const s = new Session().holdAll();
    s.run(reserve('ingresso', ['certs']));
    const before = s.state;
    s.run(reserve('ingresso', ['certs']));
    expect(s.events).to.deep.equal([]);
    expect(s.state).to.equal(before);
    s.run(offline(1, s.now, 'off-0001'));
    s.run(reserve('ingresso', ['certs']));
    expect(s.events).to.deep.equal([{ type: 'kiosk:reserved', kioskId: 'ingresso', serviceId: 'certs', numbers: [6] }]);
  });

  it('kiosk:reserve stays within a daily limit, skips a closed service, and is off with a block size of 0', () => {
    const limited = new Session(officeWithService('certs', { dailyLimit: 3 })).holdAll();
    limited.issue('certs');
    limited.run(reserve('ingresso', ['certs']));
    expect(limited.events).to.deep.equal([{ type: 'kiosk:reserved', kioskId: 'ingresso', serviceId: 'certs', numbers: [2, 3] }]);
    expect(limited.refused({ type: 'ticket:issue', serviceId: 'certs' })).to.equal('daily-limit-reached');

    const closed = new Session(officeWithService('certs', { open: false }));
    closed.run(reserve('ingresso'));
    expect(closed.state.reserved.some((r) => r.serviceId === 'certs')).to.equal(false);

    const off = testOffice();
    const none = new Session({ ...off, policy: { ...off.policy, kioskBlockSize: 0 } });
    none.run(reserve('ingresso'));
    expect(none.state.reserved).to.deep.equal([]);
    expect(none.refused(reserve('ingresso', ['nope']))).to.equal('unknown-service');
  });

  it('ticket:issue from a kiosk takes its own lowest reserved number first, even past the daily limit, and others\' numbers never', () => {
    const s = new Session(officeWithService('certs', { dailyLimit: 6 })).holdAll();
    s.run(reserve('ingresso', ['certs']));
    s.run(reserve('piano-1', ['certs'])); // only 6 - 5 = 1 left for it: A006
    expect(s.state.reserved.filter((r) => r.kioskId === 'piano-1').map((r) => r.seq)).to.deep.equal([6]);
    expect(s.issue('certs', { kioskId: 'ingresso' }).number).to.equal('A001');
    expect(s.issue('certs', { kioskId: 'ingresso' }).number).to.equal('A002');
    expect(s.issue('certs', { kioskId: 'piano-1' }).number).to.equal('A006');
    expect(s.refused({ type: 'ticket:issue', serviceId: 'certs', kioskId: 'piano-1' })).to.equal('daily-limit-reached');
    expect(s.refused({ type: 'ticket:issue', serviceId: 'certs' })).to.equal('daily-limit-reached');
    expect(s.state.reserved.map((r) => r.seq)).to.deep.equal([3, 4, 5]);
    // The kiosk's paper and the hub agree: an offline report of a number it already used online is refused, not doubled.
    expect(s.refused(offline(1, s.now, 'off-0001'))).to.equal('number-not-reserved');
  });

  it('ticket:issue-reserved places offline tickets in the queue by their tap times, with their reserved numbers', () => {
    const s = new Session().holdAll();
    s.run(reserve('ingresso', ['certs']));
    const first = s.issue('certs'); // A006, at T0
    s.later(10);
    const second = s.issue('certs'); // A007, at T0 + 10'
    s.later(10);
    // Two citizens tapped while the kiosk was cut off, at T0 + 5' and T0 + 15'; reported now, the later first.
    const late = s.ticket(s.run(offline(2, T0 + 15 * minute, 'off-0002')).ticketId);
    const early = s.ticket(s.run(offline(1, T0 + 5 * minute, 'off-0001')).ticketId);
    expect([early.number, late.number]).to.deep.equal(['A001', 'A002']);
    expect(early.issuedAt).to.equal(T0 + 5 * minute);
    expect([first, early, second, late].map((t) => positionOf(s.state, t))).to.deep.equal([0, 1, 2, 3]);
    expect(s.numbers(s.callNext('desk-1'), s.callNext('desk-2'), s.callNext('desk-3'))).to.deep.equal(['A006', 'A001', 'A007']);
    expect(s.state.reserved.map((r) => r.seq)).to.deep.equal([3, 4, 5]);
  });

  it('ticket:issue-reserved reported twice gives the same ticket, not a double', () => {
    const s = new Session().holdAll();
    s.run(reserve('ingresso', ['certs']));
    const id = s.run(offline(1, s.now, 'off-0001', { priority: true, needs: ['hearing'] })).ticketId;
    const before = s.state;
    const again = s.later(1).run(offline(1, s.now, 'off-0001'));
    expect(again.ticketId).to.equal(id);
    expect(again.events).to.deep.equal([]);
    expect(s.state).to.equal(before);
    expect(s.ticket(id)).to.include({ number: 'A001', priority: true, status: 'waiting' });
    expect(s.ticket(id).needs).to.deep.equal(['hearing']);
  });

  it('ticket:issue-reserved refuses a number not in the kiosk\'s block, already used, and a tap in the future or of another day', () => {
    const s = new Session().holdAll();
    s.later(60);
    s.run(reserve('ingresso', ['certs']));
    s.issue('certs'); // A006: never the kiosk's
    expect(s.refused(offline(6, s.now, 'off-0006'))).to.equal('number-not-reserved');
    expect(s.refused({ ...offline(1, s.now, 'off-0001'), kioskId: 'piano-1' } as Command)).to.equal('number-not-reserved');
    expect(s.refused(offline(1, s.now, 'off-0001', { serviceId: 'info' }))).to.equal('number-not-reserved');
    s.run(offline(1, s.now, 'off-0001'));
    expect(s.refused(offline(1, s.now, 'off-other'))).to.equal('number-not-reserved');
    expect(s.refused(offline(2, s.now + hour, 'off-0002'))).to.equal('tap-time-refused');
    expect(s.refused(offline(2, T0 - 24 * hour, 'off-0002'))).to.equal('tap-time-refused');
    // A kiosk clock a little ahead of the hub's is not a future tap: it counts as now.
    const skewed = s.ticket(s.run(offline(2, s.now + minute, 'off-0002')).ticketId);
    expect(skewed.issuedAt).to.equal(s.now);
  });

  it('issues an offline ticket even when its service was turned off since the tap (the paper is printed)', () => {
    const s = new Session(officeWithService('certs', { open: true }));
    s.run(reserve('ingresso', ['certs']));
    s.run({ type: 'office:configure', office: officeWithService('certs', { open: false }) });
    expect(s.ticket(s.run(offline(1, s.now, 'off-0001')).ticketId).number).to.equal('A001');
  });

  it('the rollover releases the numbers a kiosk never issued, naming the day; the new day numbers from 1', () => {
    const s = new Session().holdAll();
    s.run(reserve('ingresso', ['certs', 'info']));
    s.run(offline(1, s.now, 'off-0001'));
    s.at(T0 + 24 * hour).run({ type: 'clock:tick' });
    const released = s.events.filter((e) => e.type === 'kiosk:released');
    expect(released).to.deep.equal([
      { type: 'kiosk:released', kioskId: 'ingresso', serviceId: 'certs', numbers: [2, 3, 4, 5], day: '2026-01-14' },
      { type: 'kiosk:released', kioskId: 'ingresso', serviceId: 'info', numbers: [1, 2, 3, 4, 5], day: '2026-01-14' },
    ]);
    expect(s.state.reserved).to.deep.equal([]);
    expect(s.issue('certs').number).to.equal('A001');
    // Yesterday's block is gone: a ticket from it reported today is refused, not numbered again.
    expect(s.refused(offline(2, s.now, 'off-0002'))).to.equal('number-not-reserved');
  });

  it('a restart keeps the kiosk\'s block: numbering goes on past it', async () => {
    const s = new Session().holdAll();
    s.run(reserve('ingresso', ['certs']));
    const restored = await s.later(5).restarted(s.now);
    expect(restored.state.reserved).to.deep.equal(s.state.reserved);
    expect(restored.issue('certs').number).to.equal('A006');
    expect(restored.ticket(restored.run(offline(3, restored.now, 'off-0003')).ticketId).number).to.equal('A003');
  });
});
