import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestHub, type TestHub } from '../helpers/hub.ts';
import { ask } from '../helpers/wire.ts';

/**
 * What an admin or a kiosk may send that is also the name of an Object.prototype member: the office
 * goes on working, before and after a restart (each of these once answered 500 or numbered
 * `Zfunction Object() { [native code] }1`).
 */
describe('ids named like Object.prototype members, at the hub', () => {
  let dir: string;
  let hub: TestHub;
  let admin: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'punto-comune-'));
    hub = await startTestHub({ dir });
    admin = await hub.login();
  });
  afterEach(async () => {
    await hub.close();
    await rm(dir, { recursive: true, force: true });
  });

  const office = async () => (await hub.request('GET', '/api/admin/office', undefined, admin)).body;
  const patch = (body: unknown) => hub.request('PATCH', '/api/admin/office', body, admin);

  it('a desk with id "constructor" can be added, shown, used and removed again', async () => {
    const before = await office();
    const desk = { id: 'constructor', name: 'Sportello 9', kind: 'front', services: ['certs'] };
    expect((await patch({ desks: [...before.desks, desk] })).status).to.equal(200);

    const queue = await hub.read('/api/queue');
    expect(queue.status, JSON.stringify(queue.body)).to.equal(200);
    expect(queue.body.desks.find((d: { id: string }) => d.id === 'constructor')).to.deep.include({ mode: 'front', parkedTicketIds: [] });
    expect((await hub.issue({ serviceId: 'certs' })).status).to.equal(201);
    await hub.hold('constructor');
    const called = await hub.request('POST', '/api/desks/constructor/call-next', {}, admin);
    expect(called.status, JSON.stringify(called.body)).to.equal(200);
    expect((await hub.request('POST', '/api/desks/constructor/finish', { outcomes: [] }, admin)).status).to.equal(200);

    const removed = await patch({ desks: before.desks });
    expect(removed.status, JSON.stringify(removed.body)).to.equal(200);
    expect((await hub.read('/api/queue')).body.desks.map((d: { id: string }) => d.id)).to.not.include('constructor');
  });

  it('a service with id "constructor" numbers its tickets Z001, Z002… and goes on after a restart', async () => {
    const service = { id: 'constructor', prefix: 'Z', name: { it: 'Costruttore', en: 'Constructor' }, outcomes: [{ code: 'constructor', name: { it: 'Costruttore', en: 'Constructor' } }] };
    const before = await office();
    const desks = before.desks.map((d: { id: string; services: string[] }) => (d.id === 'desk-1' ? { ...d, services: [...d.services, 'constructor'] } : d));
    expect((await patch({ services: [...before.services, service], desks })).status).to.equal(200);
    const first = await hub.issue({ serviceId: 'constructor' });
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    expect(first.body.ticket.number).to.equal('Z001');
    await hub.hold('desk-1');
    expect((await hub.request('POST', '/api/desks/desk-1/call-next', {}, admin)).body.ticket.number).to.equal('Z001');
    const done = await hub.request('POST', '/api/desks/desk-1/finish', { outcomes: [{ code: 'constructor', count: 2 }] }, admin);
    expect(done.status, JSON.stringify(done.body)).to.equal(200);

    // The outcome counts as a number in the day's report, not as Object's constructor.
    const day = (await hub.read('/api/queue')).body.day as string;
    const report = await hub.request('GET', `/api/reports/outcomes?from=${day}&to=${day}`, undefined, admin);
    expect(report.status, JSON.stringify(report.body)).to.equal(200);
    expect(report.body.total.outcomes).to.deep.equal({ constructor: 2 });
    expect(report.body.total.servedByService).to.deep.equal({ constructor: 1 });

    await hub.close();
    hub = await startTestHub({ dir });
    const second = await hub.issue({ serviceId: 'constructor' });
    expect(second.status, JSON.stringify(second.body)).to.equal(201);
    expect(second.body.ticket.number).to.equal('Z002');
  });

  it('a request id such as "constructor", "__proto__", "toString" or "hasOwnProperty" issues one ticket, and its retry gets the same one, over REST and sockets', async () => {
    const kiosk = await hub.device('kiosk');
    const socket = await hub.socket(kiosk);
    for (const requestId of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__']) {
      const first = await hub.issue({ serviceId: 'certs', requestId }, kiosk);
      expect(first.status, `${requestId}: ${JSON.stringify(first.body)}`).to.equal(201);
      const retry = await hub.issue({ serviceId: 'certs', requestId }, kiosk);
      expect(retry.status, requestId).to.equal(201);
      expect(retry.body.ticket.id, requestId).to.equal(first.body.ticket.id);
      const overSocket = await ask<{ ticket: { id: number } }>(socket, 'ticket:issue', [{ serviceId: 'certs', requestId }]);
      expect(overSocket.ok && overSocket.data.ticket.id, `${requestId} over a socket: ${JSON.stringify(overSocket)}`).to.equal(first.body.ticket.id);
    }
    const fresh = await ask<{ ticket: { id: number; number: string } }>(socket, 'ticket:issue', [{ serviceId: 'certs', requestId: 'valueOf-tap' }]);
    expect(fresh.ok && fresh.data.ticket.number).to.equal('A007');
  });
});
