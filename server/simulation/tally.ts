import type { EngineState } from '../engine/index.ts';
import type { LoggedEvent } from '../store/queueStore.ts';

/**
 * What a simulation did, counted from the engine's own events as they are logged. Memory stays bounded:
 * waits go into a histogram, and the set of tickets already called is today's only.
 */

const binMinutes = 0.1;
const bins = (24 * 60) / binMinutes;

/** Waits (from issue to the first call) in 6-second bins up to a day; the mean is exact. */
export class WaitHistogram {
  private readonly counts = new Uint32Array(bins);
  private total = 0;
  private sumMinutes = 0;

  add(minutes: number): void {
    this.counts[Math.min(bins - 1, Math.max(0, Math.floor(minutes / binMinutes)))]! += 1;
    this.total += 1;
    this.sumMinutes += minutes;
  }

  get count(): number {
    return this.total;
  }

  mean(): number | null {
    return this.total === 0 ? null : this.sumMinutes / this.total;
  }

  /** The q-quantile (0–1), to the bin's middle. */
  quantile(q: number): number | null {
    if (this.total === 0) return null;
    const rank = Math.ceil(q * this.total);
    let seen = 0;
    for (let i = 0; i < bins; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return (i + 0.5) * binMinutes;
    }
    return (bins - 0.5) * binMinutes;
  }
}

export class Tally {
  readonly issuedByMonth = new Map<string, number>();
  readonly waits = new WaitHistogram();
  served = 0;
  noShows = 0;
  transfers = 0;
  expired = 0;
  /** Times a back-office desk switched to the public. */
  backDeskOpenings = 0;
  events = 0;
  private calledToday = new Set<number>();

  observe(logged: LoggedEvent, after: EngineState): void {
    this.events += 1;
    const { event, at } = logged;
    switch (event.type) {
      case 'ticket:issued': {
        const month = after.tickets.get(event.ticketId)!.day.slice(0, 7);
        this.issuedByMonth.set(month, (this.issuedByMonth.get(month) ?? 0) + 1);
        break;
      }
      case 'ticket:called':
        if (!this.calledToday.has(event.ticketId)) {
          this.calledToday.add(event.ticketId);
          this.waits.add((at - after.tickets.get(event.ticketId)!.issuedAt) / 60_000);
        }
        break;
      case 'ticket:finished':
        this.served += 1;
        break;
      case 'ticket:no-show':
        this.noShows += 1;
        break;
      case 'ticket:transferred':
        this.transfers += 1;
        break;
      case 'ticket:expired':
        this.expired += 1;
        break;
      case 'day:started':
        this.calledToday = new Set();
        break;
      case 'desk:changed':
        if (event.from === 'back' && event.to === 'front') this.backDeskOpenings += 1;
        break;
      default:
        break;
    }
  }
}
