import { isIPv4, isIPv6 } from 'node:net';
import type { PublicUrlWarning } from '../../protocol/health.ts';

/**
 * Whether phones off the office network can open the ticket links (QR codes) the hub hands out.
 * A link on a loopback, private, link-local or local-only name cannot be opened from a phone on mobile
 * data: the citizen who walks out for a coffee loses the ticket's page.
 */

/** IPv4 ranges no phone on the internet reaches: [first octets, prefix length]. */
const privateV4: [number[], number][] = [
  [[0], 8], // "this network"
  [[10], 8],
  [[100, 64], 10], // carrier-grade NAT: shared, never routed on the internet
  [[127], 8],
  [[169, 254], 16],
  [[172, 16], 12],
  [[192, 168], 16],
];

/** Names that only resolve inside a network (RFC 6762 .local, RFC 8375 .home.arpa, and common ones). */
const localSuffixes = ['.local', '.localhost', '.home.arpa', '.lan', '.internal', '.intranet'];

function v4Octets(address: string): number[] {
  return address.split('.').map(Number);
}

function inV4Range(octets: number[], [start, bits]: [number[], number]): boolean {
  const value = (o: number[]) => (((o[0] ?? 0) << 24) | ((o[1] ?? 0) << 16) | ((o[2] ?? 0) << 8) | (o[3] ?? 0)) >>> 0;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (value(octets) & mask) === (value(start) & mask);
}

/** The eight 16-bit groups of an IPv6 address (an embedded dotted IPv4 tail counts as two). */
function v6Groups(address: string): number[] {
  let text = address.toLowerCase().split('%')[0] ?? '';
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = v4Octets(tail[1]);
    text = text.slice(0, -tail[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = rest === undefined || rest === '' ? [] : rest.split(':');
  const zeros = rest === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => parseInt(g, 16));
}

function isPrivateV6(address: string): boolean {
  const g = v6Groups(address);
  const first = g[0] ?? 0;
  if (g.slice(0, 7).every((x) => x === 0) && (g[7] === 1 || g[7] === 0)) return true; // ::1 and ::
  if ((first & 0xfe00) === 0xfc00) return true; // fc00::/7, unique local
  if ((first & 0xffc0) === 0xfe80) return true; // fe80::/10, link-local
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
    const [hi = 0, lo = 0] = g.slice(6);
    return isPrivateHost(`${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`); // ::ffff:a.b.c.d
  }
  return false;
}

/**
 * Whether a host name or address can only be reached from a local network: loopback (127/8, ::1,
 * localhost), private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10),
 * carrier-grade NAT (100.64/10), local-only names (*.local, *.home.arpa, *.lan…) and single-label names
 * (`server`), which no public DNS resolves. Brackets around an IPv6 address are allowed.
 */
export function isPrivateHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (isIPv4(name)) return privateV4.some((range) => inV4Range(v4Octets(name), range));
  if (isIPv6(name)) return isPrivateV6(name);
  if (name === 'localhost' || localSuffixes.some((suffix) => name.endsWith(suffix))) return true;
  return !name.includes('.');
}

/**
 * The warning for `/api/health`, the manager app and the start-up log when ticket links will not open
 * off the office network: PUBLIC_URL on a private host, or no PUBLIC_URL at all (links then use the
 * address the kiosk reached the hub at, which in an office is a private one). Undefined when PUBLIC_URL
 * is on a public host.
 */
export function publicUrlWarning(publicUrl: string | undefined): PublicUrlWarning | undefined {
  if (publicUrl === undefined || publicUrl.trim() === '') {
    return {
      code: 'public-url-private',
      message: "PUBLIC_URL is not set: the QR codes on tickets link to the address the kiosk reaches the hub at, usually a private one, so citizens' phones can open them only on the office network. Set PUBLIC_URL to the hub's public address (e.g. https://coda.comune.example).",
      publicUrl: null,
    };
  }
  let host: string;
  try {
    host = new URL(publicUrl).hostname;
  } catch {
    host = '';
  }
  if (host !== '' && !isPrivateHost(host)) return undefined;
  return {
    code: 'public-url-private',
    message: `PUBLIC_URL (${publicUrl}) is a loopback or private address: the QR codes on tickets open only on the office network, not on a phone using mobile data. Set PUBLIC_URL to the hub's public address (e.g. https://coda.comune.example).`,
    publicUrl,
  };
}
