import { randomBytes, randomInt } from 'node:crypto';
import type { DeviceIdentity, DeviceKind } from '../../protocol/devices.ts';

/** How long a code shown on a device stays valid. */
export const pairingLifetimeMs = 10 * 60_000;
/** Codes pending at once, in all and from one address: a device asks for one at a time. */
const maxPending = 100;
const maxPendingPerAddress = 3;
/** A code just shown never gives way to another request: no flood can take it from a device in its first minute. */
const keptAtLeastMs = 60_000;

interface Pending {
  code: string;
  secret: string;
  kind: DeviceKind;
  address: string;
  shownAt: number;
  expiresAt: number;
  /** Set once an admin entered the code; handed to the device by its next claim, once. */
  paired?: { token: string; device: DeviceIdentity };
}

/** The pairing codes of the other nodes of a cluster (server/cluster/clusterChannel.ts). */
export interface RemotePairings {
  find(code: string, kind: DeviceKind): Promise<boolean>;
  complete(code: string, token: string, device: DeviceIdentity): Promise<boolean>;
  claim(secret: string): Promise<PairingClaim | undefined>;
}

/** What a device asking with its secret gets: still waiting, its token (once), or nothing (unknown or expired). */
export type PairingClaim = { status: 'waiting'; expiresAt: number } | { status: 'paired'; token: string; device: DeviceIdentity };

/** A new code to show, or a refusal: every place is held by codes that may not give way yet. */
export type PairingRequest = { code: string; secret: string; expiresAt: number } | { retryAfterSeconds: number };

/**
 * The pairing codes devices are showing, in memory only. A device without a token asks for a code and
 * shows it; an admin types the code into the manager app (which knows which registered device it is);
 * the device, asking with the secret it got beside the code, then receives its token once.
 *
 * One address holds at most a few codes: a device that reloads asks again, and its oldest code gives
 * way. All addresses together hold at most `maxPending`; then a code gives way only from an address
 * holding several (the busiest first), so the one code a real device shows is never pushed out by
 * requests from many addresses. No code gives way in its first minute, nor once an admin entered it:
 * the request is refused instead (`retryAfterSeconds`).
 */
export class Pairings {
  private readonly pending = new Map<string, Pending>(); // by secret, oldest first

  /**
   * On a cluster of hub nodes (server/cluster/), the other nodes' codes: a device shows the code its node gave it,
   * and the admin who types it may be on another node. Undefined on a single hub.
   */
  elsewhere: RemotePairings | undefined;

  constructor(private readonly clock: () => number) {}

  /** Whether a device of `kind` shows `code`, here or on another node. */
  async findAnywhere(code: string, kind: DeviceKind): Promise<boolean> {
    return this.find(code, kind) !== undefined || ((await this.elsewhere?.find(code, kind)) ?? false);
  }

  /** `claim`, here or on the node that gave the device its code. */
  async claimAnywhere(secret: string): Promise<PairingClaim | undefined> {
    return this.claim(secret) ?? (await this.elsewhere?.claim(secret));
  }

  /** `complete`, here or on the node whose device shows the code. */
  async completeAnywhere(code: string, token: string, device: DeviceIdentity): Promise<boolean> {
    return this.complete(code, token, device) || ((await this.elsewhere?.complete(code, token, device)) ?? false);
  }

  /** A code for a device of `kind` asking from `address` (the client's address, as the limits see it). */
  request(kind: DeviceKind, address: string): PairingRequest {
    const now = this.clock();
    this.sweep();
    const own = [...this.pending.values()].filter((p) => p.address === address);
    if (own.length >= maxPendingPerAddress && !this.giveWay(own, now)) return refusal(own, own, now);
    if (this.pending.size >= maxPending) {
      const several = this.fromBusyAddresses();
      if (!this.giveWay(several, now)) return refusal([...this.pending.values()], several, now);
    }
    let code: string;
    do code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    while (this.withCode(code));
    const secret = randomBytes(24).toString('base64url');
    const expiresAt = now + pairingLifetimeMs;
    this.pending.set(secret, { code, secret, kind, address, shownAt: now, expiresAt });
    return { code, secret, expiresAt };
  }

  /** The pending request showing `code` for a device of `kind`, if any. */
  find(code: string, kind: DeviceKind): { expiresAt: number } | undefined {
    this.sweep();
    const p = this.withCode(code);
    return p && p.kind === kind && !p.paired ? { expiresAt: p.expiresAt } : undefined;
  }

  /** Hands the token to the device showing `code`; false if no such code is pending. */
  complete(code: string, token: string, device: DeviceIdentity): boolean {
    const p = this.withCode(code);
    if (!p || p.paired || p.kind !== device.kind) return false;
    p.paired = { token, device };
    return true;
  }

  /** What a device asking with its secret gets: still waiting, its token (once), or nothing (unknown or expired). */
  claim(secret: string): PairingClaim | undefined {
    this.sweep();
    const p = this.pending.get(secret);
    if (!p) return undefined;
    if (!p.paired) return { status: 'waiting', expiresAt: p.expiresAt };
    this.pending.delete(secret);
    return { status: 'paired', ...p.paired };
  }

  private mayGiveWay(p: Pending, now: number): boolean {
    return !p.paired && now - p.shownAt >= keptAtLeastMs;
  }

  /** Removes the oldest code of `codes` that may give way, from the address holding the most of them; false when none may. */
  private giveWay(codes: readonly Pending[], now: number): boolean {
    const held = countByAddress(codes);
    let victim: Pending | undefined;
    for (const p of codes) {
      if (this.mayGiveWay(p, now) && (!victim || held.get(p.address)! > held.get(victim.address)!)) victim = p;
    }
    if (victim) this.pending.delete(victim.secret);
    return victim !== undefined;
  }

  /** The codes of the addresses holding more than one, oldest first. */
  private fromBusyAddresses(): Pending[] {
    const all = [...this.pending.values()];
    const held = countByAddress(all);
    return all.filter((p) => held.get(p.address)! > 1);
  }

  private withCode(code: string): Pending | undefined {
    for (const p of this.pending.values()) if (p.code === code) return p;
    return undefined;
  }

  private sweep(): void {
    const now = this.clock();
    for (const [secret, p] of this.pending) if (p.expiresAt <= now) this.pending.delete(secret);
  }
}

/** Refused: the wait until one of `expiring` expires or one of `givingWay` may give way (a second at least). */
function refusal(expiring: readonly Pending[], givingWay: readonly Pending[], now: number): { retryAfterSeconds: number } {
  let freeAt = now + pairingLifetimeMs;
  for (const p of expiring) freeAt = Math.min(freeAt, p.expiresAt);
  for (const p of givingWay) if (!p.paired) freeAt = Math.min(freeAt, p.shownAt + keptAtLeastMs);
  return { retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now) / 1000)) };
}

function countByAddress(codes: Iterable<Pending>): Map<string, number> {
  const held = new Map<string, number>();
  for (const p of codes) held.set(p.address, (held.get(p.address) ?? 0) + 1);
  return held;
}
