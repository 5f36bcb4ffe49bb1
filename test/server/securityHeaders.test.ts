import { expect } from 'chai';
import express, { type RequestHandler } from 'express';
import type { AddressInfo } from 'node:net';
import { helmetHeaders, setSecurityHeaders } from '../../server/http/securityHeaders.ts';

/** The security headers recorded once from helmet (server/http/securityHeaders.ts) are the ones helmet sets on a live response. */

async function headersFrom(middleware: RequestHandler): Promise<Record<string, string>> {
  const app = express();
  app.disable('x-powered-by');
  app.use(middleware);
  app.get('/', (_req, res) => res.type('text/plain').send('ok'));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await res.text();
    const headers = Object.fromEntries(res.headers);
    delete headers.date;
    return headers;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('security headers', () => {
  it('sets exactly the headers helmet sets, with the same values', async () => {
    const fromHelmet = await headersFrom(helmetHeaders as RequestHandler);
    const recorded = await headersFrom((_req, res, next) => {
      setSecurityHeaders(res);
      next();
    });
    expect(recorded).to.deep.equal(fromHelmet);
    expect(fromHelmet['content-security-policy']).to.include("connect-src 'self'").and.not.include('upgrade-insecure-requests');
    expect(fromHelmet).to.include({ 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff' });
    expect(fromHelmet).to.not.have.property('strict-transport-security');
  });
});
