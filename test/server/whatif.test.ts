import { createHash } from 'node:crypto';
import { expect } from 'chai';
import readXlsxFile from 'read-excel-file/node';
import type { StaffingPlan, WhatIfJob } from '../../protocol/whatif.ts';
import { Db } from '../../server/store/db.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { historyFrom, historyTo, simulatedHistory, whatIfOffice } from '../helpers/whatifHistory.ts';

/** The live database's tickets and events as one fingerprint, read on a connection of the test's own. */
async function fingerprint(path: string): Promise<string> {
  const db = await Db.open(path, { readOnly: true });
  try {
    const tickets = await db.all('SELECT * FROM tickets ORDER BY id');
    const events = await db.all('SELECT * FROM events ORDER BY seq');
    const scenarios = await db.all('SELECT * FROM whatif_scenarios ORDER BY id');
    return createHash('sha256').update(JSON.stringify([tickets, events, scenarios])).digest('hex') + ` ${tickets.length} ${events.length}`;
  } finally {
    await db.close();
  }
}

describe('what-if staffing (REST)', function () {
  this.timeout(120_000);
  let dir: string;
  let hub: TestHub;
  let token: string;
  let real: StaffingPlan;

  before(async () => {
    dir = await simulatedHistory();
  });
  beforeEach(async () => {
    hub = await startTestHub({ dir, office: whatIfOffice() });
    token = await hub.loginAs(`manager-${Math.random().toString(36).slice(2, 8)}`, 'manager');
    const staffing = await hub.request('GET', `/api/whatif/staffing?from=${historyFrom}&to=${historyTo}`, undefined, token);
    expect(staffing.status).to.equal(200);
    real = staffing.body.frontDesks;
  });
  afterEach(() => hub.close());

  const shifted = (plan: StaffingPlan, by: number) => plan.map((hours) => hours.map((n) => (n === 0 ? 0 : Math.max(0, n + by))));
  const body = (frontDesks: StaffingPlan, extra: object = {}) => ({ from: historyFrom, to: historyTo, frontDesks, ...extra });

  async function replay(frontDesks: StaffingPlan, extra: object = {}): Promise<WhatIfJob> {
    const started = await hub.request('POST', '/api/whatif', body(frontDesks, extra), token);
    expect(started.status, JSON.stringify(started.body)).to.equal(202);
    for (;;) {
      const job = await hub.request('GET', `/api/whatif/${started.body.id}`, undefined, token);
      expect(job.status).to.equal(200);
      if (job.body.state !== 'running') return job.body;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('the real staffing is what the simulator used: two front desks in the open hours, none outside', () => {
    expect(real[0]!.slice(9, 13)).to.deep.equal([2, 2, 2, 2]);
    expect(real[0]![7]).to.equal(0);
    expect(real[6]!.every((n) => n === 0)).to.equal(true);
  });

  it('one front desk fewer gives longer waits than what happened, one more gives shorter', async () => {
    const fewer = await replay(shifted(real, -1), { backDesks: 'never' });
    const more = await replay(shifted(real, +1), { backDesks: 'never' });
    expect(fewer.state).to.equal('done');
    expect(more.state).to.equal('done');
    const [f, m] = [fewer.result!, more.result!];
    expect(f.replayed).to.equal(900);
    expect(f.skipped).to.equal(0);
    expect(f.reality.tickets).to.equal(900);
    expect(f.replay.p90WaitMinutes).to.be.greaterThan(f.reality.p90WaitMinutes);
    expect(f.replay.medianWaitMinutes).to.be.greaterThan(f.reality.medianWaitMinutes);
    expect(f.replay.waitedOver30).to.be.greaterThan(f.reality.waitedOver30);
    expect(m.replay.p90WaitMinutes).to.be.lessThan(m.reality.p90WaitMinutes);
    expect(m.replay.utilisation).to.be.lessThan(f.replay.utilisation);
    expect(f.difference.some((d) => d.medianWaitDelta > 0)).to.equal(true);
    expect(fewer.progress).to.equal(1);
  });

  it('a replay leaves the live database exactly as it was', async () => {
    const before = await fingerprint(hub.dbPath);
    const job = await replay(real);
    expect(job.state).to.equal('done');
    expect(await fingerprint(hub.dbPath)).to.equal(before);
  });

  it('refuses bad input with 400 and starts nothing', async () => {
    const bad: unknown[] = [
      {},
      body(real, { to: '2025-02-01' }),
      body(real, { from: '2024-01-01', to: '2025-03-14' }),
      body(real.slice(0, 6)),
      body(real.map((h) => h.slice(0, 23))),
      body(shifted(real, 5)),
      body(real.map((h) => h.map(() => -1))),
      body(real, { backDesks: 'sometimes' }),
      body(real, { to: '2099-01-01', from: '2098-12-01' }),
      body(real, { extra: 1 }),
      'not json',
    ];
    for (const b of bad) {
      const res = await hub.request('POST', '/api/whatif', b, token);
      expect(res.status, JSON.stringify(b).slice(0, 80)).to.equal(400);
    }
    expect((await hub.request('GET', '/api/whatif/not-a-job', undefined, token)).status).to.equal(400);
    // Nothing is running: a good request starts at once.
    const ok = await hub.request('POST', '/api/whatif', body(real), token);
    expect(ok.status).to.equal(202);
    await hub.request('DELETE', `/api/whatif/${ok.body.id}`, undefined, token);
  });

  it('runs one replay at a time (409), and a running one can be cancelled', async () => {
    const first = await hub.request('POST', '/api/whatif', body(real), token);
    expect(first.status).to.equal(202);
    const second = await hub.request('POST', '/api/whatif', body(real), token);
    expect(second.status).to.equal(409);
    expect(second.body.error.code).to.equal('in-use');
    expect((await hub.request('DELETE', `/api/whatif/${first.body.id}`, undefined, token)).status).to.equal(204);
    expect((await hub.request('GET', `/api/whatif/${first.body.id}`, undefined, token)).body.state).to.equal('cancelled');
    expect((await hub.request('POST', '/api/whatif', body(real), token)).status).to.equal(202);
  });

  it('saves a replay as a named scenario, lists, exports and deletes it', async () => {
    const job = await replay(shifted(real, -1));
    const saved = await hub.request('POST', '/api/whatif/scenarios', { name: 'Un sportello in meno', jobId: job.id }, token);
    expect(saved.status).to.equal(201);
    expect(saved.body.result.replay.medianWaitMinutes).to.equal(job.result!.replay.medianWaitMinutes);
    const list = await hub.request('GET', '/api/whatif/scenarios', undefined, token);
    expect(list.body.scenarios.map((s: { name: string }) => s.name)).to.include('Un sportello in meno');
    const csv = await hub.request('GET', `/api/whatif/scenarios/${saved.body.id}/export?format=csv&lang=en`, undefined, token);
    expect(csv.status).to.equal(200);
    expect(csv.body).to.contain('Scenario,Tickets,Median wait (min)');
    expect(csv.body).to.contain(`Replay,900,${job.result!.replay.medianWaitMinutes}`);
    const res = await fetch(`${hub.url}/api/whatif/${job.id}/export?format=xlsx`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).to.equal(200);
    const sheets = await readXlsxFile(Buffer.from(await res.arrayBuffer()));
    const sheet = sheets[0]!.data;
    expect(sheets.map((s) => s.sheet)).to.deep.equal(['Simulazione', 'Attese per ora', 'Differenza', 'Sportelli per ora']);
    expect(sheet[0]!.slice(0, 3)).to.deep.equal(['Scenario', 'Biglietti', 'Attesa mediana (min)']);
    expect((await hub.request('POST', '/api/whatif/scenarios', { name: '', jobId: job.id }, token)).status).to.equal(400);
    expect((await hub.request('DELETE', `/api/whatif/scenarios/${saved.body.id}`, undefined, token)).status).to.equal(204);
    expect((await hub.request('GET', `/api/whatif/scenarios/${saved.body.id}`, undefined, token)).status).to.equal(404);
  });

  it('is for managers and admins only', async () => {
    const clerk = await hub.loginAs('clerk-whatif', 'clerk');
    expect((await hub.request('POST', '/api/whatif', body(real), clerk)).status).to.equal(403);
    expect((await hub.request('GET', '/api/whatif/scenarios', undefined, clerk)).status).to.equal(403);
    expect((await hub.request('GET', '/api/whatif/scenarios')).status).to.equal(401);
  });
});
