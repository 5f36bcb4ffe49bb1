import { randomBytes, randomInt } from 'node:crypto';
import type { DeviceIdentity, DeviceKind } from '../../protocol/devices.ts';

/** How long a code shown on a device stays valid. */
export const pairingLifetimeMs = 10 * 60_000;
/** Codes pending at once, in all and from one address: a device asks for one at a time. */
const maxPending = 100;
const maxPendingPerAddress = 3;

interface Pending {
  code: string;
  secret: string;
  kind: DeviceKind;
  address: string;
  expiresAt: number;
  /** Set once an admin entered the code; handed to the device by its next claim, once. */
  paired?: { token: string; device: DeviceIdentity };
}

/**
 * The pairing codes devices are showing, in memory only. A device without a token asks for a code and
 * shows it; an admin types the code into the manager app (which knows which registered device it is);
 * the device, asking with the secret it got beside the code, then receives its token once.
 */
export class Pairings {
  private readonly pending = new Map<string, Pending>(); // by secret

  constructor(private readonly clock: () => number) {}

  request(kind: DeviceKind, address: string): { code: string; secret: string; expiresAt: number } {
    this.sweep();
    const fromAddress = [...this.pending.values()].filter((p) => p.address === address);
    // A device that reloads asks again: its older codes give way (oldest first).
    for (const old of fromAddress.slice(0, Math.max(0, fromAddress.length - maxPendingPerAddress + 1))) this.pending.delete(old.secret);
    if (this.pending.size >= maxPending) this.pending.delete(this.pending.keys().next().value!);
    let code: string;
    do code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    while (this.withCode(code));
    const secret = randomBytes(24).toString('base64url');
    const expiresAt = this.clock() + pairingLifetimeMs;
    this.pending.set(secret, { code, secret, kind, address, expiresAt });
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
  claim(secret: string): { status: 'waiting'; expiresAt: number } | { status: 'paired'; token: string; device: DeviceIdentity } | undefined {
    this.sweep();
    const p = this.pending.get(secret);
    if (!p) return undefined;
    if (!p.paired) return { status: 'waiting', expiresAt: p.expiresAt };
    this.pending.delete(secret);
    return { status: 'paired', ...p.paired };
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
