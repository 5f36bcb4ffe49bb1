import { defaultNodeName } from '../../server/hub.ts';
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect } from 'socket.io-client';
import type { StorageStatus } from '../../server/commands/committer.ts';
import { startTestHub, type TestHub, type TestHubOptions, type TestSocket } from '../helpers/hub.ts';
import { testOffice } from '../helpers/office.ts';
import { allSamples, samples, series } from '../helpers/prometheus.ts';
import { until } from '../helpers/wire.ts';

/** Wednesday 14 January 2026, 10:00 in Rome. */
const T0 = Date.UTC(2026, 0, 14, 9, 0);
const metricsToken = 'metrics-token-for-the-tests-0123456789';

/** Every metric of an office: each of its series carries `office`. */
const perOffice = [
  'pc_queue_waiting', 'pc_queue_oldest_wait_seconds', 'pc_estimated_wait_minutes', 'pc_tickets_issued_today', 'pc_desks_open', 'pc_sockets',
  'pc_printer_up', 'pc_storage_ok', 'pc_commands_total', 'pc_command_duration_seconds_count', 'pc_errors_total', 'pc_http_requests_total',
];

/** The second office: one service, two desks. */
const north = testOffice({
  name: 'Nord',
  services: [{ id: 'certs', prefix: 'N', name: { it: 'Certificati', en: 'Certificates' }, outcomes: ['certificate'] }],
  desks: [
    { id: 'desk-1', name: 'Sportello 1', kind: 'front', services: ['certs'] },
    { id: 'desk-2', name: 'Sportello 2', kind: 'front', services: ['certs'] },
  ],
});

describe('/metrics of a hub node running several offices (issue 22)', () => {
  let now = T0;
  let hub: TestHub;
  let admin: string;
  const sockets: TestSocket[] = [];

  const start = async (options: TestHubOptions = {}) => {
    hub = await startTestHub({ clock: () => now, metricsToken, nodeName: 'hub-a', ...options });
    admin = await hub.login();
  };
  const scrape = async (token = metricsToken) => {
    const res = await fetch(`${hub.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).to.equal(200);
    return res.text();
  };
  const createOffice = async (id: string) => {
    const created = await hub.request('POST', '/api/admin/offices', { office: { ...north, id } }, admin);
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
  };
  const officesIn = (text: string, name: string) => [...new Set(samples(text, name).map((s) => s.labels.office))].sort();

  beforeEach(async () => {
    now = T0;
    await start();
  });

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await hub.close();
  });

  it('shows both offices, every per-office series under its office label, each with values of its own', async () => {
    await createOffice('north');
    for (let i = 0; i < 3; i++) {
      expect((await hub.request('POST', '/api/tickets', { serviceId: 'certs' }, admin)).status).to.equal(201);
      now += 20_000;
    }
    expect((await hub.request('POST', '/api/tickets', { serviceId: 'no-such-service' }, admin)).body.error.code).to.equal('unknown-service');
    expect((await hub.request('POST', '/api/offices/north/tickets', { serviceId: 'certs' }, admin)).status).to.equal(201);
    now += 30_000;
    const northCtx = hub.hub.network.offices.get('north')!.ctx;
    await northCtx.committer.submit({ type: 'desk:hold', deskId: 'desk-1', clerk: 'clerk-north' });
    const staff: TestSocket = connect(hub.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token: admin, officeId: 'north' } });
    sockets.push(staff);
    await until(() => hub.hub.ctx.connections.counts('north').staff === 1, 'the staff socket of the north office');

    const text = await scrape();
    for (const name of perOffice) {
      for (const s of samples(text, name)) expect(s.labels.office, `${name} ${JSON.stringify(s.labels)}`).to.be.oneOf(['main', 'north']);
    }
    expect(series(text, 'pc_queue_waiting')).to.deep.equal({ 'service=certs': 3, 'service=idcard': 0, 'service=info': 0 });
    expect(series(text, 'pc_queue_waiting', 'north')).to.deep.equal({ 'service=certs': 1 });
    expect(series(text, 'pc_queue_oldest_wait_seconds')).to.deep.equal({ 'service=certs': 90, 'service=idcard': 0, 'service=info': 0 });
    expect(series(text, 'pc_queue_oldest_wait_seconds', 'north')).to.deep.equal({ 'service=certs': 30 });
    expect(series(text, 'pc_tickets_issued_today', 'north')).to.deep.equal({ 'service=certs': 1 });
    expect(Object.keys(series(text, 'pc_estimated_wait_minutes')), 'no desk of main is open').to.deep.equal([]);
    expect(Object.keys(series(text, 'pc_estimated_wait_minutes', 'north'))).to.deep.equal(['service=certs']);
    expect(series(text, 'pc_desks_open')).to.deep.equal({ 'kind=front': 0, 'kind=back': 0 });
    expect(series(text, 'pc_desks_open', 'north')).to.deep.equal({ 'kind=front': 1, 'kind=back': 0 });
    expect(series(text, 'pc_sockets')).to.include({ 'kind=staff': 0 });
    expect(series(text, 'pc_sockets', 'north')).to.deep.equal({ 'kind=kiosk': 0, 'kind=display': 0, 'kind=feedback': 0, 'kind=staff': 1, 'kind=ticket': 0 });
    expect(series(text, 'pc_storage_ok')).to.deep.equal({ '': 1 });
    expect(series(text, 'pc_storage_ok', 'north')).to.deep.equal({ '': 1 });
    expect(series(text, 'pc_commands_total')).to.deep.equal({ 'command=ticket:issue,outcome=ok': 3, 'command=ticket:issue,outcome=unknown-service': 1 });
    expect(series(text, 'pc_commands_total', 'north')).to.deep.equal({ 'command=ticket:issue,outcome=ok': 1 });
    expect(series(text, 'pc_errors_total')).to.deep.equal({ 'code=unknown-service': 1 });
    expect(series(text, 'pc_errors_total', 'north')).to.deep.equal({});
    // The office's API answered these; the office's creation is a route of the default office's API (with the login).
    expect(series(text, 'pc_http_requests_total', 'north')).to.deep.equal({ 'method=POST,status=201': 1 });
    expect(series(text, 'pc_http_requests_total')).to.deep.equal({ 'method=POST,status=200': 1, 'method=POST,status=201': 4, 'method=POST,status=404': 1 });
  });

  it('names the node in pc_node_info, and in no other series', async () => {
    const text = await scrape();
    expect(samples(text, 'pc_node_info')).to.deep.equal([{ labels: { node: 'hub-a' }, value: 1 }]);
    const withNode = allSamples(text).filter((s) => 'node' in s.labels).map((s) => s.name);
    expect(withNode).to.deep.equal(['pc_node_info']);
    expect(samples(text, 'pc_process_cpu_user_seconds_total')).to.have.length(1);
    expect(samples(text, 'pc_process_cpu_user_seconds_total')[0]!.labels).to.deep.equal({});
  });

  it('names a node without NODE_NAME after its host and port (its process, on a port the system picks)', async () => {
    await hub.close();
    await start({ nodeName: undefined });
    // Port 0: the name is needed before the port is known (a cluster node joins before listening).
    expect(hub.hub.network.parts.nodeName).to.equal(`${hostname()}-${process.pid}`);
    expect(samples(await scrape(), 'pc_node_info')).to.deep.equal([{ labels: { node: `${hostname()}-${process.pid}` }, value: 1 }]);
    expect(defaultNodeName(3001)).to.equal(`${hostname()}:3001`);
  });

  it('shows an office created through POST /api/admin/offices at the next scrape, without a restart', async () => {
    const before = await scrape();
    expect(officesIn(before, 'pc_queue_waiting')).to.deep.equal(['main']);
    expect(officesIn(before, 'pc_storage_ok')).to.deep.equal(['main']);
    await createOffice('south');
    expect((await hub.request('POST', '/api/offices/south/tickets', { serviceId: 'certs' }, admin)).status).to.equal(201);
    const after = await scrape();
    for (const name of ['pc_queue_waiting', 'pc_tickets_issued_today', 'pc_desks_open', 'pc_sockets', 'pc_storage_ok']) {
      expect(officesIn(after, name), name).to.deep.equal(['main', 'south']);
    }
    expect(series(after, 'pc_commands_total', 'south')).to.deep.equal({ 'command=ticket:issue,outcome=ok': 1 });
    expect(series(after, 'pc_queue_waiting', 'south')).to.deep.equal({ 'service=certs': 1 });
    expect(series(after, 'pc_queue_waiting')).to.deep.equal({ 'service=certs': 0, 'service=idcard': 0, 'service=info': 0 });
  });

  it("shows 0 in pc_storage_ok for the office whose last write failed, and only for it", async () => {
    await createOffice('north');
    const failed: StorageStatus = { ok: false, lastError: { code: 'storage-full', at: new Date(now).toISOString() } };
    Object.defineProperty(hub.hub.network.offices.get('north')!.ctx.committer, 'storage', { get: () => failed });
    const text = await scrape();
    expect(series(text, 'pc_storage_ok', 'north')).to.deep.equal({ '': 0 });
    expect(series(text, 'pc_storage_ok')).to.deep.equal({ '': 1 });
  });

  it('shows every office again after a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'punto-comune-node-metrics-'));
    try {
      await hub.close();
      await start({ dir });
      await createOffice('north');
      await hub.close();
      await start({ dir });
      expect(officesIn(await scrape(), 'pc_queue_waiting')).to.deep.equal(['main', 'north']);
    } finally {
      await hub.close();
      await start(); // for afterEach
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('still refuses a wrong token and a non-admin, and gives them no office figures', async () => {
    await createOffice('north');
    const clerk = await hub.loginAs('clara', 'clerk');
    for (const [token, status] of [['not-the-metrics-token-at-all', 401], [`${metricsToken}x`, 401], [clerk, 403]] as const) {
      const res = await fetch(`${hub.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, token).to.equal(status);
      const body = await res.text();
      expect(body).not.to.include('pc_queue_waiting');
      expect(body).not.to.include('north');
    }
  });
});
