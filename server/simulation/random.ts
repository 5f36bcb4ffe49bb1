/**
 * A small seeded pseudo-random generator (mulberry32) and the draws the simulator needs.
 * Same seed and same sequence of calls give the same numbers on every machine.
 */
export class Random {
  private s: number;

  /** A stream seeded by a number and, optionally, labels (e.g. 'arrivals', a day) so streams are independent. */
  constructor(seed: number, ...labels: string[]) {
    this.s = hashSeed(seed, labels);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) | 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next(); // (0, 1]: log(u) is finite
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Lognormal with the given mean and shape (sigma of the underlying normal). */
  lognormal(mean: number, sigma: number): number {
    return mean * Math.exp(sigma * this.normal() - (sigma * sigma) / 2);
  }

  /** One of the items, chosen with probability proportional to its weight (weights ≥ 0, at least one > 0). */
  pick<T>(items: readonly T[], weight: (item: T) => number): T {
    const total = items.reduce((sum, item) => sum + weight(item), 0);
    if (!(total > 0)) throw new Error('Random.pick needs at least one positive weight.');
    let r = this.next() * total;
    for (const item of items) {
      r -= weight(item);
      if (r < 0) return item;
    }
    // Rounding can leave r at 0 after the last item: the last item with a weight.
    return [...items].reverse().find((item) => weight(item) > 0)!;
  }
}

/** A 32-bit seed from a number and labels (FNV-1a over their text). */
function hashSeed(seed: number, labels: readonly string[]): number {
  let h = 0x811c9dc5;
  for (const ch of [String(seed), ...labels].join('\u0000')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}
