import { expect } from 'chai';
import { apiUrl, currentOffice, officeHandshake, officeKey, officeOfPath, pagePath, pageUrl } from '../../ui/office.ts';

describe('ui/office: the office of a page and the URLs it builds', () => {
  it('reads the office from /o/<id>/…, and none (the default office) from the short addresses', () => {
    expect(officeOfPath('/o/vingone/kiosk')).to.equal('vingone');
    expect(officeOfPath('/o/vingone/kiosk/entrance')).to.equal('vingone');
    expect(officeOfPath('/o/casellina/t/12')).to.equal('casellina');
    expect(officeOfPath('/o/vingone')).to.equal('vingone');
    expect(officeOfPath('/kiosk')).to.equal(undefined);
    expect(officeOfPath('/t/12')).to.equal(undefined);
    expect(officeOfPath('/')).to.equal(undefined);
    expect(officeOfPath('/office/x/kiosk'), 'only the /o/ prefix').to.equal(undefined);
    expect(officeOfPath('/o//kiosk'), 'an empty id is no office').to.equal(undefined);
  });

  it('tells the page itself apart from its office prefix (the ticket page reads /t/<id> from it)', () => {
    expect(pagePath('/o/vingone/t/12')).to.equal('/t/12');
    expect(pagePath('/t/12')).to.equal('/t/12');
    expect(pagePath('/o/vingone')).to.equal('/');
    expect(pagePath('/o/vingone/display/hall')).to.equal('/display/hall');
  });

  it("turns /api/x into the office's /api/offices/<id>/x, and leaves the default office's alone", () => {
    expect(apiUrl('/api/queue', 'vingone')).to.equal('/api/offices/vingone/queue');
    expect(apiUrl('/api/reports/monthly?year=2026&format=csv', 'vingone')).to.equal('/api/offices/vingone/reports/monthly?year=2026&format=csv');
    expect(apiUrl('/api/desks/d%201/hold', 'vingone')).to.equal('/api/offices/vingone/desks/d%201/hold');
    expect(apiUrl('/api/queue', undefined)).to.equal('/api/queue');
    expect(apiUrl('/assets/x.js', 'vingone'), 'not an API path').to.equal('/assets/x.js');
  });

  it("links pages within the office: /counter → /o/<id>/counter", () => {
    expect(pageUrl('/counter', 'vingone')).to.equal('/o/vingone/counter');
    expect(pageUrl('/display/hall', 'vingone')).to.equal('/o/vingone/display/hall');
    expect(pageUrl('/t/12?k=abc', 'vingone')).to.equal('/o/vingone/t/12?k=abc');
    expect(pageUrl('/manager', undefined)).to.equal('/manager');
  });

  it('puts the office in the socket handshake, and nothing for the default office', () => {
    expect(officeHandshake('vingone')).to.deep.equal({ officeId: 'vingone' });
    expect(officeHandshake(undefined)).to.deep.equal({});
  });

  it("keeps each office's browser storage apart, the default office's keys unchanged", () => {
    const kiosk = 'punto-comune.device-token.kiosk';
    expect(officeKey(kiosk, undefined)).to.equal(kiosk);
    expect(officeKey(kiosk, 'vingone')).to.not.equal(kiosk);
    expect(officeKey(kiosk, 'vingone')).to.include('vingone');
    expect(officeKey(kiosk, 'vingone')).to.not.equal(officeKey(kiosk, 'casellina'));
  });

  it('uses the address of the page it runs in (none outside a browser: the default office)', () => {
    const global = globalThis as { location?: unknown };
    expect(global.location).to.equal(undefined);
    expect(currentOffice()).to.equal(undefined);
    expect(apiUrl('/api/queue')).to.equal('/api/queue');
    try {
      global.location = { pathname: '/o/vingone/counter' };
      expect(currentOffice()).to.equal('vingone');
      expect(apiUrl('/api/auth/me')).to.equal('/api/offices/vingone/auth/me');
      expect(pageUrl('/manager')).to.equal('/o/vingone/manager');
      expect(officeHandshake()).to.deep.equal({ officeId: 'vingone' });
      expect(pagePath()).to.equal('/counter');
    } finally {
      delete global.location;
    }
  });
});
