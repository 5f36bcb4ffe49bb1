import type { IncomingMessage } from 'node:http';
import { expect } from 'chai';
import { io as connect } from 'socket.io-client';
import { readEnv } from '../../server/config/env.ts';
import { createLogger } from '../../server/logger.ts';
import { clientAddress, parseTrustProxy } from '../../server/http/trustProxy.ts';
import { adminPassword, startTestHub, type TestHub, type TestHubOptions } from '../helpers/hub.ts';

/** TRUST_PROXY: behind the office's TLS proxy, limits and logs see each client's own address. */

const request = (peer: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

describe('TRUST_PROXY', () => {
  it('is read like Express\'s trust proxy: off, a hop count, or addresses, subnets and names; true and junk are refused', () => {
    const at = (setting: string | undefined, peer: string, forwarded?: string) => clientAddress(request(peer, forwarded), parseTrustProxy(setting));
    expect(at(undefined, '127.0.0.1', '203.0.113.9'), 'off by default').to.equal('127.0.0.1');
    expect(at('false', '127.0.0.1', '203.0.113.9')).to.equal('127.0.0.1');
    expect(at('1', '127.0.0.1', '198.51.100.1, 203.0.113.9'), 'one hop: the address the proxy added').to.equal('203.0.113.9');
    expect(at('2', '127.0.0.1', '198.51.100.1, 203.0.113.9')).to.equal('198.51.100.1');
    expect(at('loopback', '::ffff:127.0.0.1', '203.0.113.9')).to.equal('203.0.113.9');
    expect(at('10.0.0.5', '10.0.0.5', '203.0.113.9')).to.equal('203.0.113.9');
    expect(at('10.0.0.5', '10.0.0.6', '203.0.113.9'), 'a peer that is not the proxy names nobody').to.equal('10.0.0.6');
    expect(at('10.0.0.0/8, fd00::/8', 'fd00::1', '10.1.1.1, 203.0.113.9'), 'every trusted hop is skipped').to.equal('203.0.113.9');
    expect(at('10.0.0.0/8', '10.0.0.1', '203.0.113.9, 10.2.2.2'), 'stops at the first untrusted').to.equal('203.0.113.9');
    expect(at('loopback', '127.0.0.1'), 'no header: the peer').to.equal('127.0.0.1');
    for (const bad of ['true', 'proxy.example', '10.0.0.0/33', '10.0.0.1/8/2', 'loopback,']) {
      expect(() => parseTrustProxy(bad), bad).to.throw(/TRUST_PROXY/);
      expect(() => readEnv({ TRUST_PROXY: bad }), bad).to.throw(/TRUST_PROXY/);
    }
    expect(readEnv({ TRUST_PROXY: '1' }).TRUST_PROXY).to.equal('1');
    expect(readEnv({}).TRUST_PROXY).to.equal(undefined);
  });
});

describe('the client address behind a proxy', () => {
  let hub: TestHub;
  let lines: string[];

  const start = async (options: TestHubOptions) => {
    lines = [];
    hub = await startTestHub({ log: createLogger('warn', { write: (line: string) => void lines.push(line) }), ...options });
  };
  afterEach(async () => {
    await hub.close();
  });

  const login = async (password: string, from: string) => {
    const started = Date.now();
    const res = await fetch(`${hub.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify({ username: 'admin', password }),
    });
    return { status: res.status, ms: Date.now() - started };
  };
  /** The session cookie of a right login that came to the proxy over HTTPS. */
  const cookieOverHttps = async () => {
    const res = await fetch(`${hub.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.50', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ username: 'admin', password: adminPassword }),
    });
    expect(res.status).to.equal(200);
    return res.headers.get('set-cookie')!;
  };
  const failedLoginAddresses = () =>
    lines.map((l) => JSON.parse(l) as { msg: string; address?: string }).filter((l) => l.msg === 'failed login').map((l) => l.address);
  const socketFrom = (from: string, token: string) =>
    new Promise<string>((resolve) => {
      const s = connect(hub.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token }, extraHeaders: { 'x-forwarded-for': from } });
      s.once('connect', () => resolve('connected'));
      // Refused at the door (the Engine.IO handshake), socket.io-client only sees its transport fail.
      s.once('connect_error', (err) => resolve(err.message === 'websocket error' ? 'refused' : err.message));
    });

  it('with TRUST_PROXY, logins are counted, logged and sockets bounded by the forwarded address', async () => {
    await start({ trustProxy: 'loopback', maxSocketsPerAddress: 2, loginLimits: { slowAfter: 1, stepMs: 400, maxDelayMs: 400 } });
    for (let i = 0; i < 3; i++) await login('wrong-password', '203.0.113.7');
    const elsewhere = await login('wrong-password', '198.51.100.4');
    expect(elsewhere.status).to.equal(401);
    expect(elsewhere.ms, 'another client of the same proxy is not slowed by the first one\'s failures').to.be.below(350);
    expect(failedLoginAddresses()).to.deep.equal(['203.0.113.7', '203.0.113.7', '203.0.113.7', '198.51.100.4']);

    const display = await hub.device('display');
    expect([await socketFrom('203.0.113.7', display), await socketFrom('203.0.113.7', display)]).to.deep.equal(['connected', 'connected']);
    expect(await socketFrom('203.0.113.7', display)).to.equal('refused');
    expect(await socketFrom('198.51.100.4', display), 'another client behind the proxy').to.equal('connected');
    expect(await cookieOverHttps(), 'HTTPS at the proxy marks the cookie Secure').to.match(/; Secure/);
  });

  it('without TRUST_PROXY, X-Forwarded-For is ignored: a client cannot choose its address', async () => {
    await start({ maxSocketsPerAddress: 2 });
    await login('wrong-password', '203.0.113.7');
    expect(failedLoginAddresses()).to.have.length(1);
    expect(failedLoginAddresses()[0]).to.match(/127\.0\.0\.1$/);
    const display = await hub.device('display');
    await socketFrom('203.0.113.7', display);
    await socketFrom('203.0.113.8', display);
    expect(await socketFrom('203.0.113.9', display)).to.equal('refused');
    expect(await cookieOverHttps(), 'nor X-Forwarded-Proto').to.not.match(/Secure/);
  });

  it('a flood of logins from one client does not hold another client\'s login behind it', async function () {
    this.timeout(60_000);
    // A cost where one check takes a few ms, so 40 of them are a queue worth jumping.
    await start({ trustProxy: '1', passwordCost: { N: 2 ** 13, r: 8, p: 1 }, loginLimits: { slowAfter: 1000 } });
    const done: string[] = [];
    const flood = Array.from({ length: 40 }, () => login('guess', '203.0.113.66').then(() => void done.push('flood')));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const clerk = await login(adminPassword, '198.51.100.20');
    done.push('clerk');
    await Promise.all(flood);
    expect(clerk.status).to.equal(200);
    expect(done.indexOf('clerk'), 'the clerk was answered before most of the flood').to.be.below(20);
  });

  it('too many logins waiting from one address are told to retry, while other addresses go on', async function () {
    this.timeout(60_000);
    await start({ trustProxy: '1', passwordCost: { N: 2 ** 13, r: 8, p: 1 }, loginLimits: { maxWaitingPerAddress: 5 } });
    const flood = await Promise.all(Array.from({ length: 12 }, () => login(adminPassword, '203.0.113.66')));
    const statuses = flood.map((a) => a.status);
    expect(statuses.filter((s) => s === 429).length, statuses.join()).to.be.at.least(1);
    expect(statuses.filter((s) => s === 200).length, statuses.join()).to.be.at.least(6);
    expect((await login(adminPassword, '198.51.100.20')).status).to.equal(200);
  });
});
