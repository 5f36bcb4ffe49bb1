import type { DeviceIdentity } from '../../protocol/devices.ts';

/**
 * The paired devices the hub has looked up lately, by token, so that a kiosk's or a display's request does not
 * ask the database who holds its token each time (the same cost the staff sessions' cache removed; see
 * docs/performance.md). Only found devices are kept (a random token costs a query, never memory), each for at
 * most `maxAgeMs` after it was read.
 *
 * Exact for what the hub does itself: the device routes forget a device at once when it is paired again,
 * unpaired or deleted, as they drop its sockets. What another process writes into the database is seen within
 * `maxAgeMs`. `forgotten` counts forgets, so that a lookup that overlapped one does not keep what it read.
 */
export class DeviceTokenCache {
  private readonly byToken = new Map<string, { device: DeviceIdentity; readAt: number }>();
  forgotten = 0;

  constructor(
    private readonly maxAgeMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(token: string, now: number): DeviceIdentity | undefined {
    const entry = this.byToken.get(token);
    if (!entry) return undefined;
    if (now - entry.readAt >= this.maxAgeMs || now < entry.readAt) {
      this.byToken.delete(token);
      return undefined;
    }
    return entry.device;
  }

  set(token: string, device: DeviceIdentity, now: number): void {
    if (this.byToken.size >= this.maxEntries && !this.byToken.has(token)) this.byToken.delete(this.byToken.keys().next().value!);
    this.byToken.set(token, { device, readAt: now });
  }

  /** Every cached token of the device (paired again, unpaired, deleted). */
  forgetDevice(deviceId: number): void {
    this.forgotten++;
    for (const [token, entry] of this.byToken) if (entry.device.id === deviceId) this.byToken.delete(token);
  }

  get size(): number {
    return this.byToken.size;
  }
}
