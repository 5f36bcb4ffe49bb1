import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import type { OfficeConfig, ServiceConfig } from '../../protocol/office.ts';
import { loadOfficeConfig } from '../../server/config/office.ts';
import { drawCitizen, serviceMinutes, visitRates } from '../../server/simulation/citizen.ts';
import { Random } from '../../server/simulation/random.ts';
import {
  chooseOutcomes, defaultServiceWeights, otherServiceWeight, pickService, serviceMix,
} from '../../server/simulation/serviceMix.ts';

const demoPath = fileURLToPath(new URL('../../config/office.demo.json', import.meta.url));

function service(office: OfficeConfig, id: string): ServiceConfig {
  return office.services.find((s) => s.id === id)!;
}

describe('simulation: the service mix and the visits', () => {
  let demo: OfficeConfig;
  before(async () => {
    demo = await loadOfficeConfig(demoPath);
  });

  it('serviceMix() gives the demo office Scandicci’s shares, summing to 1', () => {
    const mix = serviceMix(demo);
    expect(mix.reduce((a, s) => a + s.share, 0)).to.be.closeTo(1, 1e-12);
    const share = (id: string) => mix.find((s) => s.serviceId === id)!.share;
    expect(share('registry-certificates')).to.be.closeTo(0.4, 1e-12);
    expect(share('identity-card')).to.be.closeTo(0.25, 1e-12);
    expect(share('information')).to.be.closeTo(0.12, 1e-12);
  });

  it('serviceMix() leaves out closed services and gives unknown ones a default weight', () => {
    const services = [
      { ...service(demo, 'registry-certificates') },
      { ...service(demo, 'identity-card'), open: false },
      { ...service(demo, 'information'), id: 'pets-registry', prefix: 'P' },
    ];
    const mix = serviceMix({ ...demo, services });
    expect(mix.map((s) => s.serviceId)).to.deep.equal(['registry-certificates', 'pets-registry']);
    const total = defaultServiceWeights['registry-certificates']! + otherServiceWeight;
    expect(mix[1]!.share).to.be.closeTo(otherServiceWeight / total, 1e-12);
    expect(() => serviceMix({ ...demo, services: [{ ...service(demo, 'information'), open: false }] })).to.throw(/no open service/);
  });

  it('pickService() follows the mix within 1.5 points over 20,000 visitors', () => {
    const mix = serviceMix(demo);
    const r = new Random(11);
    const n = 20_000;
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const id = pickService(mix, r);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const s of mix) expect((counts.get(s.serviceId) ?? 0) / n, s.serviceId).to.be.closeTo(s.share, 0.015);
  });

  it('chooseOutcomes() records the service’s own codes: mostly the first, some second-level and information', () => {
    const r = new Random(12);
    const certs = service(demo, 'registry-certificates');
    const n = 20_000;
    const tally = new Map<string, number>();
    let doubles = 0;
    for (let i = 0; i < n; i++) {
      const [o, ...more] = chooseOutcomes(certs, r);
      expect(more).to.deep.equal([]);
      expect(certs.outcomes.map((x) => x.code)).to.include(o!.code);
      tally.set(o!.code, (tally.get(o!.code) ?? 0) + 1);
      if (o!.count === 2) doubles += 1;
    }
    const rate = (code: string) => (tally.get(code) ?? 0) / n;
    expect(rate('second-level')).to.be.closeTo(0.06, 0.01);
    expect(rate('information')).to.be.closeTo(0.94 * 0.08, 0.01);
    expect(rate('certificate')).to.be.above(rate('self-declaration'));
    expect(doubles / n).to.be.within(0.1, 0.16);
    // A service that only informs records information (once), never a count of 2.
    const info = service(demo, 'information');
    for (let i = 0; i < 500; i++) {
      const [o] = chooseOutcomes(info, r);
      expect(info.outcomes.map((x) => x.code)).to.include(o!.code);
      expect(o!.count).to.equal(1);
    }
  });

  it('drawCitizen() gives about 4 % priority, 4 % no-shows, 3 % transfers to another service', () => {
    const mix = serviceMix(demo);
    const r = new Random(13);
    const n = 20_000;
    let priority = 0;
    let noShow = 0;
    let transfer = 0;
    for (let i = 0; i < n; i++) {
      const c = drawCitizen(demo, mix, r);
      if (c.priority) priority += 1;
      if (c.fate === 'no-show') noShow += 1;
      if (c.fate === 'transfer') {
        transfer += 1;
        expect(c.transferTo).to.be.a('string').and.not.equal(c.serviceId);
        expect(service(demo, c.transferTo!).outcomes.map((x) => x.code)).to.include(c.outcomes[0]!.code);
      } else {
        expect(c.transferTo).to.equal(null);
        expect(service(demo, c.serviceId).outcomes.map((x) => x.code)).to.include(c.outcomes[0]!.code);
      }
      for (const ms of [c.walkUpMs, c.deskMs, c.transferDeskMs, c.recallAfterMs, c.giveUpAfterMs]) {
        expect(Number.isInteger(ms) && ms >= 0).to.equal(true);
      }
    }
    expect(priority / n).to.be.closeTo(visitRates.priority, 0.005);
    expect(noShow / n).to.be.closeTo(visitRates.noShow, 0.005);
    expect(transfer / n).to.be.closeTo(visitRates.transfer, 0.005);
  });

  it('serviceMinutes() averages each service’s defaultServiceMinutes, spread out but bounded', () => {
    const r = new Random(14);
    for (const s of demo.services) {
      const xs = Array.from({ length: 10_000 }, () => serviceMinutes(s, r));
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      expect(mean, s.id).to.be.closeTo(s.defaultServiceMinutes, s.defaultServiceMinutes * 0.05);
      expect(Math.min(...xs)).to.be.at.least(0.5);
      expect(Math.max(...xs)).to.be.at.most(s.defaultServiceMinutes * 5);
      expect(Math.max(...xs) - Math.min(...xs), s.id).to.be.above(s.defaultServiceMinutes);
    }
  });
});
