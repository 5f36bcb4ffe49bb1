import { expect } from 'chai';
import { metricsScrape } from '../../bench/metricsScrape.ts';

describe('bench metrics scrape: a node of many offices rendered beside bare prom-client', () => {
  it('renders every office of the node: the lines of one office times their number, plus the node once', async () => {
    const figures = await metricsScrape({ offices: 3, tickets: 20, waiting: 5, scrapes: 2 }, () => undefined);
    const perOffice = figures.oneOffice.lines - 1; // pc_node_info is the node's, not an office's
    expect(perOffice).to.be.above(50);
    expect(figures.lines).to.equal(3 * perOffice + 1);
    expect(figures.scrape.count).to.equal(2);
    expect(figures.cpuMsPerScrape).to.be.above(0);
    expect(figures.bare.count).to.equal(2);
  });
});
