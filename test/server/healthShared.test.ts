import { expect } from 'chai';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

/** `/api/health` reads the database once for all the requests that come while a read is under way (server/observability/healthReport.ts). */

describe('health: one database read for concurrent requests', () => {
  let hub: TestHub;
  beforeEach(async () => (hub = await startTestHub()));
  afterEach(() => hub.close());

  it('shares the read under way, and reads again for a request after it', async () => {
    const store = hub.hub.ctx.queueStore;
    const ping = store.ping.bind(store);
    let pings = 0;
    store.ping = async () => {
      pings++;
      await new Promise((r) => setTimeout(r, 50));
      return ping();
    };
    const answers = await Promise.all(Array.from({ length: 10 }, () => hub.request('GET', '/api/health')));
    expect(answers.map((a) => a.status)).to.deep.equal(Array(10).fill(200));
    expect(answers.every((a) => a.body.status === 'ok')).to.equal(true);
    expect(pings).to.be.below(10);
    const before = pings;
    expect((await hub.request('GET', '/api/health')).status).to.equal(200);
    expect(pings).to.equal(before + 1);
  });
});
