import { expect } from 'chai';
import fc from 'fast-check';
import { createCallbackSchema } from '../../protocol/appointments.ts';
import { formatPhone, phoneComplete, phoneKeys, typePhone } from '../../kiosk/src/phoneEntry.ts';

describe('kiosk phone entry', () => {
  const type = (keys: string) => [...keys].reduce(typePhone, '');

  it('types digits, a + only at the start, and backspace', () => {
    expect(type('3331234567')).to.equal('3331234567');
    expect(type('+39333')).to.equal('+39333');
    expect(type('33+3')).to.equal('333');
    expect(typePhone('333', 'backspace')).to.equal('33');
    expect(typePhone('', 'backspace')).to.equal('');
  });

  it('needs 6 digits and stops at 15', () => {
    expect(phoneComplete('12345')).to.equal(false);
    expect(phoneComplete('+12345')).to.equal(false);
    expect(phoneComplete('123456')).to.equal(true);
    expect(type('1234567890123456789')).to.equal('123456789012345');
  });

  it('groups numbers the way they are read aloud', () => {
    expect(formatPhone('3331234567')).to.equal('333 123 4567');
    expect(formatPhone('+393331234567')).to.equal('+39 333 123 4567');
    expect(formatPhone('0612345678')).to.equal('06 1234 5678');
    expect(formatPhone('0551234567')).to.equal('055 123 4567');
    expect(formatPhone('+4930123456')).to.equal('+49 301 234 56');
    expect(formatPhone('33')).to.equal('33');
    expect(formatPhone('+')).to.equal('+');
  });

  it('anything the keypad accepts as complete, the hub accepts as a phone number', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...phoneKeys), { maxLength: 30 }), (keys) => {
      const phone = keys.reduce(typePhone, '');
      if (!phoneComplete(phone)) return;
      const parsed = createCallbackSchema.safeParse({ serviceId: 'certs', phone, preferredTime: 'any', kioskId: 'entrance' });
      expect(parsed.success, phone).to.equal(true);
    }));
  });
});
