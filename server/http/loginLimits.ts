/** How failed logins are slowed down; see `FailedLogins`. */
export interface LoginLimits {
  /** A failure is forgotten this long after the last failure of the same account from the same address. */
  windowMs: number;
  /** Failures after which each further failed answer is held back… */
  slowAfter: number;
  /** …by this much more each time… */
  stepMs: number;
  /** …up to this delay. */
  maxDelayMs: number;
  /** At most this many account-and-address pairs are remembered (the longest quiet ones go first). */
  maxTracked: number;
  /** Logins from one address waiting for their password check beyond this are answered `too-many-requests`. */
  maxWaitingPerAddress: number;
}

export const defaultLoginLimits: LoginLimits = { windowMs: 15 * 60_000, slowAfter: 3, stepMs: 500, maxDelayMs: 5000, maxTracked: 10_000, maxWaitingPerAddress: 64 };

interface Failures {
  count: number;
  last: number;
}

/**
 * Failed logins per account and address. A wrong password is checked like any other, then its answer
 * is held back: not at all for the first `slowAfter` failures, then `stepMs` longer for each further one,
 * up to `maxDelayMs`. The right password is never refused nor held back, and a success forgets the
 * account's failures from that address. Keyed per account as well as per address, so a stranger behind
 * the office's proxy cannot slow the clerks' own accounts.
 */
export class FailedLogins {
  /** In the order of their last failure, oldest first. */
  private readonly byKey = new Map<string, Failures>();

  constructor(
    private readonly limits: LoginLimits,
    private readonly clock: () => number,
  ) {}

  /** How many pairs are remembered now. */
  get size(): number {
    return this.byKey.size;
  }

  /** Counts a failure and returns how long to hold its answer back, in ms. */
  fail(username: string, address: string): number {
    const now = this.clock();
    this.forgetQuiet(now);
    const key = keyOf(username, address);
    const count = (this.byKey.get(key)?.count ?? 0) + 1;
    this.byKey.delete(key); // to the back of the order
    this.byKey.set(key, { count, last: now });
    while (this.byKey.size > this.limits.maxTracked) this.byKey.delete(this.byKey.keys().next().value!);
    return Math.min(Math.max(0, count - this.limits.slowAfter) * this.limits.stepMs, this.limits.maxDelayMs);
  }

  succeed(username: string, address: string): void {
    this.byKey.delete(keyOf(username, address));
  }

  /** Failures counted now for the pair (0 once forgotten). */
  count(username: string, address: string): number {
    const entry = this.byKey.get(keyOf(username, address));
    return entry && this.clock() - entry.last < this.limits.windowMs ? entry.count : 0;
  }

  private forgetQuiet(now: number): void {
    for (const [key, entry] of this.byKey) {
      if (now - entry.last < this.limits.windowMs) break;
      this.byKey.delete(key);
    }
  }
}

/** Usernames are matched as typed, but `Admin` and `admin` count as one account here. */
const keyOf = (username: string, address: string) => `${address} ${username.normalize('NFKC').toLowerCase()}`;
