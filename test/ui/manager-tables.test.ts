import { expect } from 'chai';
import { officeConfigSchema, type DeskConfig, type DisplayConfig, type KioskConfig } from '../../protocol/office.ts';
import { deskProblems, desksWith, deskToForm } from '../../manager/src/forms/desks.ts';
import { displayProblems, displaysWith, displayToForm, newDisplayForm } from '../../manager/src/forms/displays.ts';
import { kioskProblems, kiosksWith, kioskToForm, newKioskForm } from '../../manager/src/forms/kiosks.ts';
import { printerProblem } from '../../manager/src/forms/printers.ts';
import { problemAt } from '../../manager/src/forms/problems.ts';
import { newReasonForm, reasonProblems, reasonsWith, reasonToForm, type PriorityReason } from '../../manager/src/forms/priorityReasons.ts';
import { newUserForm, userProblems } from '../../manager/src/forms/users.ts';
import { testOffice } from '../helpers/office.ts';

describe('manager admin forms: priority reasons, kiosks, printers, display filters, users', () => {
  const office = testOffice();

  describe('priority reasons', () => {
    const reasons: PriorityReason[] = [
      { id: 'disability', icon: 'disability', label: { it: 'Disabilità', en: 'Disability' } },
      { id: 'elderly', icon: 'elderly', label: { it: 'Anziani', en: 'Elderly' } },
    ];

    it('adds at the end, edits in place, and the result passes the office schema (an empty list too)', () => {
      const added = reasonsWith(reasons, { ...newReasonForm(), id: 'pregnancy', labelIt: ' Gravidanza ', labelEn: 'Pregnancy', icon: 'pregnancy' });
      expect(added.at(-1)).to.deep.equal({ id: 'pregnancy', icon: 'pregnancy', label: { it: 'Gravidanza', en: 'Pregnancy' } });
      const edited = reasonsWith(added, { ...reasonToForm(added[0]!), labelEn: 'Person with a disability' });
      expect(edited.map((r) => r.id)).to.deep.equal(['disability', 'elderly', 'pregnancy']);
      expect(edited[0]!.label.en).to.equal('Person with a disability');
      expect(officeConfigSchema.safeParse({ ...office, priorityReasons: edited }).success).to.equal(true);
      expect(officeConfigSchema.safeParse({ ...office, priorityReasons: [] }).success).to.equal(true);
    });

    it('names a bad id, a taken id, missing or long texts, and a seventh reason', () => {
      expect(reasonProblems({ ...newReasonForm(), id: 'Bad id', labelIt: '', labelEn: 'x'.repeat(81) }, reasons))
        .to.deep.equal(['priority.invalid.id', 'priority.invalid.labelIt', 'priority.invalid.labelEn']);
      expect(reasonProblems({ ...newReasonForm(), id: 'elderly', labelIt: 'a', labelEn: 'b' }, reasons)).to.deep.equal(['priority.invalid.idTaken']);
      const six = Array.from({ length: 6 }, (_, i) => ({ ...reasons[0]!, id: `r${i}` }));
      expect(reasonProblems({ ...newReasonForm(), id: 'r7', labelIt: 'a', labelEn: 'b' }, six)).to.deep.equal(['priority.invalid.tooMany']);
      expect(reasonProblems(reasonToForm(six[0]!), six)).to.deep.equal([]);
    });
  });

  describe('printers', () => {
    it('takes the forms the hub takes, and an empty field for the default', () => {
      for (const url of ['', 'tcp://192.168.1.50:9100', 'tcp://printer', 'serial:/dev/ttyUSB0?baud=9600', 'file:/dev/usb/lp0', 'none']) {
        expect(printerProblem(url, 'k'), url).to.deep.equal([]);
      }
    });

    it('gives the parser’s reason for a bad URL', () => {
      const [problem] = printerProblem('192.168.1.50:9100', 'kiosks.invalid.printer');
      expect(problem).to.deep.equal({ key: 'kiosks.invalid.printer', params: { reason: 'not a printer URL: did you mean tcp://192.168.1.50:9100?' } });
      expect(printerProblem('serial:/dev/ttyUSB0?baud=1234', 'k')).to.have.length(1);
      expect(printerProblem('tcp://host:99999', 'k')).to.have.length(1);
    });
  });

  describe('kiosks', () => {
    const kiosks: KioskConfig[] = [{ id: 'entrance', name: 'Ingresso', printer: 'tcp://10.0.0.5:9100' }];

    it('adds and edits (an empty printer field leaves the printer out)', () => {
      const added = kiosksWith(kiosks, { ...newKioskForm(), id: 'upstairs', name: ' Primo piano ', printer: ' file:/dev/usb/lp0 ' });
      expect(added[1]).to.deep.equal({ id: 'upstairs', name: 'Primo piano', printer: 'file:/dev/usb/lp0' });
      const edited = kiosksWith(added, { ...kioskToForm(added[0]!), printer: '' });
      expect(edited[0]).to.deep.equal({ id: 'entrance', name: 'Ingresso' });
      expect(officeConfigSchema.safeParse({ ...office, kiosks: added }).success).to.equal(true);
    });

    it('names a taken id, a missing name and a bad printer', () => {
      const problems = kioskProblems({ ...newKioskForm(), id: 'entrance', name: ' ', printer: 'lpt1' }, kiosks);
      expect(problems.map((p) => (typeof p === 'string' ? p : p.key))).to.deep.equal(['kiosks.invalid.idTaken', 'kiosks.invalid.name', 'kiosks.invalid.printer']);
      expect(problemAt(problems, 'kiosks.invalid', 'printer')).to.equal(true);
      expect(problemAt(problems, 'kiosks.invalid', 'id')).to.equal(true);
    });
  });

  describe('desk printers', () => {
    const desks: DeskConfig[] = [{ id: 'desk-1', name: 'Sportello 1', kind: 'front', services: ['certs'] }];

    it('sets and clears a desk’s printer, and refuses a bad one', () => {
      const withPrinter = desksWith(desks, { ...deskToForm(desks[0]!), printer: 'tcp://10.0.0.9' }, ['certs']);
      expect(withPrinter[0]).to.deep.equal({ ...desks[0], printer: 'tcp://10.0.0.9' });
      expect(desksWith(withPrinter, { ...deskToForm(withPrinter[0]!), printer: ' ' }, ['certs'])[0]).to.deep.equal(desks[0]);
      const problems = deskProblems({ ...deskToForm(desks[0]!), printer: 'tcp://' }, desks);
      expect(problems.map((p) => (typeof p === 'string' ? p : p.key))).to.deep.equal(['desks.invalid.printer']);
    });
  });

  describe('display filters', () => {
    const displays: DisplayConfig[] = [{ id: 'hall', name: 'Sala', language: 'it', speak: true, ticker: [] }];
    const order = { desks: ['desk-1', 'desk-2', 'back-1'], services: ['certs', 'registry'] };

    it('lists only the chosen desks and services, in the office’s order, and leaves the lists out for "all"', () => {
      const form = { ...displayToForm(displays[0]!), allDesks: false, desks: ['back-1', 'desk-1'], allServices: false, services: ['registry'] };
      const [chosen] = displaysWith(displays, form, order);
      expect(chosen).to.deep.include({ desks: ['desk-1', 'back-1'], services: ['registry'] });
      const [all] = displaysWith([chosen!], { ...displayToForm(chosen!), allDesks: true, allServices: true }, order);
      expect(all).to.not.have.property('desks');
      expect(all).to.not.have.property('services');
      expect(displayToForm(chosen!)).to.deep.include({ allDesks: false, desks: ['desk-1', 'back-1'], allServices: false, services: ['registry'] });
    });

    it('refuses "some" with none chosen', () => {
      const form = { ...newDisplayForm(), id: 'tv', name: 'TV', allDesks: false, allServices: false };
      expect(displayProblems(form, displays)).to.deep.equal(['displays.invalid.desks', 'displays.invalid.services']);
    });
  });

  describe('users', () => {
    it('checks the new user with the hub’s own rules', () => {
      const users = [{ username: 'admin' }];
      expect(userProblems({ ...newUserForm(), username: 'mario', password: 'lungapassword' }, users)).to.deep.equal([]);
      expect(userProblems({ ...newUserForm(), username: 'Admin', password: 'corta' }, users)).to.deep.equal(['users.invalid.usernameTaken', 'users.invalid.password']);
      expect(userProblems({ ...newUserForm(), username: 'mario rossi', password: 'lungapassword' }, users)).to.deep.equal(['users.invalid.username']);
    });
  });
});
