import { expect } from 'chai';
import { waitWording } from '../../kiosk/src/waitWording.ts';
import enMessages from '../../kiosk/src/i18n/en.ts';
import itMessages from '../../kiosk/src/i18n/it.ts';

describe('kiosk wait wording', () => {
  it('never "circa 0 min": any wait under 5 minutes is "short"', () => {
    for (const minutes of [0, 0.4, 1, 4, 4.9]) expect(waitWording(minutes), String(minutes)).to.deep.equal({ kind: 'short' });
    expect(waitWording(5)).to.deep.equal({ kind: 'about', minutes: 5 });
    expect(waitWording(17.6)).to.deep.equal({ kind: 'about', minutes: 18 });
    expect(waitWording(null)).to.deep.equal({ kind: 'unknown' });
  });

  it('the catalogues say it one way', () => {
    expect(itMessages.waitTime.short).to.equal('meno di 5 minuti');
    expect(enMessages.waitTime.short).to.equal('less than 5 minutes');
    expect(JSON.stringify(itMessages)).not.to.match(/circa \{n\} min"/);
  });
});
