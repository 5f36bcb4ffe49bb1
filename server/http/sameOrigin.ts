import type { IncomingMessage } from 'node:http';

/**
 * Whether a browser request comes from a page the hub served itself. Browsers send `Origin` on
 * cross-site requests and WebSocket handshakes; programs (printers' scripts, tests, curl) send none and
 * authenticate with a token instead. Nothing cross-site is allowed: the hub sends no CORS headers.
 */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
