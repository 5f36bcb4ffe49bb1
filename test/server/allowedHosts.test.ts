import { request as httpRequest } from 'node:http';
import { expect } from 'chai';
import { io as connect } from 'socket.io-client';
import { readEnv } from '../../server/config/env.ts';
import { parseAllowedHosts } from '../../server/http/allowedHosts.ts';
import { startTestHub, type TestHub } from '../helpers/hub.ts';

/** ALLOWED_HOSTS: a page of another site whose name points at the hub (DNS rebinding) is refused. */

describe('ALLOWED_HOSTS', () => {
  let hub: TestHub | undefined;
  afterEach(async () => {
    await hub?.close();
    hub = undefined;
  });

  /** A request with the Host header given (fetch always sends the URL's own). */
  const get = (path: string, host: string | null) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(hub!.url);
      const headers = host === null ? {} : { host };
      const req = httpRequest({ host: url.hostname, port: url.port, path, headers, setHost: host !== null }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject).end();
    });
  const socketWithHost = (host: string, token: string) =>
    new Promise<string>((resolve) => {
      const s = connect(hub!.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token }, extraHeaders: { host } });
      s.once('connect', () => {
        s.disconnect();
        resolve('connected');
      });
      s.once('connect_error', (err) => resolve(err.message));
    });

  it('answers only the listed host names, on the API, the pages, the metrics and the socket handshakes', async () => {
    const started = await startTestHub({ allowedHosts: 'coda.comune.example, 127.0.0.1' });
    hub = started;
    const port = new URL(started.url).port;
    const display = await started.device('display');

    expect((await get('/api/health', 'coda.comune.example')).status).to.equal(200);
    expect((await get('/api/health', `coda.comune.example:${port}`)).status, 'a name without a port allows any port').to.equal(200);
    expect((await get('/api/health', 'CODA.comune.example.')).status, 'names are not case-sensitive').to.equal(200);
    for (const path of ['/api/health', '/api/queue', '/kiosk', '/metrics']) {
      const refused = await get(path, 'rebind.attacker.example');
      expect(refused.status, path).to.equal(421);
      expect(JSON.parse(refused.body), path).to.deep.equal({ error: { code: 'unknown-host', message: 'This hub does not answer to that host name.' } });
    }
    expect((await get('/api/health', null)).status, 'no Host at all (Node refuses it before the hub sees it)').to.equal(400);

    expect(await socketWithHost(`127.0.0.1:${port}`, display)).to.equal('connected');
    expect(await socketWithHost('rebind.attacker.example', display)).to.not.equal('connected');
    const polling = await get('/socket.io/?EIO=4&transport=polling', 'rebind.attacker.example');
    expect(polling.status, 'the polling handshake too').to.equal(403);
    expect((await get('/socket.io/?EIO=4&transport=polling', `127.0.0.1:${port}`)).status).to.equal(200);
  });

  it('a port in an entry pins it', async () => {
    hub = await startTestHub({ allowedHosts: 'coda.comune.example:443,[fd00::10]' });
    expect((await get('/api/health', 'coda.comune.example:443')).status).to.equal(200);
    expect((await get('/api/health', 'coda.comune.example:3000')).status).to.equal(421);
    expect((await get('/api/health', 'coda.comune.example')).status).to.equal(421);
    expect((await get('/api/health', '[fd00::10]:3000')).status).to.equal(200);
  });

  it('is off when unset: any Host is answered', async () => {
    hub = await startTestHub();
    expect((await get('/api/health', 'whatever.example')).status).to.equal(200);
  });

  it('is read once at start; a wrong entry stops the hub with a clear message', () => {
    expect(parseAllowedHosts(undefined)).to.equal(undefined);
    expect(parseAllowedHosts(' ')).to.equal(undefined);
    expect(parseAllowedHosts('Coda.Example, 10.0.0.2:3000, [::1]:8080')).to.deep.equal([{ host: 'coda.example' }, { host: '10.0.0.2', port: '3000' }, { host: '::1', port: '8080' }]);
    for (const bad of ['http://coda.example', 'coda.example/path', 'coda.example:99999', '[nope]', 'a b']) {
      expect(() => parseAllowedHosts(bad), bad).to.throw(/ALLOWED_HOSTS/);
      expect(() => readEnv({ ALLOWED_HOSTS: bad }), bad).to.throw(/ALLOWED_HOSTS/);
    }
    expect(readEnv({ ALLOWED_HOSTS: 'coda.example' }).ALLOWED_HOSTS).to.equal('coda.example');
  });
});
