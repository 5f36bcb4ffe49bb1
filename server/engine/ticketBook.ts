import { List, Map as ImmutableMap } from 'immutable';
import type { Ticket } from './state.ts';

/**
 * The day's tickets by id, immutable: `with` gives a new book and leaves this one as it was.
 *
 * Every command that changes a ticket makes a new book, so `with` must not copy the day: a copied object or
 * array of 7,000 tickets per issue was half of what the hub allocated under load (issue 23's allocation
 * profile). The day's tickets are kept at `id - base` in a persistent vector (Immutable's `List`, a 32-way
 * trie: `with` copies one path of it, `get` walks it), and the few tickets older than the book's base
 * (yesterday's expired ones) apart.
 */
export class TicketBook {
  private constructor(
    /** The first id of the day this book was started for. */
    private readonly base: number,
    /** Tickets from `base` on, at `id - base` (a hole where an id is not in the book). */
    private readonly recent: List<Ticket | undefined>,
    /** Tickets below `base`, by id. */
    private readonly older: ImmutableMap<number, Ticket>,
  ) {}

  /** A book of these tickets, with the day's tickets counted from `base` (the day's first id). */
  static of(tickets: Iterable<Ticket>, base: number): TicketBook {
    const recent: (Ticket | undefined)[] = [];
    const older = new Map<number, Ticket>();
    for (const t of tickets) {
      if (t.id >= base) recent[t.id - base] = t;
      else older.set(t.id, t);
    }
    return new TicketBook(base, List(Array.from(recent)), ImmutableMap(older));
  }

  get(id: number): Ticket | undefined {
    return id >= this.base ? this.recent.get(id - this.base) : this.older.get(id);
  }

  /** Every ticket, by ascending id. */
  values(): Ticket[] {
    const older = [...this.older.values()].sort((a, b) => a.id - b.id);
    const recent: Ticket[] = [];
    for (const t of this.recent) if (t !== undefined) recent.push(t);
    return [...older, ...recent];
  }

  /** This book with `ticket` added or replaced. */
  with(ticket: Ticket): TicketBook {
    return ticket.id >= this.base
      ? new TicketBook(this.base, this.recent.set(ticket.id - this.base, ticket), this.older)
      : new TicketBook(this.base, this.recent, this.older.set(ticket.id, ticket));
  }
}
