import { expect } from 'chai';
import { officeConfigSchema } from '../../protocol/office.ts';
import { standardOutcomes } from '../../protocol/outcomes.ts';
import { testOffice } from '../helpers/office.ts';

const withOutcomes = (outcomes: unknown[]) => {
  const base = testOffice();
  return officeConfigSchema.safeParse({ ...base, services: [{ ...base.services[0], outcomes }, ...base.services.slice(1)] });
};

describe('protocol: outcomes with names', () => {
  it('a standard code alone takes its names from the catalogue; a named outcome keeps its own', () => {
    const parsed = withOutcomes(['certificate', { code: 'passport', name: { it: 'Passaporto', en: 'Passport' } }]);
    expect(parsed.success).to.equal(true);
    expect(parsed.data!.services[0]!.outcomes).to.deep.equal([
      { code: 'certificate', name: { it: 'Certificato', en: 'Certificate' } },
      { code: 'passport', name: { it: 'Passaporto', en: 'Passport' } },
    ]);
  });

  it('refuses an unknown code without a name, saying how to name it, and a code listed twice', () => {
    const unknown = withOutcomes(['certificate', 'passport']);
    expect(unknown.success).to.equal(false);
    expect(JSON.stringify(unknown.error!.issues)).to.include('unknown outcome \\"passport\\": give it a name');
    const twice = withOutcomes(['certificate', { code: 'certificate', name: { it: 'Certificato', en: 'Certificate' } }]);
    expect(twice.success).to.equal(false);
    expect(JSON.stringify(twice.error!.issues)).to.include('duplicate outcome code');
    expect(withOutcomes([{ code: 'x', name: { it: '', en: 'X' } }]).success, 'an empty name').to.equal(false);
  });

  it('the catalogue names every outcome the demo office uses, once each', async () => {
    const { readFile } = await import('node:fs/promises');
    const demo = officeConfigSchema.parse(JSON.parse(await readFile('config/office.demo.json', 'utf8')));
    const codes = new Set(standardOutcomes.map((o) => o.code));
    expect(codes.size).to.equal(standardOutcomes.length);
    for (const s of demo.services) for (const o of s.outcomes) expect(codes.has(o.code), o.code).to.equal(true);
  });
});
