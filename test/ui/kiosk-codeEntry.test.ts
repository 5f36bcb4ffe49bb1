import { expect } from 'chai';
import fc from 'fast-check';
import { appointmentCodeAlphabet as protocolAlphabet, appointmentCodePattern } from '../../protocol/appointments.ts';
import { appointmentCodeAlphabet, codeBoxes, codeComplete, codeKeys, typeCode } from '../../kiosk/src/codeEntry.ts';

describe('kiosk appointment code entry', () => {
  const type = (keys: string[]) => keys.reduce(typeCode, '');

  it('offers exactly the hub’s code alphabet as keys', () => {
    expect(appointmentCodeAlphabet).to.equal(protocolAlphabet);
    expect(codeKeys.join('')).to.equal(protocolAlphabet);
  });

  it('types up to six characters, then ignores more', () => {
    expect(type(['K', '7', 'P', '3', 'Q', 'X'])).to.equal('K7P3QX');
    expect(type(['K', '7', 'P', '3', 'Q', 'X', 'A'])).to.equal('K7P3QX');
    expect(codeComplete('K7P3QX')).to.equal(true);
    expect(codeComplete('K7P3Q')).to.equal(false);
  });

  it('raises lower case and ignores characters outside the alphabet (0, O, 1, I, S, spaces…)', () => {
    expect(type(['k', '7', 'p'])).to.equal('K7P');
    expect(type(['0', 'O', '1', 'I', 'S', '5', ' ', 'Enter', 'ab'])).to.equal('');
  });

  it('backspace removes the last character, clear removes all, and both are harmless on an empty code', () => {
    expect(typeCode('K7P', 'backspace')).to.equal('K7');
    expect(typeCode('', 'backspace')).to.equal('');
    expect(typeCode('K7P', 'clear')).to.equal('');
  });

  it('shows six boxes, the typed characters first', () => {
    expect(codeBoxes('K7')).to.deep.equal(['K', '7', '', '', '', '']);
    expect(codeBoxes('')).to.have.length(6);
  });

  it('whatever is pressed, the code stays a prefix of a valid code', () => {
    const key = fc.oneof(fc.constantFrom(...codeKeys, 'backspace', 'clear'), fc.string({ maxLength: 2 }));
    fc.assert(fc.property(fc.array(key, { maxLength: 40 }), (keys) => {
      const code = type(keys);
      expect(code.length).to.be.at.most(6);
      expect(appointmentCodePattern.test(code.padEnd(6, 'A'))).to.equal(true);
    }));
  });
});
