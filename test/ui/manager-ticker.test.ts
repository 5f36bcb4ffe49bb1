import { expect } from 'chai';
import { moved, tickerForm, tickerPatch, tickerProblems } from '../../manager/src/forms/ticker.ts';
import { testOffice } from '../helpers/office.ts';

describe('manager: the office ticker form', () => {
  it('edits stored messages as Italian and English pairs, and saves an empty English text as the Italian one', () => {
    const office = testOffice({ ticker: ['Benvenuti', { it: 'Chiuso alle 12', en: 'Closing at noon' }] });
    const form = tickerForm(office);
    expect(form).to.deep.equal([{ it: 'Benvenuti', en: 'Benvenuti' }, { it: 'Chiuso alle 12', en: 'Closing at noon' }]);
    expect(tickerPatch([{ it: ' Portate la tessera ', en: ' ' }])).to.deep.equal({ ticker: [{ it: 'Portate la tessera', en: 'Portate la tessera' }] });
  });

  it('refuses a message without Italian text', () => {
    expect(tickerProblems([{ it: 'ok', en: '' }])).to.deep.equal([]);
    expect(tickerProblems([{ it: '  ', en: 'only English' }])).to.deep.equal(['officeTicker.invalid.empty']);
  });

  it('moves a message up or down, and leaves the list as it is at either end', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).to.deep.equal(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, 1)).to.deep.equal(['b', 'a', 'c']);
    expect(moved(['a', 'b'], 0, -1)).to.deep.equal(['a', 'b']);
    expect(moved(['a', 'b'], 1, 1)).to.deep.equal(['a', 'b']);
  });
});
