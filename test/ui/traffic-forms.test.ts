import { expect } from 'chai';
import { elsewhereOffices, formatKm } from '../../kiosk/src/elsewhere.ts';
import { sharingPatch, sharingProblems, sharingToForm } from '../../manager/src/forms/sharing.ts';
import { officeConfigSchema } from '../../protocol/office.ts';
import { testOffice } from '../helpers/office.ts';

describe('shared traffic: the kiosk wording and the manager sharing form', () => {
  it('formatKm() writes one decimal with the language decimal mark', () => {
    expect(formatKm(1.2, 'it')).to.equal('1,2');
    expect(formatKm(3, 'it')).to.equal('3,0');
    expect(formatKm(12.5, 'en')).to.equal('12.5');
  });

  it('elsewhereOffices() names at most two, in the hub order', () => {
    const o = (officeId: string) => ({ officeId, name: officeId, address: 'x', waitMinutes: 1, distanceKm: 1 });
    expect(elsewhereOffices([o('a'), o('b'), o('c')]).map((x) => x.officeId)).to.deep.equal(['a', 'b']);
    expect(elsewhereOffices(undefined)).to.deep.equal([]);
  });

  it('sharingProblems() asks for a position when sharing is on, whole minutes, and a distance', () => {
    const office = testOffice();
    const form = sharingToForm(office);
    expect(form).to.include({ enabled: false, thresholdMinutes: 30, maxDistanceKm: 10, address: '', lat: '', lon: '' });
    expect(sharingProblems(form)).to.deep.equal([]);
    expect(sharingProblems({ ...form, enabled: true })).to.deep.equal(['sharing.invalid.address', 'sharing.invalid.position']);
    expect(sharingProblems({ ...form, thresholdMinutes: 2.5 })).to.deep.equal(['sharing.invalid.minutes']);
    expect(sharingProblems({ ...form, maxDistanceKm: 0 })).to.deep.equal(['sharing.invalid.distance']);
    expect(sharingProblems({ ...form, address: 'Via Roma 1', lat: 43.7, lon: 200 })).to.deep.equal(['sharing.invalid.position']);
    expect(sharingProblems({ ...form, serviceThresholds: new Map([['certs', -1 as number | '']]) })).to.deep.equal(['sharing.invalid.minutes']);
  });

  it('sharingPatch() gives sections the office config schema takes, with per-service thresholds set and cleared', () => {
    const office = testOffice({ services: testOffice().services.map((s) => (s.id === 'info' ? { ...s, sharingThresholdMinutes: 90 } : s)) });
    const form = { ...sharingToForm(office), enabled: true, address: 'Piazza della Resistenza 1', lat: 43.7544, lon: 11.1894 };
    expect(form.serviceThresholds.get('info')).to.equal(90);
    form.serviceThresholds.set('info', '');
    form.serviceThresholds.set('certs', 15);
    const patch = sharingPatch(form, office);
    expect(patch.sharing).to.deep.equal({ enabled: true, thresholdMinutes: 30, maxDistanceKm: 10 });
    expect(patch.location).to.deep.equal({ address: 'Piazza della Resistenza 1', lat: 43.7544, lon: 11.1894 });
    expect(patch.services.find((s) => s.id === 'certs')!.sharingThresholdMinutes).to.equal(15);
    expect(patch.services.find((s) => s.id === 'info')).to.not.have.property('sharingThresholdMinutes');
    const merged = officeConfigSchema.safeParse({ ...office, ...patch });
    expect(merged.success, JSON.stringify(merged.error?.issues)).to.equal(true);
  });

  it('the office config refuses sharing without a location, and a bad position', () => {
    const parse = (extra: object) => officeConfigSchema.safeParse({ ...testOffice(), ...extra });
    expect(parse({ sharing: { enabled: true } }).error?.issues.map((i) => i.path.join('.'))).to.deep.equal(['sharing']);
    expect(parse({ location: { address: 'x', lat: 91, lon: 0 } }).success).to.equal(false);
    expect(parse({ sharing: { enabled: false, extra: 1 } }).success).to.equal(false);
    expect(parse({ location: { address: 'x', lat: 43, lon: 11 }, sharing: { enabled: true } }).data?.sharing).to.deep.equal({ enabled: true, thresholdMinutes: 30, maxDistanceKm: 10 });
  });
});
