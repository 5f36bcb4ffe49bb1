import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/**
 * Helmet's security headers, fitted to a hub on an office network: the pages load only the hub's own
 * scripts, styles, fonts and media (QR codes are data: images); no upgrade to HTTPS is forced and no
 * HSTS is sent, because many offices reach the hub over plain HTTP on their LAN (a TLS proxy in front
 * adds HSTS itself).
 */
export const helmetHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: true,
    directives: {
      'upgrade-insecure-requests': null,
      'connect-src': ["'self'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'media-src': ["'self'", 'data:', 'blob:'],
    },
  },
  strictTransportSecurity: false,
  referrerPolicy: { policy: 'no-referrer' },
});

/** What a middleware does to a response's headers, recorded on a stand-in response: headers set, in order, and removed. */
export function recordHeaders(middleware: (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void): { set: [string, string | number | readonly string[]][]; removed: string[] } {
  const set: [string, string | number | readonly string[]][] = [];
  const removed: string[] = [];
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set.push([name, value]);
      return res;
    },
    removeHeader(name: string) {
      removed.push(name);
    },
  };
  let done = false;
  middleware({ headers: {}, method: 'GET', url: '/' } as IncomingMessage, res as unknown as ServerResponse, (err) => {
    if (err) throw err;
    done = true;
  });
  if (!done) throw new Error('the security headers middleware did not finish at once');
  return { set, removed };
}

const recorded = recordHeaders(helmetHeaders);

/**
 * Helmet's headers, recorded once and set on every response. None of them depends on the request (no directive is
 * a function, no nonce), so this is the same headers without running helmet's dozen middlewares per request
 * (a few per cent of a health poll; see docs/performance.md). test/server/securityHeaders.test.ts compares the two.
 */
export function setSecurityHeaders(res: ServerResponse): void {
  for (const name of recorded.removed) res.removeHeader(name);
  for (const [name, value] of recorded.set) res.setHeader(name, value);
}
