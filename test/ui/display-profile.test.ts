import { expect } from 'chai';
import { openDesks, showsCall, visibleCalls, visibleServices } from '../../display/src/profileFilter.ts';
import { officeConfigSchema } from '../../protocol/office.ts';
import type { CallView, ServiceView } from '../../protocol/views.ts';
import { testOffice } from '../helpers/office.ts';

let nextId = 1;
const call = (number: string, deskId: string, serviceId: string, ticketId = nextId++): CallView => ({
  ticketId, number, serviceId, deskId, deskName: deskId, at: '2026-01-14T09:00:00.000Z', recall: false, appointment: false, needs: [],
});
const service = (id: string): ServiceView => ({
  id, prefix: id[0]!.toUpperCase(), name: { it: id, en: id }, icon: 'document', outcomes: ['x'], outcomeNames: [{ code: 'x', name: { it: 'X', en: 'X' } }], open: true, waiting: 0, openDesks: 1, estimatedWaitMinutes: 0, dailyLimit: null, ticketsLeftToday: null, dailyLimitReached: false,
});

describe('display profile filter', () => {
  it('a profile without services or desks shows every call', () => {
    expect(showsCall({}, call('A001', 'desk-1', 'certs'))).to.equal(true);
  });

  it('a profile for some desks shows only calls to those desks', () => {
    const backRoom = { desks: ['back-1'] };
    expect(showsCall(backRoom, call('A001', 'back-1', 'certs'))).to.equal(true);
    expect(showsCall(backRoom, call('A002', 'desk-1', 'certs'))).to.equal(false);
  });

  it('a profile for some services shows only their calls, and with desks too both must match', () => {
    expect(showsCall({ services: ['idcard'] }, call('B001', 'desk-1', 'idcard'))).to.equal(true);
    expect(showsCall({ services: ['idcard'] }, call('A001', 'desk-1', 'certs'))).to.equal(false);
    const both = { services: ['idcard'], desks: ['desk-2'] };
    expect(showsCall(both, call('B001', 'desk-2', 'idcard'))).to.equal(true);
    expect(showsCall(both, call('B002', 'desk-1', 'idcard'))).to.equal(false);
    expect(showsCall(both, call('A003', 'desk-2', 'certs'))).to.equal(false);
  });

  it('visibleCalls keeps the newest first, lists a recalled ticket once and stops at the limit', () => {
    const calls = [
      { ...call('A001', 'desk-1', 'certs', 1), recall: true },
      call('A002', 'back-1', 'certs', 2),
      call('A003', 'desk-2', 'certs', 3),
      call('A001', 'desk-1', 'certs', 1),
      call('A004', 'desk-3', 'certs', 4),
    ];
    expect(visibleCalls({}, calls, 10).map((c) => [c.number, c.recall])).to.deep.equal([['A001', true], ['A002', false], ['A003', false], ['A004', false]]);
    expect(visibleCalls({}, calls, 2).map((c) => c.number)).to.deep.equal(['A001', 'A002']);
    expect(visibleCalls({ desks: ['back-1'] }, calls, 10).map((c) => c.number)).to.deep.equal(['A002']);
  });

  it('visibleServices: the profile\'s services, else those its desks serve, else all, in office order', () => {
    const services = ['certs', 'idcard', 'info'].map(service);
    const desks = [{ id: 'desk-3', services: ['info', 'certs'] }, { id: 'back-1', services: ['idcard'] }];
    expect(visibleServices({}, services, desks).map((s) => s.id)).to.deep.equal(['certs', 'idcard', 'info']);
    expect(visibleServices({ services: ['info', 'certs'] }, services, desks).map((s) => s.id)).to.deep.equal(['certs', 'info']);
    expect(visibleServices({ desks: ['desk-3'] }, services, desks).map((s) => s.id)).to.deep.equal(['certs', 'info']);
  });
});

describe('office config: display profiles', () => {
  const parse = (displays: unknown) => officeConfigSchema.safeParse({ ...testOffice(), displays });

  it('fills in the defaults: Italian, speaking, no ticker, every service and desk', () => {
    const result = parse([{ id: 'room-a', name: 'Sala A' }]);
    expect(result.success).to.equal(true);
    expect(result.data!.displays).to.deep.equal([{ id: 'room-a', name: 'Sala A', language: 'it', speak: true, ticker: [] }]);
  });

  it('turns a plain ticker text into the same text for every language', () => {
    const result = parse([{ id: 'room-a', name: 'Sala A', ticker: ['Orari 8-18', { it: 'Porta una foto', en: 'Bring a photo' }] }]);
    expect(result.data!.displays[0]!.ticker).to.deep.equal([{ it: 'Orari 8-18', en: 'Orari 8-18' }, { it: 'Porta una foto', en: 'Bring a photo' }]);
  });

  it('is unchanged when parsed twice (the parsed config can be read again)', () => {
    const once = parse([{ id: 'room-a', name: 'Sala A', ticker: ['Orari'] }]).data!;
    const twice = officeConfigSchema.parse(once);
    expect(twice.displays).to.deep.equal(once.displays);
  });

  it('refuses unknown services and desks and duplicate display ids', () => {
    const result = parse([
      { id: 'room-a', name: 'Sala A', services: ['nope'] },
      { id: 'room-a', name: 'Sala B', desks: ['desk-9'] },
    ]);
    expect(result.success).to.equal(false);
    const messages = result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).to.include.members([
      'displays.0.services: unknown service "nope"',
      'displays.1.desks: unknown desk "desk-9"',
      'displays: duplicate display id "room-a"',
    ]);
  });

  it('refuses a language it does not know', () => {
    expect(parse([{ id: 'room-a', name: 'Sala A', language: 'fr' }]).success).to.equal(false);
  });

  it('an office without displays gets an empty list', () => {
    expect(testOffice().displays).to.deep.equal([]);
  });

  it('openDesks() lists the desks in front mode held by a clerk within the profile, a back desk switched to the public included', () => {
    const desks = [
      { id: 'desk-1', services: ['certs', 'info'], mode: 'front' as const, heldBy: 'anna' },
      { id: 'desk-2', services: ['idcard'], mode: 'paused' as const, heldBy: 'bruno' },
      { id: 'desk-3', services: ['certs'], mode: 'front' as const, heldBy: null },
      { id: 'back-1', services: ['idcard'], mode: 'front' as const, heldBy: 'carla' },
      { id: 'back-2', services: ['certs'], mode: 'back' as const, heldBy: null },
    ];
    expect(openDesks({}, desks).map((d) => d.id), 'desk-3 is in front mode but nobody is there').to.deep.equal(['desk-1', 'back-1']);
    expect(openDesks({ desks: ['back-1', 'back-2'] }, desks).map((d) => d.id)).to.deep.equal(['back-1']);
    expect(openDesks({ services: ['certs'] }, desks).map((d) => d.id)).to.deep.equal(['desk-1']);
  });
});
