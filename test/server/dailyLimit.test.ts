import { expect } from 'chai';
import type { QueueSnapshot, ServiceView } from '../../protocol/views.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';

/** Wednesday 14 January 2026, 10:00 in Rome: the hub's clock in these tests, moved by hand. */
const T0 = Date.UTC(2026, 0, 14, 9, 0);
const day = 24 * 60 * 60_000;

/** The test office with at most two identity-card tickets a day. */
function limitedOffice() {
  const base = testOffice();
  return testOffice({ services: base.services.map((s) => (s.id === 'idcard' ? { ...s, dailyLimit: 2 } : s)) });
}

describe('REST API: a service\'s daily ticket limit', () => {
  let now = T0;
  let hub: TestHub;
  let token: string;

  beforeEach(async () => {
    now = T0;
    hub = await startTestHub({ office: limitedOffice(), clock: () => now });
    token = await hub.login();
  });
  afterEach(() => hub.close());

  const issue = (serviceId: string) => hub.request('POST', '/api/tickets', { serviceId }, token);
  const issued = async (serviceId: string): Promise<string> => {
    const res = await issue(serviceId);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.ticket.number as string;
  };
  const service = async (id: string): Promise<ServiceView> =>
    ((await hub.request('GET', '/api/services', undefined, token)).body.services as ServiceView[]).find((s) => s.id === id)!;

  it('refuses the ticket after the last one with 409 daily-limit-reached and changes nothing', async () => {
    expect(await service('idcard')).to.include({ dailyLimit: 2, ticketsLeftToday: 2, dailyLimitReached: false });
    expect([await issued('idcard'), await issued('idcard')]).to.deep.equal(['B001', 'B002']);
    const queue = async () => (await hub.request('GET', '/api/queue', undefined, token)).body as QueueSnapshot;
    const before = await queue();

    const refused = await issue('idcard');
    expect(refused.status).to.equal(409);
    expect(refused.body.error).to.deep.equal({
      code: 'daily-limit-reached',
      message: "Today's tickets for Carta d'identità have all been given out (2 a day).",
    });
    const after = await queue();
    expect(after.seq, 'nothing committed').to.equal(before.seq);
    expect(after.waiting.map((t) => t.number)).to.deep.equal(['B001', 'B002']);
    expect(await service('idcard')).to.include({ ticketsLeftToday: 0, dailyLimitReached: true });
    // Services without a limit are not affected.
    expect(await issued('certs')).to.equal('A001');
    expect(await service('certs')).to.include({ dailyLimit: null, ticketsLeftToday: null, dailyLimitReached: false });
  });

  it('the next day the service hands out tickets again', async () => {
    await issued('idcard');
    await issued('idcard');
    expect((await issue('idcard')).status).to.equal(409);
    now = T0 + day;
    token = await hub.login(); // yesterday's session may have run out
    expect(await issued('idcard')).to.equal('B001');
    expect(await service('idcard')).to.include({ ticketsLeftToday: 1, dailyLimitReached: false });
  });

  it('an admin sets, raises and removes the limit through the office config; a limit of 0 is refused', async () => {
    const office = async () => (await hub.request('GET', '/api/admin/office', undefined, token)).body;
    const withLimit = async (limit: number | undefined) => {
      const services = (await office()).services.map((s: { id: string; dailyLimit?: number }) => {
        if (s.id !== 'idcard') return s;
        const { dailyLimit: _old, ...rest } = s;
        return limit === undefined ? rest : { ...rest, dailyLimit: limit };
      });
      return hub.request('PATCH', '/api/admin/office', { services }, token);
    };
    for (const bad of [0, 10_000, 2.5]) {
      const res = await withLimit(bad);
      expect(res.status, `dailyLimit ${bad}`).to.equal(400);
      expect(res.body.error.code).to.equal('validation-failed');
    }
    await issued('idcard');
    await issued('idcard');
    expect((await withLimit(3)).status).to.equal(200);
    expect(await service('idcard')).to.include({ dailyLimit: 3, ticketsLeftToday: 1 });
    expect(await issued('idcard')).to.equal('B003');
    expect((await issue('idcard')).status).to.equal(409);
    expect((await withLimit(undefined)).status).to.equal(200);
    expect(await service('idcard')).to.include({ dailyLimit: null, ticketsLeftToday: null, dailyLimitReached: false });
    expect(await issued('idcard')).to.equal('B004');
  });
});
