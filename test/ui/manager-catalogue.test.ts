import { expect } from 'chai';
import type { OutcomeCatalogue } from '../../protocol/catalogue.ts';
import { outcomeCatalogueSchema } from '../../protocol/catalogue.ts';
import {
  catalogueWithGroup, catalogueWithOutcome, catalogueWithoutGroup, catalogueWithoutOutcome, groupProblems, groupToForm, newGroupForm,
  newOutcomeForm, outcomeProblems, outcomeToForm,
} from '../../manager/src/network/catalogue.ts';

/** The Rete tab's catalogue editor: forms checked with the hub's rules, and what they save always passes the hub's schema. */
describe('manager: the network catalogue editor forms', () => {
  const catalogue: OutcomeCatalogue = {
    groups: [{ id: 'certificates', name: { it: 'Certificati', en: 'Certificates' } }],
    outcomes: [
      { code: 'certificate', name: { it: 'Certificato', en: 'Certificate' }, group: 'certificates' },
      { code: 'information', name: { it: 'Informazioni', en: 'Information' } },
    ],
  };

  it('finds a bad code, a taken code, a missing name and a non-date', () => {
    expect(outcomeProblems({ ...newOutcomeForm(), code: 'Bad Code', nameIt: 'x', nameEn: 'x' }, catalogue)).to.deep.equal(['catalogue.invalid.code']);
    expect(outcomeProblems({ ...newOutcomeForm(), code: 'information', nameIt: 'x', nameEn: 'x' }, catalogue)).to.deep.equal(['catalogue.invalid.codeTaken']);
    expect(outcomeProblems({ ...outcomeToForm(catalogue.outcomes[1]!), nameEn: ' ' }, catalogue)).to.deep.equal(['catalogue.invalid.name']);
    expect(outcomeProblems({ ...outcomeToForm(catalogue.outcomes[1]!), until: '2026-02-30' }, catalogue)).to.deep.equal(['catalogue.invalid.until']);
    expect(groupProblems({ ...newGroupForm(), id: 'certificates', nameIt: 'a', nameEn: 'b' }, catalogue)).to.deep.equal(['catalogue.invalid.groupIdTaken']);
    expect(outcomeProblems(outcomeToForm(catalogue.outcomes[0]!), catalogue)).to.deep.equal([]);
  });

  it('edits, adds and removes rows into catalogues the hub accepts; a group renamed or removed carries its outcomes along', () => {
    const renamed = catalogueWithGroup(catalogue, { ...groupToForm(catalogue.groups[0]!), id: 'certs' });
    expect(renamed.outcomes[0]!.group).to.equal('certs');
    const added = catalogueWithOutcome(renamed, { ...newOutcomeForm(), code: 'stamp', nameIt: 'Bollo', nameEn: 'Stamp', group: 'certs', until: '2030-01-31' });
    expect(added.outcomes.at(-1)).to.deep.equal({ code: 'stamp', name: { it: 'Bollo', en: 'Stamp' }, group: 'certs', until: '2030-01-31' });
    const ungrouped = catalogueWithoutGroup(added, 'certs');
    expect(ungrouped.outcomes.every((o) => o.group === undefined)).to.equal(true);
    const fewer = catalogueWithoutOutcome(ungrouped, 'information');
    for (const c of [renamed, added, ungrouped, fewer]) expect(outcomeCatalogueSchema.safeParse(c).success, JSON.stringify(c)).to.equal(true);
    expect(fewer.outcomes.map((o) => o.code)).to.deep.equal(['certificate', 'stamp']);
  });
});
