import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { io as connect } from 'socket.io-client';
import { startTestHub, type TestHub, type TestSocket } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';
import { freshPostgresUrl, skipWithoutPostgres, type EngineName } from '../helpers/postgres.ts';
import { ask } from '../helpers/wire.ts';

/**
 * Several offices in one hub (issue 21): a second office created through the API, side by side with the
 * default one, on each engine. Numbering, queues, pushes, devices, roles and reports are kept apart; the
 * default office keeps its short routes; a restart finds both offices as they were.
 */
for (const engine of ['sqlite', 'postgres'] as EngineName[]) {
  describe(`several offices in one hub (${engine})`, function () {
    this.timeout(60_000);
    let hub: TestHub;
    let admin: string;
    let databaseUrl: string | undefined;
    let dir: string | undefined;
    const vingone = testOffice({
      name: 'Vingone',
      services: [{ id: 'certs', prefix: 'V', name: { it: 'Certificati', en: 'Certificates' }, outcomes: ['certificate'] }],
      desks: [{ id: 'desk-1', name: 'Sportello 1', kind: 'front', services: ['certs'] }],
    });

    const start = async () => {
      hub = await startTestHub({ ...(databaseUrl ? { databaseUrl } : {}), ...(dir ? { dir } : {}) });
      dir ??= hub.dir;
      admin = await hub.login();
    };
    const ok = async (res: Promise<{ status: number; body: any }>, status = 200) => {
      const r = await res;
      expect(r.status, JSON.stringify(r.body)).to.equal(status);
      return r.body;
    };
    const at = (path: string) => `/api/offices/vingone${path}`;

    before(async function () {
      skipWithoutPostgres(this, engine);
      if (engine === 'postgres') databaseUrl = await freshPostgresUrl();
      else {
        const { mkdtemp } = await import('node:fs/promises');
        const { tmpdir } = await import('node:os');
        dir = await mkdtemp(join(tmpdir(), 'punto-comune-offices-'));
      }
      await start();
    });
    after(async () => {
      await hub?.close();
      if (dir) await (await import('node:fs/promises')).rm(dir, { recursive: true, force: true });
    });

    it('a network admin creates an office (201) and lists both; bad or taken ids change nothing', async () => {
      const listed = await ok(hub.request('GET', '/api/admin/offices', undefined, admin));
      expect(listed.offices.map((o: any) => [o.id, o.isDefault])).to.deep.equal([['main', true]]);
      expect((await hub.request('POST', '/api/admin/offices', { office: { ...vingone, id: 'Vin gone' } }, admin)).status).to.equal(400);
      expect((await hub.request('POST', '/api/admin/offices', { office: { ...vingone, id: 'x', services: [] } }, admin)).status).to.equal(400);
      expect((await hub.request('POST', '/api/admin/offices', { office: { ...vingone, id: 'main' } }, admin)).body.error.code).to.equal('already-exists');
      const created = await ok(hub.request('POST', '/api/admin/offices', { office: { ...vingone, id: 'vingone' } }, admin), 201);
      expect(created.office).to.include({ id: 'vingone', name: 'Vingone', isDefault: false });
      expect((await hub.request('POST', '/api/admin/offices', { office: { ...vingone, id: 'vingone' } }, admin)).body.error.code).to.equal('already-exists');
      const after = await ok(hub.request('GET', '/api/admin/offices', undefined, admin));
      expect(after.offices.map((o: any) => o.id)).to.deep.equal(['main', 'vingone']);
      if (engine === 'sqlite') expect(existsSync(join(dir!, 'offices', 'vingone.db')), 'its own database file').to.equal(true);
      // The default office under its id too.
      expect((await ok(hub.request('GET', '/api/offices/main/admin/office', undefined, admin))).name).to.equal('Test office');
      expect((await hub.request('GET', '/api/offices/nowhere/queue', undefined, admin)).body.error.code).to.equal('unknown-office');
      for (const id of ['constructor', '__proto__', 'toString']) {
        expect((await hub.request('GET', `/api/offices/${id}/queue`, undefined, admin)).body.error.code, id).to.equal('unknown-office');
      }
    });

    it('numbers and queues each office on its own, on both transports', async () => {
      const a = await ok(hub.request('POST', '/api/tickets', { serviceId: 'certs' }, admin), 201);
      const v1 = await ok(hub.request('POST', at('/tickets'), { serviceId: 'certs' }, admin), 201);
      const v2 = await ok(hub.request('POST', at('/tickets'), { serviceId: 'certs' }, admin), 201);
      expect(a.ticket.number).to.equal('A001');
      expect([v1.ticket.number, v2.ticket.number]).to.deep.equal(['V001', 'V002']);
      expect(v1.statusUrl).to.match(/\/o\/vingone\/t\/\d+\?k=/);
      const mainQueue = await ok(hub.request('GET', '/api/queue', undefined, admin));
      const vQueue = await ok(hub.request('GET', at('/queue'), undefined, admin));
      expect(mainQueue.waiting.map((t: any) => t.number)).to.deep.equal(['A001']);
      expect(vQueue.waiting.map((t: any) => t.number)).to.deep.equal(['V001', 'V002']);
      expect((await hub.request('POST', at('/tickets'), { serviceId: 'idcard' }, admin)).body.error.code, "the default office's service is not Vingone's").to.equal('unknown-service');
    });

    it("pushes reach only the office's own sockets; a staff socket moves office with session:join { officeId }", async () => {
      const mainSocket = await hub.socket(admin);
      const vSocket: TestSocket = connect(hub.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token: admin, officeId: 'vingone' } });
      await new Promise((resolve, reject) => (vSocket.once('connect', () => resolve(undefined)), vSocket.once('connect_error', reject)));
      try {
        const joinedMain: any = await ask(mainSocket, 'session:join', [{ role: 'display', id: 'all' }]);
        const joinedV: any = await ask(vSocket, 'session:join', [{ role: 'display', id: 'all', officeId: 'vingone' }]);
        expect(joinedMain.data.waiting.map((t: any) => t.number)).to.deep.equal(['A001']);
        expect(joinedV.data.waiting.map((t: any) => t.number)).to.deep.equal(['V001', 'V002']);
        const heardMain: string[] = [];
        const heardV: string[] = [];
        mainSocket.on('ticket:issued', (e: any) => heardMain.push(e.ticket.number));
        vSocket.on('ticket:issued', (e: any) => heardV.push(e.ticket.number));
        const issued: any = await ask(vSocket, 'ticket:issue', [{ serviceId: 'certs' }]);
        expect(issued.ok, JSON.stringify(issued)).to.equal(true);
        await ok(hub.request('POST', '/api/tickets', { serviceId: 'info' }, admin), 201);
        await eventually(() => expect(heardV).to.deep.equal(['V003']));
        await eventually(() => expect(heardMain).to.deep.equal(['C001']));
        // The default office's socket moves to Vingone and hears only Vingone from then on.
        const moved: any = await ask(mainSocket, 'session:join', [{ role: 'display', id: 'all', officeId: 'vingone' }]);
        expect(moved.data.waiting.map((t: any) => t.number)).to.deep.equal(['V001', 'V002', 'V003']);
        await ok(hub.request('POST', '/api/tickets', { serviceId: 'info' }, admin), 201);
        await ok(hub.request('POST', at('/tickets'), { serviceId: 'certs' }, admin), 201);
        await eventually(() => expect(heardMain).to.deep.equal(['C001', 'V004']));
        expect(((await ask<any>(mainSocket, 'session:join', [{ role: 'display', id: 'all', officeId: 'nowhere' }])) as any).error?.code).to.equal('unknown-office');
      } finally {
        vSocket.disconnect();
        mainSocket.disconnect();
      }
      const refused = await new Promise<Error>((resolve, reject) => {
        const s = connect(hub.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token: admin, officeId: 'nowhere' } });
        s.once('connect', () => reject(new Error('connected to an office that does not exist')));
        s.once('connect_error', resolve);
      });
      expect(refused.message).to.equal('unknown-office');
    });

    it('a paired device belongs to its office: its token is refused in another', async () => {
      const shown = await ok(hub.request('POST', at('/pairings'), { kind: 'display' }), 201);
      await ok(hub.request('POST', at('/admin/devices'), { name: 'Sala Vingone', kind: 'display', profile: 'all', code: shown.code }, admin), 201);
      const token = (await ok(hub.request('POST', at('/pairings/claim'), { secret: shown.secret }))).token as string;
      expect((await hub.request('GET', at('/queue'), undefined, token)).status).to.equal(200);
      expect((await hub.request('GET', '/api/queue', undefined, token)).status, 'not a device of the default office').to.equal(401);
      const devices = await ok(hub.request('GET', '/api/admin/devices', undefined, admin));
      expect(devices.devices.map((d: any) => d.name)).to.not.include('Sala Vingone');
      const elsewhere = await new Promise<Error>((resolve, reject) => {
        const s = connect(hub.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token } });
        s.once('connect', () => reject(new Error('a Vingone display connected to the default office')));
        s.once('connect_error', resolve);
      });
      expect(elsewhere.message).to.equal('unauthorized');
    });

    it("roles are per office: an office's admin manages it and nothing else; a network admin is admin everywhere", async () => {
      const created = await ok(hub.request('POST', at('/admin/users'), { username: 'vera', password: 'vera-password', role: 'admin' }, admin), 201);
      expect(created).to.include({ username: 'vera', role: 'admin' });
      const vera = (await ok(hub.request('POST', at('/auth/login'), { username: 'vera', password: 'vera-password' }))).token as string;
      expect((await hub.request('POST', '/api/auth/login', { username: 'vera', password: 'vera-password' })).status, 'no role in the default office').to.equal(403);
      expect((await hub.request('GET', '/api/queue', undefined, vera)).status).to.equal(401);
      expect((await hub.request('GET', at('/admin/users'), undefined, vera)).status).to.equal(200);
      expect((await hub.request('GET', '/api/admin/offices', undefined, vera)).status, 'not a network admin').to.equal(401);
      expect((await hub.request('GET', at('/admin/offices'), undefined, vera)).status, 'network routes only on the default office').to.equal(404);
      const defaultUsers = await ok(hub.request('GET', '/api/admin/users', undefined, admin));
      expect(defaultUsers.map((u: any) => u.username)).to.not.include('vera');
      expect(defaultUsers.find((u: any) => u.username === 'admin')).to.include({ role: 'admin', networkAdmin: true });
      // A second office for Vera: the default office's admin gives her a role there.
      expect((await hub.request('POST', '/api/admin/users', { username: 'vera', password: 'another-password', role: 'clerk' }, admin)).body.error.code).to.equal('already-exists');
      const joined = await ok(hub.request('PATCH', '/api/admin/users/vera', { role: 'clerk' }, admin));
      expect(joined).to.include({ username: 'vera', role: 'clerk' });
      expect((await hub.request('GET', '/api/queue', undefined, vera)).status).to.equal(200);
      expect((await hub.request('GET', '/api/admin/users', undefined, vera)).status, 'a clerk here').to.equal(403);
      expect((await hub.request('PATCH', at('/admin/users/admin'), { role: 'clerk' }, vera)).body.error.code, 'a network admin stays admin').to.equal('in-use');
      // One session for the whole hub: a logout in one office ends it in the other at once (no cached session left behind).
      expect((await hub.request('GET', '/api/auth/me', undefined, vera)).status).to.equal(200);
      expect((await hub.request('POST', at('/auth/logout'), undefined, vera)).status).to.equal(204);
      expect((await hub.request('GET', '/api/auth/me', undefined, vera)).status).to.equal(401);
      expect((await hub.request('GET', at('/auth/me'), undefined, vera)).status).to.equal(401);
    });

    it('reports are per office, and the network report puts them side by side with their sum', async () => {
      const year = new Date().getUTCFullYear();
      const mainYear = await ok(hub.request('GET', `/api/reports/monthly?year=${year}`, undefined, admin));
      const vYear = await ok(hub.request('GET', at(`/reports/monthly?year=${year}`), undefined, admin));
      const network = await ok(hub.request('GET', `/api/network/reports/monthly?year=${year}`, undefined, admin));
      expect(network.offices.map((o: any) => [o.id, o.name])).to.deep.equal([['main', 'Test office'], ['vingone', 'Vingone']]);
      expect(network.offices[0].report).to.deep.equal(mainYear);
      expect(network.offices[1].report).to.deep.equal(vYear);
      expect(vYear.total.issued, "today's Vingone tickets").to.be.above(0);
      expect(network.total.total.issued).to.equal(mainYear.total.issued + vYear.total.issued);
      expect(network.total.total.served).to.equal(mainYear.total.served + vYear.total.served);
      expect((await hub.request('GET', '/api/network/reports/monthly?year=x', undefined, admin)).status).to.equal(400);
      const manager = await hub.loginAs('nina', 'manager');
      expect((await hub.request('GET', `/api/network/reports/monthly?year=${year}`, undefined, manager)).status).to.equal(403);
    });

    it('a restart finds both offices as they were, numbering on', async () => {
      await hub.close();
      await start();
      const listed = await ok(hub.request('GET', '/api/admin/offices', undefined, admin));
      expect(listed.offices.map((o: any) => o.id)).to.deep.equal(['main', 'vingone']);
      const next = await ok(hub.request('POST', at('/tickets'), { serviceId: 'certs' }, admin), 201);
      expect(next.ticket.number).to.equal('V005');
      expect((await ok(hub.request('GET', at('/admin/office'), undefined, admin))).name).to.equal('Vingone');
    });

    it("an office whose database is gone does not stop the others: it is named in the default office's warnings", async function () {
      if (engine !== 'sqlite') this.skip(); // a deleted file; on PostgreSQL a dropped schema is the same case
      await hub.close();
      const { rename } = await import('node:fs/promises');
      const file = join(dir!, 'offices', 'vingone.db');
      await rename(file, `${file}.away`);
      try {
        await start();
        const health = await ok(hub.request('GET', '/api/health', undefined, admin));
        expect(health.status).to.equal('degraded');
        const warning = health.warnings.find((w: any) => w.code === 'offices-not-started');
        expect(warning.offices.map((o: any) => o.id)).to.deep.equal(['vingone']);
        expect(warning.offices[0].problem).to.match(/its database file .*vingone\.db is missing/);
        expect((await hub.request('GET', at('/queue'), undefined, admin)).body.error.code).to.equal('unknown-office');
        expect((await ok(hub.request('POST', '/api/tickets', { serviceId: 'certs' }, admin), 201)).ticket.number).to.match(/^A/);
      } finally {
        await hub.close();
        await rename(`${file}.away`, file);
        await (await import('node:fs/promises')).rm(join(dir!, 'offices', 'vingone.db-wal'), { force: true });
        await start();
      }
      expect((await ok(hub.request('GET', at('/queue'), undefined, admin))).waiting.length).to.be.above(0);
    });
  });
}

describe('several offices: daily backups per office', function () {
  this.timeout(60_000);
  it("backs each office's own database up into its own folder (BACKUP_DIR/offices/<id>)", async function () {
    if (process.env['TEST_DATABASE'] === 'postgres') this.skip(); // SQLite files only
    const { mkdtemp, readdir, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const backupDir = await mkdtemp(join(tmpdir(), 'punto-comune-office-backups-'));
    const hub = await startTestHub({ backupDir });
    try {
      const admin = await hub.login();
      const office = { ...hub.hub.ctx.office, id: 'vingone', name: 'Vingone' };
      expect((await hub.request('POST', '/api/admin/offices', { office }, admin)).status).to.equal(201);
      await eventuallyAsync(async () => {
        expect((await readdir(join(backupDir, 'offices', 'vingone'))).filter((f) => f.endsWith('.db'))).to.have.length(1);
      });
      expect((await readdir(backupDir)).filter((f) => f.endsWith('.db')), "the default office's backup stays at the top").to.have.length(1);
    } finally {
      await hub.close();
      await rm(backupDir, { recursive: true, force: true });
    }
  });
});

async function eventuallyAsync(check: () => Promise<void>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function eventually(check: () => void, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
