/**
 * How fast one kiosk may issue: a token bucket per device, `perMinute` deep, refilled evenly. A real
 * info point issues a ticket every few seconds at its busiest; a script hammering it stops here.
 */
export class KioskRate {
  private readonly buckets = new Map<number, { tokens: number; at: number }>();

  constructor(
    readonly perMinute: number,
    private readonly clock: () => number,
  ) {}

  /** Takes one ticket's worth from the device's bucket; false when it is empty. */
  take(deviceId: number): boolean {
    const bucket = this.refilled(deviceId);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Whole seconds until the device's bucket holds a ticket's worth again (0 when it does now). */
  retryAfterSeconds(deviceId: number): number {
    const missing = 1 - this.refilled(deviceId).tokens;
    return missing <= 0 ? 0 : Math.ceil((missing * 60) / this.perMinute);
  }

  private refilled(deviceId: number): { tokens: number; at: number } {
    const now = this.clock();
    const bucket = this.buckets.get(deviceId) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000);
    bucket.at = now;
    this.buckets.set(deviceId, bucket);
    return bucket;
  }
}
