import { expect } from 'chai';
import { cleanCode, deviceBody, deviceProblems, newDeviceForm, profileChoices } from '../../manager/src/forms/devices.ts';
import { testOffice } from '../helpers/office.ts';

describe('manager devices form', () => {
  const office = testOffice();
  const configured = {
    kiosks: [{ id: 'entrance', name: 'Ingresso' }, { id: 'first-floor', name: 'Primo piano' }],
    displays: [{ ...office.displays[0], id: 'hall', name: 'Sala' } as (typeof office.displays)[number]],
  };

  it('offers the configured kiosk ids, or the default kiosk when the office lists none', () => {
    expect(profileChoices('kiosk', configured)).to.deep.equal(['entrance', 'first-floor']);
    expect(profileChoices('kiosk', { kiosks: [], displays: [] })).to.deep.equal(['info-point']);
    expect(profileChoices('kiosk', null)).to.deep.equal(['info-point']);
  });

  it('offers "all" first for a display, then the display profiles', () => {
    expect(profileChoices('display', configured)).to.deep.equal(['all', 'hall']);
    expect(profileChoices('display', null)).to.deep.equal(['all']);
  });

  it('offers the desks for a feedback tablet: it asks the citizens of one desk', () => {
    expect(profileChoices('feedback', { ...configured, desks: office.desks })).to.deep.equal(['desk-1', 'desk-2', 'desk-3', 'back-1']);
    expect(profileChoices('feedback', null)).to.deep.equal([]);
  });

  it('takes the code as the device shows it, with or without the space', () => {
    expect(cleanCode('123 456')).to.equal('123456');
    expect(cleanCode(' 123456 ')).to.equal('123456');
    expect(cleanCode('12345')).to.equal(null);
    expect(cleanCode('12a456')).to.equal(null);
  });

  it('names what is wrong before anything is sent', () => {
    expect(deviceProblems(newDeviceForm(), [])).to.deep.equal(['devices.invalid.name', 'devices.invalid.profile', 'devices.invalid.code']);
    const form = { name: ' Chiosco ingresso ', kind: 'kiosk' as const, profile: 'entrance', code: '123 456' };
    expect(deviceProblems(form, [])).to.deep.equal([]);
    expect(deviceProblems(form, [{ name: 'chiosco INGRESSO' }])).to.deep.equal(['devices.invalid.nameTaken']);
  });

  it('sends the trimmed name and the six digits', () => {
    expect(deviceBody({ name: ' Schermo sala ', kind: 'display', profile: 'all', code: '987 654' })).to.deep.equal({ name: 'Schermo sala', kind: 'display', profile: 'all', code: '987654' });
  });
});
