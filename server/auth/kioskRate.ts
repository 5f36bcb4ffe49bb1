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
    const now = this.clock();
    const bucket = this.buckets.get(deviceId) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000);
    bucket.at = now;
    this.buckets.set(deviceId, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
