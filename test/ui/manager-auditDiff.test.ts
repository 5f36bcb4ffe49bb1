import { expect } from 'chai';
import { diffConfig } from '../../protocol/configDiff.ts';
import { changeWords, valueWords, type DiffWords } from '../../manager/src/auditDiffText.ts';
import { deviceActionParts, isCommandLine } from '../../manager/src/auditText.ts';
import { i18n } from '../../manager/src/i18n/index.ts';

/** The audit log's lines in the manager's words, through the real catalogues. */
const services: Record<string, Record<string, string>> = { registry: { it: 'Anagrafe', en: 'Registry' }, 'civil-status': { it: 'Stato civile', en: 'Civil status' } };
// vue-i18n's generics over the whole catalogue are too deep for tsc here; these three are all the test uses.
const g = i18n.global as unknown as { t: (key: string, params?: object) => string; te: (key: string) => boolean; locale: { value: string } };
const words = (locale: 'it' | 'en'): DiffWords => {
  g.locale.value = locale;
  return {
    t: (key, params) => g.t(key, params ?? {}),
    te: (key) => g.te(key),
    locale,
    service: (id) => services[id]?.[locale] ?? id,
    desk: (id) => id,
  };
};
const lines = (before: unknown, after: unknown, locale: 'it' | 'en' = 'it') => diffConfig(before, after).changes.map((c) => changeWords(c, words(locale)));

describe('manager: audit log changes in words', () => {
  const desk3 = { id: 'desk-3', name: 'Sportello 3', kind: 'front', services: ['registry'] };

  it('a desk’s services, with service names: "Sportello 3: servizi Anagrafe → Anagrafe, Stato civile"', () => {
    const after = { desks: [{ ...desk3, services: ['registry', 'civil-status'] }] };
    expect(lines({ desks: [desk3] }, after)).to.deep.equal(['Sportello 3: servizi Anagrafe → Anagrafe, Stato civile']);
    expect(lines({ desks: [desk3] }, after, 'en')).to.deep.equal(['Sportello 3: services Registry → Registry, Civil status']);
  });

  it('a threshold, the section heading the line', () => {
    expect(lines({ thresholds: { busyWhenWaitingAtLeast: 15 } }, { thresholds: { busyWhenWaitingAtLeast: 20 } })).to.deep.equal([
      'Soglie: persone in attesa per «affollato» 15 → 20',
    ]);
  });

  it('entries added and removed by name, hours as ranges, nothing as a dash, yes and no', () => {
    const desk5 = { id: 'desk-5', name: 'Sportello 5', kind: 'back', services: ['registry'] };
    expect(lines({ desks: [desk3] }, { desks: [desk5] })).to.deep.equal(['Sportelli: eliminato «Sportello 3»', 'Sportelli: aggiunto «Sportello 5»']);
    expect(lines({ openingHours: { sat: [{ open: '08:00', close: '12:45' }] } }, { openingHours: {} })).to.deep.equal(['Orari: sabato 08:00–12:45 → —']);
    expect(lines({ satisfaction: { enabled: true } }, { satisfaction: { enabled: false } })).to.deep.equal(['Gradimento: attivo sì → no']);
    expect(lines({ name: 'Vecchio' }, { name: 'Nuovo' }, 'en')).to.deep.equal(['Office name: Vecchio → Nuovo']);
  });

  it('ticker messages in the reader’s language; a field it does not know keeps its key', () => {
    expect(lines({ ticker: [] }, { ticker: [{ it: 'Chiuso alle 12', en: 'Closing at noon' }] })).to.deep.equal(['Messaggi dello schermo di tutto l’ufficio: — → Chiuso alle 12']);
    expect(valueWords({ colour: 'red' }, null, words('it'))).to.equal('colour: red');
  });

  it('device actions name the kind of device; the command line is its own actor', () => {
    const pair = deviceActionParts('device:pair', 'Ingresso', { kind: 'feedback', profile: 'desk-1' })!;
    expect(g.t(pair.key, { kind: g.t(pair.kindKey), name: pair.name })).to.equal('Tablet del gradimento «Ingresso» abbinato');
    const old = deviceActionParts('device:remove', 'Sala A', null)!;
    g.locale.value = 'en';
    expect(g.t(old.key, { kind: g.t(old.kindKey), name: old.name })).to.equal('Device “Sala A” removed');
    expect(deviceActionParts('user:add', 'x', null)).to.equal(null);
    expect([isCommandLine('cli'), isCommandLine('admin')]).to.deep.equal([true, false]);
  });
});
