import { expect } from 'chai';
import type { DeskConfig, DisplayConfig, ServiceConfig } from '../../protocol/office.ts';
import { unwrapOffice } from '../../manager/src/forms/unwrapOffice.ts';
import { deskProblems, deskRemoval, desksWith, deskToForm, newDeskForm } from '../../manager/src/forms/desks.ts';
import { displayProblems, displaysWith, displayToForm, newDisplayForm } from '../../manager/src/forms/displays.ts';
import { hoursPatch, hoursProblems, hoursToForm, nextInterval } from '../../manager/src/forms/hours.ts';
import { formToService, newServiceForm, serviceProblems, serviceRemoval, servicesWith, servicesWithOpen, serviceToForm } from '../../manager/src/forms/services.ts';
import { thresholdsPatch, thresholdsProblems } from '../../manager/src/forms/thresholds.ts';
import { testOffice } from '../helpers/office.ts';

describe('manager admin forms', () => {
  const office = testOffice();
  const services: ServiceConfig[] = office.services.map((s) => (s.id === 'certs' ? { ...s, icon: 'certificate' } : s));

  describe('services', () => {
    it('edits a service in place and keeps the fields the form does not show (the kiosk icon)', () => {
      const form = { ...serviceToForm(services[0]!), nameIt: ' Certificati anagrafici ', outcomes: 'certificate, self-declaration', minutes: 6, open: false };
      const next = servicesWith(services, form);
      expect(next.map((s) => s.id)).to.deep.equal(services.map((s) => s.id));
      expect(next[0]).to.deep.equal({
        ...services[0],
        name: { it: 'Certificati anagrafici', en: 'Certificates' },
        outcomes: [
          { code: 'certificate', name: { it: 'Certificato', en: 'Certificate' } },
          { code: 'self-declaration', name: { it: 'Autocertificazione', en: 'Self-declaration' } },
        ],
        defaultServiceMinutes: 6,
        open: false,
      });
      expect(next[0]!.icon).to.equal('certificate');
      expect(next[1]).to.equal(services[1], 'the others untouched');
    });

    it('opens a service to joining from home with its daily places, and keeps the setting (off) once switched off', () => {
      const on = servicesWith(services, { ...serviceToForm(services[0]!), remoteJoin: true, remoteLimit: 12 });
      expect(on[0]!.remoteJoin).to.deep.equal({ enabled: true, dailyLimit: 12 });
      expect(serviceToForm(on[0]!)).to.include({ remoteJoin: true, remoteLimit: 12 });
      const off = servicesWith(on, { ...serviceToForm(on[0]!), remoteJoin: false });
      expect(off[0]!.remoteJoin).to.deep.equal({ enabled: false, dailyLimit: 12 });
      expect(serviceProblems({ ...serviceToForm(services[0]!), remoteJoin: true, remoteLimit: 0 }, services)).to.deep.equal(['services.invalid.remoteLimit']);
      expect(servicesWith(services, serviceToForm(services[1]!))[1]).to.not.have.property('remoteJoin');
    });

    it('adds a new service at the end, with the default icon and the prefix in capitals', () => {
      const form = { ...newServiceForm(), id: 'registry', prefix: 'd', nameIt: 'Anagrafe', nameEn: 'Registry', outcomes: 'certificate', minutes: 7 as const };
      expect(serviceProblems(form, services)).to.deep.equal([]);
      const next = servicesWith(services, form);
      expect(next).to.have.length(services.length + 1);
      expect(next.at(-1)).to.deep.equal({
        icon: 'document', id: 'registry', prefix: 'D', name: { it: 'Anagrafe', en: 'Registry' }, outcomes: [{ code: 'certificate', name: { it: 'Certificato', en: 'Certificate' } }],
        defaultServiceMinutes: 7, open: true,
      });
    });

    it('names what is wrong before anything is sent', () => {
      const form = { ...newServiceForm(), id: 'Bad Id', prefix: 'A', nameIt: '', nameEn: 'x', outcomes: ' , ', minutes: '' as const };
      expect(serviceProblems(form, services)).to.deep.equal([
        'services.invalid.id', 'services.invalid.prefixTaken', 'services.invalid.nameIt', 'services.invalid.outcomes', 'services.invalid.minutes',
      ]);
      const taken = { ...newServiceForm(), id: 'certs', prefix: 'Z', nameIt: 'a', nameEn: 'b' };
      expect(serviceProblems(taken, services)).to.deep.equal(['services.invalid.idTaken']);
      expect(serviceProblems(serviceToForm(services[0]!), services), 'a service does not clash with itself').to.deep.equal([]);
    });

    it('sets, changes and clears a service\'s tickets per day; empty means no limit', () => {
      expect(serviceToForm(services[1]!).dailyLimit, 'no limit shows as an empty field').to.equal('');
      const limited = servicesWith(services, { ...serviceToForm(services[1]!), dailyLimit: 80 });
      expect(limited[1]).to.deep.equal({ ...services[1], dailyLimit: 80 });
      expect(serviceToForm(limited[1]!).dailyLimit).to.equal(80);
      const cleared = servicesWith(limited, { ...serviceToForm(limited[1]!), dailyLimit: '' });
      expect(cleared[1]).to.deep.equal(services[1]);
      expect(cleared[1], 'no limit leaves the field out of the config').to.not.have.property('dailyLimit');
      const added = servicesWith(services, { ...newServiceForm(), id: 'passports', prefix: 'P', nameIt: 'Passaporti', nameEn: 'Passports', outcomes: 'information', dailyLimit: 40 });
      expect(added.at(-1)).to.include({ id: 'passports', dailyLimit: 40 });
    });

    it('a daily limit must be a whole number from 1 to 9999, or left empty', () => {
      const form = (dailyLimit: number | '') => ({ ...serviceToForm(services[1]!), dailyLimit });
      for (const good of ['' as const, 1, 80, 9999]) expect(serviceProblems(form(good), services), String(good)).to.deep.equal([]);
      for (const bad of [0, -5, 2.5, 10_000]) expect(serviceProblems(form(bad), services), String(bad)).to.deep.equal(['services.invalid.dailyLimit']);
    });

    it('opens and closes one service without touching the rest', () => {
      const next = servicesWithOpen(services, 'info', false);
      expect(next.find((s) => s.id === 'info')!.open).to.equal(false);
      expect(next.filter((s) => s.id !== 'info')).to.deep.equal(services.filter((s) => s.id !== 'info'));
      expect(formToService(serviceToForm(services[0]!), services[0])).to.deep.equal(services[0]);
    });
  });

  describe('removing', () => {
    it('a service leaves every desk list it was on, in one patch', () => {
      const removal = serviceRemoval(office, 'idcard');
      expect(removal.ok).to.equal(true);
      if (!removal.ok) return;
      expect(removal.patch.services.map((s) => s.id)).to.deep.equal(['certs', 'info']);
      expect(removal.patch.desks.map((d) => d.services)).to.deep.equal([['certs', 'info'], ['certs', 'info'], ['certs', 'info'], ['certs']]);
    });

    it('a service that is some desk’s only one is refused, naming the desk', () => {
      const lonely = { ...office, desks: [...office.desks, { id: 'desk-9', name: 'Sportello 9', kind: 'front' as const, services: ['info'] }] };
      expect(serviceRemoval(lonely, 'info')).to.deep.equal({ ok: false, onlyService: ['Sportello 9'] });
    });

    it('a desk leaves the display profiles that list it; a display showing only that desk is named instead', () => {
      const displays: DisplayConfig[] = [
        { id: 'a', name: 'Sala A', desks: ['desk-1', 'desk-2'], language: 'it', speak: true, ticker: [] },
        { id: 'b', name: 'Sala B', language: 'it', speak: true, ticker: [] },
      ];
      const removal = deskRemoval({ desks: office.desks, displays }, 'desk-1');
      expect(removal.ok && removal.patch.displays).to.deep.equal([{ ...displays[0], desks: ['desk-2'] }, displays[1]]);
      expect(removal.ok && removal.patch.desks.map((d) => d.id)).to.deep.equal(['desk-2', 'desk-3', 'back-1']);
      expect(deskRemoval({ desks: office.desks, displays: [{ ...displays[0]!, desks: ['desk-3'] }] }, 'desk-3')).to.deep.equal({ ok: false, onlyDesk: ['Sala A'] });
    });
  });

  describe('desks', () => {
    const desks: DeskConfig[] = office.desks.map((d) => (d.id === 'desk-1' ? { ...d, printer: 'tcp://10.0.0.5:9100' } : d));

    it('keeps the desk printer and orders the services like the office', () => {
      const form = { ...deskToForm(desks[0]!), name: 'Sportello Uno', services: ['info', 'certs'] };
      const next = desksWith(desks, form, services.map((s) => s.id));
      expect(next[0]).to.deep.equal({ id: 'desk-1', name: 'Sportello Uno', kind: 'front', services: ['certs', 'info'], printer: 'tcp://10.0.0.5:9100' });
    });

    it('adds a back-office desk and checks ids, names and services', () => {
      const form = { ...newDeskForm(['certs']), id: 'back-2', name: 'Back office 2', kind: 'back' as const };
      expect(deskProblems(form, desks)).to.deep.equal([]);
      expect(desksWith(desks, form, ['certs']).at(-1)).to.deep.equal({ id: 'back-2', name: 'Back office 2', kind: 'back', services: ['certs'] });
      expect(deskProblems({ ...form, id: 'desk-2', name: ' ', services: [] }, desks)).to.deep.equal(['desks.invalid.idTaken', 'desks.invalid.name', 'desks.invalid.services']);
    });
  });

  describe('hours and thresholds', () => {
    it('leaves closed days out, sorts intervals and dates, drops repeated dates', () => {
      const form = hoursToForm({ openingHours: { mon: [{ open: '14:00', close: '18:00' }, { open: '08:00', close: '12:00' }] }, closedDates: ['2026-12-25'] });
      expect(form.days.sun).to.deep.equal([]);
      form.closedDates.push('2026-01-01', '2026-12-25');
      expect(hoursProblems(form)).to.deep.equal([]);
      expect(hoursPatch(form)).to.deep.equal({
        openingHours: { mon: [{ open: '08:00', close: '12:00' }, { open: '14:00', close: '18:00' }] },
        closedDates: ['2026-01-01', '2026-12-25'],
      });
    });

    it('flags an interval that closes before it opens, and a date that does not exist', () => {
      const form = hoursToForm({ openingHours: { tue: [{ open: '12:00', close: '09:00' }] }, closedDates: ['2026-02-30'] });
      expect(hoursProblems(form)).to.deep.equal([{ key: 'hours.invalid.interval', day: 'tue' }, { key: 'hours.invalid.date' }]);
    });

    it('adds an interval after the last one, and none after one ending at midnight', () => {
      expect(nextInterval([])).to.deep.equal({ open: '08:00', close: '13:00' });
      expect(nextInterval([{ open: '08:00', close: '13:30' }])).to.deep.equal({ open: '13:30', close: '17:30' });
      expect(nextInterval([{ open: '14:00', close: '21:15' }])).to.deep.equal({ open: '21:15', close: '24:00' });
      expect(nextInterval([{ open: '00:00', close: '24:00' }])).to.equal(null);
    });

    it('wants calm thresholds below busy ones and whole counts of people', () => {
      const ok = { busyWhenWaitingAtLeast: 15, busyWhenWaitMinutesAtLeast: 30, calmWhenWaitingAtMost: 5, calmWhenWaitMinutesAtMost: 10 };
      expect(thresholdsProblems(ok)).to.deep.equal([]);
      expect(thresholdsPatch(ok)).to.deep.equal(ok);
      expect(thresholdsProblems({ ...ok, calmWhenWaitingAtMost: 15 })).to.deep.equal(['thresholds.invalid.order']);
      expect(thresholdsProblems({ ...ok, busyWhenWaitingAtLeast: 2.5 })).to.deep.equal(['thresholds.invalid.number']);
      expect(thresholdsProblems({ ...ok, calmWhenWaitMinutesAtMost: '' })).to.deep.equal(['thresholds.invalid.number']);
    });
  });

  describe('displays', () => {
    const displays: DisplayConfig[] = [
      { id: 'hall', name: 'Sala', services: ['certs'], language: 'it', speak: true, ticker: [{ it: 'Benvenuti', en: 'Welcome' }] },
    ];

    it('edits messages and keeps the service filter as it was', () => {
      const form = displayToForm(displays[0]!);
      form.ticker.push({ it: ' Chiuso il 25 ', en: 'Closed on the 25th' });
      form.speak = false;
      expect(displayProblems(form, displays)).to.deep.equal([]);
      expect(displaysWith(displays, form)[0]).to.deep.equal({
        id: 'hall', name: 'Sala', services: ['certs'], language: 'it', speak: false,
        ticker: [{ it: 'Benvenuti', en: 'Welcome' }, { it: 'Chiuso il 25', en: 'Closed on the 25th' }],
      });
    });

    it('reads a one-text message as the same text in both languages, and refuses empty ones', () => {
      const plain = { ...displays[0]!, ticker: ['Avviso'] } as unknown as DisplayConfig;
      expect(displayToForm(plain).ticker).to.deep.equal([{ it: 'Avviso', en: 'Avviso' }]);
      const form = { ...newDisplayForm(), id: 'hall', name: 'x', ticker: [{ it: '', en: 'y' }] };
      expect(displayProblems(form, displays)).to.deep.equal(['displays.invalid.idTaken', 'displays.invalid.ticker']);
    });
  });

  it('takes the config bare or wrapped as { office }', () => {
    expect(unwrapOffice(office)).to.equal(office);
    expect(unwrapOffice({ office })).to.equal(office);
    expect(unwrapOffice([])).to.equal(null);
    expect(unwrapOffice('x')).to.equal(null);
  });
});
