import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt. The stored form names its parameters (`scrypt$N$r$p$salt$key`), so a
 * hash made with older ones still verifies and is replaced at the next successful login (`needsRehash`).
 */

export interface ScryptCost {
  /** CPU and memory cost, a power of two: scrypt needs about 128 × N × r bytes. */
  N: number;
  r: number;
  p: number;
}

/** OWASP's figure (2025): N = 2^17, r = 8, p = 1, about 128 MiB and a few hundred ms of one core per hash. */
export const defaultScryptCost: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

const keyLength = 32;

/** Parameters beyond these are not ours (a damaged or tampered row): such a hash never verifies. */
const ceiling = { N: 2 ** 20, r: 32, p: 16 };

/** Room for scrypt's working memory (128 × N × r for V, 128 × r × p for B) and a margin; Node's default (32 MiB) is below N = 2^15. */
const maxmemFor = ({ N, r, p }: ScryptCost) => 128 * r * (N + p + 2) + 1024 * 1024;

function derive(password: string, salt: Buffer, length: number, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: maxmemFor(cost) };
  // The callback form runs in libuv's thread pool: the event loop goes on serving the queue meanwhile.
  return new Promise((resolve, reject) => scrypt(password, salt, length, options, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPassword(password: string, cost: ScryptCost = defaultScryptCost): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, keyLength, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface StoredHash {
  cost: ScryptCost;
  salt: Buffer;
  key: Buffer;
}

function parse(stored: string): StoredHash | undefined {
  const [scheme, n, r, p, salt, key, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key || rest.length > 0) return undefined;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const whole = (x: number, max: number) => Number.isSafeInteger(x) && x >= 1 && x <= max;
  if (!whole(cost.N, ceiling.N) || cost.N < 2 || (cost.N & (cost.N - 1)) !== 0 || !whole(cost.r, ceiling.r) || !whole(cost.p, ceiling.p)) return undefined;
  const parsed = { cost, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
  return parsed.key.length >= 16 && parsed.key.length <= 64 ? parsed : undefined;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const hash = parse(stored);
  if (!hash) return false;
  const actual = await derive(password, hash.salt, hash.key.length, hash.cost);
  return timingSafeEqual(actual, hash.key);
}

/** Whether a stored hash was made with other parameters than `cost` (then the next login replaces it). */
export function needsRehash(stored: string, cost: ScryptCost = defaultScryptCost): boolean {
  const hash = parse(stored);
  return !hash || hash.cost.N !== cost.N || hash.cost.r !== cost.r || hash.cost.p !== cost.p || hash.key.length !== keyLength;
}

/** The cost a stored hash was made with, if it is one of ours. */
export function costOf(stored: string): ScryptCost | undefined {
  return parse(stored)?.cost;
}

export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}
