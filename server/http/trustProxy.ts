import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/**
 * Which proxies in front of the hub may say who the client is (`X-Forwarded-For`), as Express's
 * `trust proxy` understands it: `address` is one hop of the request's path, `hop` its distance from the
 * hub (0: the socket's peer). The same function serves Express (`req.ip`, `req.secure`) and the Socket.IO
 * handshakes (`clientAddress`), so limits and logs see one address for one client.
 */
export type TrustProxy = (address: string, hop: number) => boolean;

/** The default: no proxy is trusted, the address is the socket's peer and `X-Forwarded-*` is ignored. */
export const trustNoProxy: TrustProxy = () => false;

/** The names Express (proxy-addr) accepts for address ranges. */
const ranges: Record<string, string[]> = {
  loopback: ['127.0.0.1/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/**
 * TRUST_PROXY: unset, empty, `false` or `0` trusts no proxy; a whole number `n` trusts the `n` hops nearest
 * the hub (`1`: the one TLS proxy in front of it); else a comma-separated list of the proxies' addresses,
 * subnets (`10.0.0.0/8`, `fd00::/8`) or the names `loopback`, `linklocal`, `uniquelocal`. `true` (trust
 * every hop, so any client could name its own address) is refused. Throws with a message on anything else.
 */
export function parseTrustProxy(setting: string | number | undefined): TrustProxy {
  const text = String(setting ?? '').trim();
  if (text === '' || text === 'false' || text === '0') return trustNoProxy;
  if (text === 'true') throw new Error('TRUST_PROXY=true would let any client choose its own address: give the number of proxies in front of the hub (e.g. 1) or their addresses');
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 100) throw new Error('TRUST_PROXY: a hop count is the number of proxies in front of the hub, at most 100');
    return (_address, hop) => hop < hops;
  }
  const list = new BlockList();
  for (const entry of text.split(',').map((e) => e.trim())) {
    for (const item of ranges[entry] ?? [entry]) addEntry(list, item);
  }
  return (address) => {
    const plain = unmapped(address);
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  };
}

function addEntry(list: BlockList, entry: string): void {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  const bits = family === 4 ? 32 : 128;
  if (family === 0 || rest.length > 0 || (prefix !== undefined && !(/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits))) {
    throw new Error(`TRUST_PROXY: "${entry}" is not an address, a subnet (address/bits) or one of loopback, linklocal, uniquelocal`);
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (prefix === undefined) list.addAddress(address, type);
  else list.addSubnet(address, Number(prefix), type);
}

/** `::ffff:192.0.2.1` (an IPv4 client on a dual-stack socket) as `192.0.2.1`. */
function unmapped(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/** The `X-Forwarded-For` addresses, nearest hop first (as the `forwarded` package Express uses reads them). */
function forwardedFor(req: IncomingMessage): string[] {
  const header = req.headers['x-forwarded-for'];
  if (typeof header !== 'string') return [];
  return header.split(',').map((a) => a.trim()).filter((a) => a !== '').reverse();
}

/**
 * The client's address as Express's `req.ip` gives it for the same `trust`: the socket's peer, or, while
 * each hop is a trusted proxy, the address it forwarded. For requests Express does not see: the Socket.IO
 * handshakes.
 */
export function clientAddress(req: IncomingMessage, trust: TrustProxy): string {
  const hops = [req.socket.remoteAddress ?? '', ...(trust === trustNoProxy ? [] : forwardedFor(req))];
  for (let i = 0; i < hops.length - 1; i++) if (!trust(hops[i]!, i)) return hops[i]!;
  return hops[hops.length - 1]!;
}
