import { expect } from 'chai';
import { distanceKm } from '../../server/traffic/distance.ts';

describe('distanceKm(): great-circle distance between two offices', () => {
  it('is 0 for one place, symmetric, and matches known distances to 0.1 km', () => {
    const scandicci = { lat: 43.7544, lon: 11.1894 };
    expect(distanceKm(scandicci, scandicci)).to.equal(0);
    // 0.1° of latitude is 11.1 km anywhere.
    expect(distanceKm(scandicci, { lat: 43.8544, lon: 11.1894 })).to.equal(11.1);
    const rome = { lat: 41.9028, lon: 12.4964 };
    const milan = { lat: 45.4642, lon: 9.19 };
    expect(distanceKm(rome, milan)).to.equal(distanceKm(milan, rome));
    expect(distanceKm(rome, milan)).to.be.within(476, 478);
    // Across the antimeridian: the short way round.
    expect(distanceKm({ lat: 0, lon: 179.9 }, { lat: 0, lon: -179.9 })).to.equal(22.2);
  });
});
