import { expect } from 'chai';
import { isPrivateHost, publicUrlWarning } from '../../server/observability/publicUrl.ts';

describe('PUBLIC_URL: can a phone off the office network open the ticket links?', () => {
  it('isPrivateHost() knows loopback, private, link-local and shared IPv4 ranges, and only those', () => {
    const privateHosts = ['127.0.0.1', '127.8.9.10', '10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.254', '192.168.1.10', '169.254.10.20', '100.64.0.1', '0.0.0.0'];
    const publicHosts = ['8.8.8.8', '172.15.255.255', '172.32.0.1', '192.169.0.1', '11.0.0.1', '100.128.0.1', '169.253.0.1', '93.184.216.34'];
    for (const host of privateHosts) expect(isPrivateHost(host), host).to.equal(true);
    for (const host of publicHosts) expect(isPrivateHost(host), host).to.equal(false);
  });

  it('isPrivateHost() knows ::1, fc00::/7, fe80::/10 and IPv4-mapped private addresses, with or without brackets', () => {
    const privateHosts = ['::1', '[::1]', '::', 'fc00::1', 'fd12:3456:789a::1', '[fe80::1]', 'febf::1', '::ffff:192.168.1.1', '[::ffff:c0a8:101]', '0:0:0:0:0:0:0:1'];
    const publicHosts = ['2001:db8::1', '[2a00:1450:4002:402::200e]', 'fec0::1', 'fbff::1', '::ffff:8.8.8.8'];
    for (const host of privateHosts) expect(isPrivateHost(host), host).to.equal(true);
    for (const host of publicHosts) expect(isPrivateHost(host), host).to.equal(false);
  });

  it('isPrivateHost() knows localhost, local-only names and single-label names, and not public names', () => {
    for (const host of ['localhost', 'LOCALHOST.', 'app.localhost', 'hub.local', 'puntocomune.home.arpa', 'server.lan', 'coda', 'sportelli']) {
      expect(isPrivateHost(host), host).to.equal(true);
    }
    for (const host of ['coda.comune.example', 'comune.scandicci.fi.it', 'localhost.example.it', 'local.comune.it']) {
      expect(isPrivateHost(host), host).to.equal(false);
    }
  });

  it('publicUrlWarning() warns when PUBLIC_URL is unset or private, and not when it is public', () => {
    expect(publicUrlWarning('https://coda.comune.example')).to.equal(undefined);
    expect(publicUrlWarning('http://93.184.216.34:3000/')).to.equal(undefined);
    const unset = publicUrlWarning(undefined);
    expect(unset).to.include({ code: 'public-url-private', publicUrl: null });
    expect(unset?.message).to.match(/PUBLIC_URL is not set.*only on the office network/);
    for (const url of ['http://192.168.1.10:3000', 'http://localhost:3000', 'https://[fd00::5]/', 'http://hub.local']) {
      const warning = publicUrlWarning(url);
      expect(warning, url).to.include({ code: 'public-url-private', publicUrl: url });
      expect(warning?.message, url).to.include(url).and.match(/office network/);
    }
  });
});
