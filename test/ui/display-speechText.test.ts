import { expect } from 'chai';
import { speechText } from '../../display/src/announcer/speechText.ts';

describe('display speechText()', () => {
  it('says the Italian announcement with the prefix letter and the number without leading zeros', () => {
    expect(speechText('A023', 'Sportello 2', 'it')).to.equal('Numero A 23, sportello 2');
  });

  it('spells prefix letters by their Italian names so they are heard clearly', () => {
    expect(speechText('B007', 'Sportello 1', 'it')).to.equal('Numero Bi 7, sportello 1');
    expect(speechText('F100', 'Sportello 4', 'it')).to.equal('Numero Effe 100, sportello 4');
    expect(speechText('AB012', 'Sportello 3', 'it')).to.equal('Numero A Bi 12, sportello 3');
  });

  it('keeps a zero that is the whole number', () => {
    expect(speechText('C000', 'Sportello 1', 'it')).to.equal('Numero Ci 0, sportello 1');
  });

  it('says "desk" for an Italian "Sportello" in English and keeps other desk names', () => {
    expect(speechText('A023', 'Sportello 2', 'en')).to.equal('Number A 23, desk 2');
    expect(speechText('G005', 'Back office 1', 'en')).to.equal('Number G 5, Back office 1');
    expect(speechText('G005', 'Back office 1', 'it')).to.equal('Numero Gi 5, Back office 1');
  });

  it('says a recall is a recall, in both languages', () => {
    expect(speechText('A023', 'Sportello 2', 'it', true)).to.equal('Richiamo: numero A 23, sportello 2');
    expect(speechText('A023', 'Sportello 2', 'en', true)).to.equal('Calling again: number A 23, desk 2');
  });

  it('names no desk for a citizen an operator fetches (escort), in both languages and on a recall', () => {
    expect(speechText('A023', 'Sportello 2', 'it', false, true)).to.equal('Numero A 23: un operatore viene a prenderla');
    expect(speechText('A023', 'Sportello 2', 'en', false, true)).to.equal('Number A 23: a member of staff is coming to you');
    expect(speechText('A023', 'Sportello 2', 'it', true, true)).to.equal('Richiamo: numero A 23: un operatore viene a prenderla');
  });

  it('falls back to the number as written when it is not letters then digits', () => {
    expect(speechText('12-X', 'Sportello 2', 'it')).to.equal('Numero 12-X, sportello 2');
  });
});
