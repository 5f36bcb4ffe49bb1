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
