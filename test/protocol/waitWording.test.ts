import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { waitPhrase, waitWording } from '../../protocol/waitWording.ts';
import enMessages from '../../kiosk/src/i18n/en.ts';
import itMessages from '../../kiosk/src/i18n/it.ts';

const root = join(import.meta.dirname, '..', '..');

describe('protocol: one wording for a wait', () => {
  it('waitWording(): never "circa 0 min": any wait under 5 minutes is "short"', () => {
    for (const minutes of [0, 0.4, 1, 4, 4.9]) expect(waitWording(minutes), String(minutes)).to.deep.equal({ kind: 'short' });
    expect(waitWording(5)).to.deep.equal({ kind: 'about', minutes: 5 });
    expect(waitWording(17.6)).to.deep.equal({ kind: 'about', minutes: 18 });
    for (const unknown of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY, -1]) expect(waitWording(unknown), String(unknown)).to.deep.equal({ kind: 'unknown' });
  });

  it('waitPhrase() says "meno di 5 minuti" under 5, "circa" with minutes and hours past 60, in both languages', () => {
    expect([0, 2, 4.9].map((m) => waitPhrase(m))).to.deep.equal(['meno di 5 minuti', 'meno di 5 minuti', 'meno di 5 minuti']);
    expect([0, 2].map((m) => waitPhrase(m, 'en'))).to.deep.equal(['less than 5 minutes', 'less than 5 minutes']);
    expect(waitPhrase(5)).to.equal('circa 5 minuti');
    expect(waitPhrase(12.4, 'en')).to.equal('about 12 minutes');
    expect(waitPhrase(60)).to.equal('circa 1 ora');
    expect(waitPhrase(61)).to.equal('circa 1 ora e 1 minuto');
    expect(waitPhrase(135)).to.equal('circa 2 ore e 15 minuti');
    expect(waitPhrase(75, 'en')).to.equal('about 1 hour and 15 minutes');
    expect(waitPhrase(null)).to.equal(null);
    // Any language but English (a browser's "it-IT", say) is Italian.
    expect(waitPhrase(2, 'it-IT')).to.equal('meno di 5 minuti');
  });

  it('the kiosk and the phone page word a wait through it, not through catalogue entries of their own', async () => {
    const catalogues = JSON.stringify([itMessages, enMessages]);
    expect(catalogues).not.to.match(/circa \{n\} min|about \{n\} min|meno di 5|less than 5/);
    const composable = await readFile(join(root, 'kiosk/src/composables/useWaitText.ts'), 'utf8');
    expect(composable).to.include("from '../../../protocol/waitWording.ts'");
    for (const component of ['TicketScreen.vue', 'TicketStatusPage.vue', 'ServiceGrid.vue', 'CallbackOffer.vue']) {
      expect(await readFile(join(root, 'kiosk/src/components', component), 'utf8'), component).to.include('useWaitText()');
    }
  });
});
