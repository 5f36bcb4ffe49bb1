import type { KioskBlock, KioskBlocksAnswer, OfflineTicket, OfflineTicketResult } from '../../../protocol/kioskBlocks.ts';

/**
 * What a kiosk keeps in the browser to issue through a network blip: the blocks of numbers the hub reserved
 * for it (and the office day they are of), and the tickets it issued from them that the hub has not yet
 * taken. Pure: a `Storage` goes in (localStorage on the kiosk), so a reload or a crash of the page loses
 * neither a reserved number nor a ticket waiting to be reported.
 */

/** A ticket issued offline, as the kiosk shows and prints it and reports it later. */
export interface PendingTicket extends OfflineTicket {
  number: string;
}

interface Saved {
  day: string;
  blocks: KioskBlock[];
  pending: PendingTicket[];
}

type KeyValue = Pick<Storage, 'getItem' | 'setItem'>;

export class OfflineBook {
  private saved: Saved;

  constructor(
    private readonly storage: KeyValue,
    private readonly key: string,
  ) {
    this.saved = read(storage, key);
  }

  get day(): string {
    return this.saved.day;
  }

  get pending(): readonly PendingTicket[] {
    return this.saved.pending;
  }

  /** The services this kiosk can issue offline on `day` (numbers left in a block of that day). */
  servicesWithNumbers(day: string): string[] {
    if (day !== this.saved.day) return [];
    return this.saved.blocks.filter((b) => b.numbers.length > 0).map((b) => b.serviceId);
  }

  /** The hub's answer: the blocks as they are now (numbers already used offline and not yet reported stay used). */
  setBlocks(answer: Pick<KioskBlocksAnswer, 'day' | 'blocks'>): void {
    const used = new Set(this.saved.pending.map((p) => `${p.serviceId}:${p.seq}`));
    const blocks = answer.blocks.map((b) => ({ ...b, numbers: b.numbers.filter((n) => !used.has(`${b.serviceId}:${n.seq}`)) }));
    this.write({ ...this.saved, day: answer.day, blocks });
  }

  /** Takes the next number of a service's block for a tap, and keeps the ticket to report; undefined when there is none. */
  issue(day: string, tap: Omit<OfflineTicket, 'seq'>): PendingTicket | undefined {
    if (day !== this.saved.day) return undefined;
    const block = this.saved.blocks.find((b) => b.serviceId === tap.serviceId);
    const next = block?.numbers[0];
    if (!block || !next) return undefined;
    const ticket: PendingTicket = { ...tap, seq: next.seq, number: next.number };
    const blocks = this.saved.blocks.map((b) => (b === block ? { ...b, numbers: b.numbers.slice(1) } : b));
    this.write({ ...this.saved, blocks, pending: [...this.saved.pending, ticket] });
    return ticket;
  }

  /** A number the hub gave this kiosk's ticket online (its lowest of the service): never to be handed out offline. */
  used(serviceId: string, number: string): void {
    const blocks = this.saved.blocks.map((b) => (b.serviceId === serviceId ? { ...b, numbers: b.numbers.filter((n) => n.number !== number) } : b));
    this.write({ ...this.saved, blocks });
  }

  /** The hub's answers to a report: a ticket it took or refused is settled (a refused one can never be taken); the rest stay pending. */
  settle(results: readonly OfflineTicketResult[]): { taken: number; refused: PendingTicket[] } {
    const answered = new Map(results.map((r) => [r.requestId, r]));
    const refused = this.saved.pending.filter((p) => answered.get(p.requestId)?.ok === false);
    const taken = this.saved.pending.filter((p) => answered.get(p.requestId)?.ok === true).length;
    this.write({ ...this.saved, pending: this.saved.pending.filter((p) => !answered.has(p.requestId)) });
    return { taken, refused };
  }

  private write(saved: Saved): void {
    this.saved = saved;
    try {
      this.storage.setItem(this.key, JSON.stringify(saved));
    } catch {
      // Storage full or refused: the kiosk still works from memory until the page reloads.
    }
  }
}

function read(storage: KeyValue, key: string): Saved {
  try {
    const value = JSON.parse(storage.getItem(key) ?? 'null') as Partial<Saved> | null;
    if (value && typeof value.day === 'string' && Array.isArray(value.blocks) && Array.isArray(value.pending)) {
      return { day: value.day, blocks: value.blocks, pending: value.pending };
    }
  } catch {
    // unreadable: start empty (the hub still holds the blocks; the next top-up brings them back)
  }
  return { day: '', blocks: [], pending: [] };
}

/** The office day (YYYY-MM-DD) of an instant in the office's time zone, as the hub counts days. */
export function officeDay(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
