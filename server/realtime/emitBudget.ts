/** How much one socket may send. */
export interface EmitLimits {
  /** Messages a socket may send at once… */
  emitBurst: number;
  /** …and on average per second after that. */
  emitsPerSecond: number;
  /** Refused messages within ten seconds past which the socket is dropped: it is flooding, not busy. */
  dropAfterRefused: number;
}

const floodWindowMs = 10_000;

/**
 * One socket's budget of messages: a token bucket `emitBurst` deep, refilled at `emitsPerSecond`, on the
 * real clock (office time in tests may stand still). A message over budget is refused; a socket that keeps
 * sending far past its budget is told to go.
 */
export class EmitBudget {
  private tokens: number;
  private at: number;
  private refused = 0;
  private windowStart: number;

  constructor(
    private readonly limits: EmitLimits,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.tokens = limits.emitBurst;
    this.at = this.windowStart = clock();
  }

  /** Takes one message's worth: ok, or refused with the wait until the next one (and whether the socket floods). */
  take(): { ok: true } | { ok: false; retryAfterSeconds: number; flooding: boolean } {
    const now = this.clock();
    this.tokens = Math.min(this.limits.emitBurst, this.tokens + ((now - this.at) * this.limits.emitsPerSecond) / 1000);
    this.at = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    if (now - this.windowStart >= floodWindowMs) {
      this.windowStart = now;
      this.refused = 0;
    }
    this.refused++;
    return {
      ok: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - this.tokens) / this.limits.emitsPerSecond)),
      flooding: this.refused > this.limits.dropAfterRefused,
    };
  }
}
