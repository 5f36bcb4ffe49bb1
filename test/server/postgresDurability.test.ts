import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChildHub, type ChildHub } from '../helpers/childHub.ts';
import { testOffice } from '../helpers/office.ts';
import { freshPostgresUrl, skipWithoutPostgres } from '../helpers/postgres.ts';

const adminPassword = 'built-hub-password';

/**
 * The durability promise on PostgreSQL: the built hub (what `npm start` runs, with DATABASE_URL) answers a
 * ticket only after its batch committed, so a `kill -9` in the middle of a stream of tickets loses none that
 * was answered, and the restarted hub numbers on without giving a number twice.
 */
describe('the built hub on PostgreSQL: kill -9 under load', function () {
  this.timeout(90_000);
  let dir: string;
  let hub: ChildHub | undefined;

  before(function () {
    skipWithoutPostgres(this);
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'punto-comune-pg-'));
  });
  afterEach(async () => {
    await hub?.kill();
    hub = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  async function call(url: string, method: string, path: string, body?: unknown, token?: string) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any };
  }

  it('keeps every answered ticket through a kill -9, and numbers on', async () => {
    const officeConfigPath = join(dir, 'office.json');
    await writeFile(officeConfigPath, JSON.stringify(testOffice()));
    const options = { dbPath: join(dir, 'unused.db'), officeConfigPath, adminPassword, databaseUrl: await freshPostgresUrl() };
    hub = await startChildHub(options);
    const token = (await call(hub.url, 'POST', '/api/auth/login', { username: 'admin', password: adminPassword })).body.token as string;

    // Eight kiosks issue as fast as they are answered; the hub is killed once 60 tickets were answered.
    const answered = new Map<number, string>();
    const url = hub.url;
    let stop = false;
    const kiosk = async (serviceId: string) => {
      while (!stop) {
        const r = await call(url, 'POST', '/api/tickets', { serviceId }, token).catch(() => undefined);
        if (!r) return; // the hub is gone: this request was never answered
        if (r.status === 201) answered.set(r.body.ticket.id, r.body.ticket.number);
        if (answered.size >= 60 && !stop) {
          stop = true;
          await hub!.kill();
        }
      }
    };
    await Promise.all(['certs', 'info', 'idcard', 'certs', 'info', 'idcard', 'certs', 'info'].map(kiosk));
    expect(answered.size).to.be.at.least(60);

    hub = await startChildHub(options);
    const again = (await call(hub.url, 'POST', '/api/auth/login', { username: 'admin', password: adminPassword })).body.token as string;
    for (const [id, number] of answered) {
      const r = await call(hub.url, 'GET', `/api/tickets/${id}`, undefined, again);
      expect(r.status, `ticket ${id} (${number}) was answered before the kill`).to.equal(200);
      expect(r.body.ticket.number).to.equal(number);
    }
    const next = await call(hub.url, 'POST', '/api/tickets', { serviceId: 'certs' }, again);
    expect(next.status).to.equal(201);
    expect([...answered.values()]).not.to.include(next.body.ticket.number);
    const queue = await call(hub.url, 'GET', '/api/queue', undefined, again);
    expect(queue.status).to.equal(200);
  });
});
