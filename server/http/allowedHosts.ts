import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** One entry of ALLOWED_HOSTS: a host name or address, and the port when the entry pins one. */
export interface AllowedHost {
  host: string;
  port?: string;
}

/** `name`, `name:port`, `[v6]` or `[v6]:port`, lower-cased, without a trailing dot; undefined if it is none of these. */
function split(text: string): AllowedHost | undefined {
  const m = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9.-]+))(?::(\d{1,5}))?$/i.exec(text.trim());
  if (!m) return undefined;
  const host = (m[1] ?? m[2]!).toLowerCase().replace(/\.$/, '');
  if (m[1] !== undefined && isIP(m[1]) !== 6) return undefined;
  if (!host || (m[3] !== undefined && Number(m[3]) > 65535)) return undefined;
  return m[3] === undefined ? { host } : { host, port: String(Number(m[3])) };
}

/**
 * ALLOWED_HOSTS: the names the hub is reached by, separated by commas (`coda.comune.example`,
 * `192.168.1.10:3000`, `[fd00::10]`, `localhost`). A name without a port allows any port. Unset or empty:
 * no check (undefined). Throws with a message on an entry that is not a host.
 */
export function parseAllowedHosts(text: string | undefined): AllowedHost[] | undefined {
  const entries = (text ?? '').split(',').map((e) => e.trim()).filter((e) => e !== '');
  if (entries.length === 0) return undefined;
  return entries.map((entry) => {
    const parsed = split(entry);
    if (!parsed) throw new Error(`ALLOWED_HOSTS: "${entry}" is not a host name or address with an optional :port`);
    return parsed;
  });
}

/**
 * Whether a request's `Host` is one the hub answers to. A page of another site that got its name
 * pointed at the hub (DNS rebinding) sends its own name, and is refused.
 */
export function hostAllowed(allowed: readonly AllowedHost[] | undefined, req: IncomingMessage): boolean {
  if (!allowed) return true;
  const asked = split(req.headers.host ?? '');
  if (!asked) return false;
  return allowed.some((a) => a.host === asked.host && (a.port === undefined || a.port === asked.port));
}
