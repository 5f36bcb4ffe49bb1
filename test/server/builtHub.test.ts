import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChildHub, type ChildHub } from '../helpers/childHub.ts';
import { testOffice } from '../helpers/office.ts';

describe('the built hub (dist/hub/index.mjs, what npm start runs)', () => {
  let dir: string;
  let hub: ChildHub | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'punto-comune-built-'));
  });

  afterEach(async () => {
    await hub?.stop();
    hub = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('creates its database from the bundled migrations and serves the API and the apps', async () => {
    const officeConfigPath = join(dir, 'office.json');
    await writeFile(officeConfigPath, JSON.stringify(testOffice()));
    hub = await startChildHub({ dbPath: join(dir, 'hub.db'), officeConfigPath, adminPassword: 'built-hub-password' });

    const login = await fetch(`${hub.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'built-hub-password' }),
    });
    expect(login.status).to.equal(200);
    const { token } = (await login.json()) as { token: string };
    const issued = await fetch(`${hub.url}/api/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ serviceId: 'certs' }),
    });
    expect(issued.status).to.equal(201);
    expect(((await issued.json()) as { ticket: { number: string } }).ticket.number).to.equal('A001');

    for (const app of ['kiosk', 'display', 'counter', 'manager']) {
      const page = await fetch(`${hub.url}/${app}`);
      expect(page.status, app).to.equal(200);
      expect(await page.text(), app).to.include('<div id="app"></div>');
    }
  });
});

describe('the built hub runs a what-if replay in its bundled worker (dist/hub/whatif-worker.mjs)', function () {
  this.timeout(120_000);
  let hub: ChildHub | undefined;

  after(async () => {
    await hub?.stop();
  });

  it('replays a simulated fortnight and answers with the figures', async () => {
    const { simulatedHistory, whatIfOffice, historyFrom, historyTo } = await import('../helpers/whatifHistory.ts');
    const dir = await simulatedHistory();
    const officeConfigPath = join(dir, 'office.json');
    await writeFile(officeConfigPath, JSON.stringify(whatIfOffice()));
    hub = await startChildHub({ dbPath: join(dir, 'hub.db'), officeConfigPath, adminPassword: 'built-hub-password' });
    const login = await fetch(`${hub.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'built-hub-password' }),
    });
    const { token } = (await login.json()) as { token: string };
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const frontDesks = Array.from({ length: 7 }, (_, d) => Array.from({ length: 24 }, (_, h) => (d < 5 && h >= 8 && h < 14 ? 2 : 0)));
    const started = await fetch(`${hub.url}/api/whatif`, { method: 'POST', headers, body: JSON.stringify({ from: historyFrom, to: historyTo, frontDesks }) });
    expect(started.status).to.equal(202);
    const { id } = (await started.json()) as { id: string };
    let job: { state: string; result: { replayed: number } | null; error: string | null };
    do {
      await new Promise((r) => setTimeout(r, 200));
      job = (await (await fetch(`${hub.url}/api/whatif/${id}`, { headers })).json()) as typeof job;
    } while (job.state === 'running');
    expect(job.error).to.equal(null);
    expect(job.state).to.equal('done');
    expect(job.result!.replayed).to.equal(900);
    await rm(dir, { recursive: true, force: true });
  });
});
