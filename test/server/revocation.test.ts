import { expect } from 'chai';
import { startTestHub, type TestHub, type TestSocket } from '../helpers/hub.ts';
import { ask, record, until } from '../helpers/wire.ts';

/** An admin's change to an account reaches that account's open sockets at once, not at the next minute's check. */

describe('revoking a staff member\'s open sockets', () => {
  let hub: TestHub;
  let admin: string;

  beforeEach(async () => {
    hub = await startTestHub();
    admin = await hub.login();
  });
  afterEach(() => hub.close());

  /** A clerk's socket at desk-1, following the queue; resolves once it got its first push. */
  async function clerkAtDesk(username: string) {
    const token = await hub.loginAs(username, 'clerk');
    const socket = await hub.socket(token);
    const heard = record(socket);
    let closed = false;
    socket.on('disconnect', () => (closed = true));
    expect((await ask(socket, 'session:join', [{ role: 'desk', id: 'desk-1' }])).ok).to.equal(true);
    expect((await hub.issue({ serviceId: 'certs' })).status).to.equal(201);
    await until(() => heard.some((e) => e.name === 'ticket:issued'), `${username} hears a ticket`);
    return { token, socket, heard, closed: () => closed };
  }

  const issuedCount = (heard: ReturnType<typeof record>) => heard.filter((e) => e.name === 'ticket:issued').length;

  async function expectDropped(clerk: { socket: TestSocket; heard: ReturnType<typeof record>; closed: () => boolean }, token: string) {
    await until(() => clerk.closed(), 'the socket to be dropped', 1000);
    const before = issuedCount(clerk.heard);
    expect((await hub.issue({ serviceId: 'certs' })).status).to.equal(201);
    await new Promise((r) => setTimeout(r, 100));
    expect(issuedCount(clerk.heard), 'no more pushes').to.equal(before);
    expect((await hub.request('GET', '/api/auth/me', undefined, token)).status, 'the session ended too').to.equal(401);
  }

  it('a new password drops the account\'s sockets at once; other accounts keep theirs', async () => {
    const carlo = await clerkAtDesk('carlo');
    const anna = await clerkAtDesk('anna');
    const res = await hub.request('PATCH', '/api/admin/users/carlo', { password: 'una-nuova-password' }, admin);
    expect(res.status).to.equal(200);
    await expectDropped(carlo, carlo.token);
    expect(anna.closed()).to.equal(false);
    await until(() => issuedCount(anna.heard) === 2, 'anna still hears the queue');
  });

  it('disabling an account drops its sockets at once', async () => {
    const carlo = await clerkAtDesk('carlo');
    expect((await hub.request('PATCH', '/api/admin/users/carlo', { disabled: true }, admin)).status).to.equal(200);
    await expectDropped(carlo, carlo.token);
  });

  it('a new role keeps the socket, and its next command is judged by the new role', async () => {
    const token = await hub.loginAs('bea', 'manager');
    const socket = await hub.socket(token);
    let closed = false;
    socket.on('disconnect', () => (closed = true));
    expect((await hub.request('PATCH', '/api/admin/users/bea', { role: 'clerk' }, admin)).status).to.equal(200);
    expect((await hub.request('GET', '/api/reports/live', undefined, token)).status, 'reports are refused at once').to.equal(403);
    await new Promise((r) => setTimeout(r, 100));
    expect(closed, 'a clerk may still work a desk').to.equal(false);
    expect((await ask(socket, 'desk:mode', [{ deskId: 'desk-1', mode: 'front' }])).ok).to.equal(true);
  });
});
