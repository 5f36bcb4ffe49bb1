import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChildHub, type ChildHub } from '../helpers/childHub.ts';
import { testOffice } from '../helpers/office.ts';

const password = 'blocks-crash-admin-pw';

/** A kiosk's block of reserved numbers is office state like any other: `kill -9` right after it was answered loses none of it. */
describe('a kiosk\'s block through kill -9 (child process)', function () {
  this.timeout(120_000);
  let dir: string;
  let hub: ChildHub | undefined;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'punto-comune-blocks-crash-'));
    await writeFile(join(dir, 'office.json'), JSON.stringify(testOffice()));
  });
  after(async () => {
    await hub?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function call(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(hub!.url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: await res.json() };
  }
  async function login(): Promise<string> {
    const res = await fetch(`${hub!.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
    return ((await res.json()) as { token: string }).token;
  }

  it('keeps the block, the numbering past it and a reported offline ticket', async () => {
    const options = { dbPath: join(dir, 'hub.db'), officeConfigPath: join(dir, 'office.json'), adminPassword: password };
    hub = await startChildHub(options);
    let admin = await login();
    const reserved = await call(admin, 'POST', '/api/kiosk/blocks', { kioskId: 'entrance', serviceIds: ['certs'] });
    expect(reserved.status, JSON.stringify(reserved.body)).to.equal(200);
    const reported = await call(admin, 'POST', '/api/kiosk/offline-tickets', { kioskId: 'entrance', tickets: [{ serviceId: 'certs', seq: 1, tappedAt: Date.now() - 60_000, requestId: 'offline-crash-01' }] });
    expect(reported.body.results[0].ticket.number).to.equal('A001');
    const blockBefore = reported.body.blocks;
    await hub.kill();

    hub = await startChildHub(options);
    admin = await login();
    // Nothing new to reserve: the block is as it was answered before the kill.
    const after = await call(admin, 'POST', '/api/kiosk/blocks', { kioskId: 'entrance', serviceIds: ['certs', 'idcard', 'info'] });
    expect(after.body.blocks).to.deep.equal(blockBefore);
    const walkIn = await call(admin, 'POST', '/api/tickets', { serviceId: 'certs' });
    expect(walkIn.body.ticket.number).to.equal('A007');
    const again = await call(admin, 'POST', '/api/kiosk/offline-tickets', { kioskId: 'entrance', tickets: [{ serviceId: 'certs', seq: 1, tappedAt: Date.now() - 60_000, requestId: 'offline-crash-01' }] });
    expect(again.body.results[0].ticket.id).to.equal(reported.body.results[0].ticket.id);
    const queue = await call(admin, 'GET', '/api/queue');
    expect(queue.body.waiting.map((t: { number: string }) => t.number)).to.deep.equal(['A001', 'A007']);
  });
});
