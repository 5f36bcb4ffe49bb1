import { expect } from 'chai';
import type { OutcomeCatalogue } from '../../protocol/catalogue.ts';
import { catalogueFromOffice, catalogueRedefinitions, effectiveOffice, followsCatalogue } from '../../server/offices/catalogue/effectiveOffice.ts';
import { officeInput } from '../../server/offices/catalogue/officeInput.ts';
import { testOffice } from '../helpers/office.ts';

/** The catalogue merged into an office config (pure): what the engine of each office runs on. */
describe('effectiveOffice: the network catalogue merged into an office config', () => {
  const office = testOffice({
    services: [
      { id: 'certs', prefix: 'A', name: { it: 'Certificati', en: 'Certificates' }, outcomes: ['certificate', 'information', { code: 'own-stamp', name: { it: 'Bollo', en: 'Stamp' } }] },
      { id: 'info', prefix: 'C', name: { it: 'Informazioni', en: 'Information' }, outcomes: ['information'] },
    ],
    desks: [{ id: 'desk-1', name: 'Sportello 1', kind: 'front', services: ['certs', 'info'] }],
    outcomeGroups: [
      { id: 'certificates', name: { it: 'Certificati', en: 'Certificates' }, outcomes: ['certificate', 'own-stamp'] },
    ],
  });
  const catalogue: OutcomeCatalogue = {
    groups: [{ id: 'certificates', name: { it: 'Certificati', en: 'Certificates' } }, { id: 'info', name: { it: 'Info', en: 'Info' } }],
    outcomes: [
      { code: 'certificate', name: { it: 'Certificato anagrafico', en: 'Registry certificate' }, group: 'certificates' },
      { code: 'information', name: { it: 'Informazioni', en: 'Information' }, group: 'info', until: '2030-01-01' },
      { code: 'id-card-paper', name: { it: 'CIE cartacea', en: 'Paper ID' }, group: 'certificates' },
    ],
  };

  it("names catalogue outcomes as the catalogue does, keeps the office's own, and groups only what the office records", () => {
    const merged = effectiveOffice(catalogue, office);
    expect(merged.services[0]!.outcomes).to.deep.equal([
      { code: 'certificate', name: { it: 'Certificato anagrafico', en: 'Registry certificate' } },
      { code: 'information', name: { it: 'Informazioni', en: 'Information' }, until: '2030-01-01' },
      { code: 'own-stamp', name: { it: 'Bollo', en: 'Stamp' } },
    ]);
    expect(merged.outcomeGroups).to.deep.equal([
      { id: 'certificates', name: { it: 'Certificati', en: 'Certificates' }, outcomes: ['certificate', 'own-stamp'] },
      { id: 'info', name: { it: 'Info', en: 'Info' }, outcomes: ['information'] },
    ]);
    expect(effectiveOffice(catalogue, merged), 'idempotent').to.deep.equal(merged);
    expect(followsCatalogue(catalogue, merged)).to.equal(true);
    expect(followsCatalogue(catalogue, office)).to.equal(false);
  });

  it('a code or a group the catalogue drops stays the office’s, as last named (no memory of older catalogues needed)', () => {
    const merged = effectiveOffice(catalogue, office);
    const smaller: OutcomeCatalogue = { groups: [catalogue.groups[0]!], outcomes: [catalogue.outcomes[0]!] };
    const after = effectiveOffice(smaller, merged);
    expect(after.services[0]!.outcomes[1]).to.deep.equal({ code: 'information', name: { it: 'Informazioni', en: 'Information' }, until: '2030-01-01' });
    expect(after.outcomeGroups).to.deep.equal([merged.outcomeGroups[0], { id: 'info', name: { it: 'Info', en: 'Info' }, outcomes: ['information'] }]);
    expect(effectiveOffice(smaller, after)).to.deep.equal(after);
  });

  it('a one-office hub seeds a catalogue its config already follows', () => {
    const seeded = catalogueFromOffice(office);
    expect(catalogueRedefinitions(seeded, office)).to.deep.equal([]);
    expect(followsCatalogue(seeded, office)).to.equal(true);
  });

  it('officeInput refuses a redefinition with the field and the catalogue entry, and spells out bare codes', () => {
    const raw = { ...office, services: [{ ...office.services[0], outcomes: [{ code: 'certificate', name: { it: 'Cert', en: 'Cert' } }] }, office.services[1]], outcomeGroups: [] };
    const refused = officeInput(raw, catalogue);
    expect(refused.ok).to.equal(false);
    expect(!refused.ok && refused.problems[0]).to.match(/^services\.0\.outcomes\.0: outcome "certificate" is in the network catalogue as "Certificato anagrafico"/);
    // The info service's "information" as a parsed config has no `until`: written as a bare code, it takes the catalogue's.
    const bare = officeInput({ ...office, services: [{ ...office.services[0], outcomes: ['id-card-paper'] }, { ...office.services[1], outcomes: ['information'] }], outcomeGroups: [] }, catalogue);
    expect(bare.ok || bare.problems.join("; ")).to.equal(true);
    expect(bare.ok && bare.office.services[0]!.outcomes).to.deep.equal([{ code: 'id-card-paper', name: { it: 'CIE cartacea', en: 'Paper ID' } }]);
    expect(bare.ok && bare.office.outcomeGroups.map((g) => [g.id, g.outcomes])).to.deep.equal([['certificates', ['id-card-paper']], ['info', ['information']]]);
  });
});
