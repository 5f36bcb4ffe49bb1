import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { officeConfigSchema, type OfficeConfig } from '../../protocol/office.ts';
import { dayOf, dayStart } from '../engine/calendar.ts';
import type { EngineEvent, EngineState, PersistedState, Ticket } from '../engine/index.ts';
import type { DeskMode } from '../../protocol/views.ts';
import type { Database, Param } from './db.ts';
import { deskFromRow, deskParams, ticketColumns, ticketFromRow, ticketParams, type DeskRow, type TicketRow } from './rows.ts';

/** An engine event with its place in the office-wide sequence and the instant it happened. */
export interface LoggedEvent {
  seq: number;
  at: number;
  event: EngineEvent;
  /** The ticket's service right after the event, for reports. */
  serviceId: string | null;
  /** The ticket right after the event's command: what the tickets table keeps (a later rollover in the same batch drops it from the state). */
  ticket: Ticket | null;
}

export interface Saved {
  state: PersistedState | undefined;
  lastSeq: number;
  /**
   * The office config the database holds: after the first start it, not the file, is the truth. When the
   * stored one fails validation, the last one that started cleanly (undefined if none did).
   */
  office: OfficeConfig | undefined;
  /** Set when the stored office config fails validation: why, and when `office` (the last good one) started cleanly. */
  officeRejected?: RejectedOffice | undefined;
}

export interface RejectedOffice {
  /** `field.path: problem`, as the admin API words them. */
  problems: string[];
  /** When the last good config first started cleanly (ms since the epoch); undefined when there is none. */
  lastGoodAt: number | undefined;
}

/** A bookkeeping key written again replaces its value (SQL both engines accept, unlike SQLite's INSERT OR REPLACE). */
const metaConflict = 'ON CONFLICT (key) DO UPDATE SET value = excluded.value';

// ON CONFLICT (id) only: a second ticket with the same day, service and number must fail, not replace the first.
const upsertTicket = rowsStatement(
  `INSERT INTO tickets (${ticketColumns.join(', ')})`,
  ticketColumns.length,
  `ON CONFLICT (id) DO UPDATE SET ${ticketColumns.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}`,
);
const upsertDesk = rowsStatement(
  'INSERT INTO desks (id, mode, current_ticket_id, parked_ticket_ids, held_by)',
  5,
  'ON CONFLICT (id) DO UPDATE SET mode = excluded.mode, current_ticket_id = excluded.current_ticket_id, parked_ticket_ids = excluded.parked_ticket_ids, held_by = excluded.held_by',
);
const insertEvent = rowsStatement('INSERT INTO events (seq, at, type, ticket_id, desk_id, service_id, data)', 7);
const upsertMeta = rowsStatement('INSERT INTO engine_meta (key, value)', 2, metaConflict);
// `reserved`: the numbers kiosks hold ahead of time (server/engine/kioskBlocks.ts); numbering goes on past them after a restart.
const metaKeys = ['day', 'priorityStreak', 'serviceTimes', 'lastCalls', 'roomBusy', 'office', 'reserved'] as const;
const reservedSchema = z.array(z.object({ kioskId: z.string(), serviceId: z.string(), seq: z.number().int().positive() }));

/**
 * What a commit also writes in its transaction, given the state after the batch and its events; the function it
 * returns runs once the transaction committed (not when it is rolled back).
 */
export type WriteAlongside = (tx: Database, after: EngineState, events: readonly LoggedEvent[]) => Promise<(() => void) | undefined>;

/** The queue's tables: current state plus the append-only event log. */
export class QueueStore {
  /** Runs first in every commit's transaction, and may refuse it: a cluster node's check that it still owns the office (server/cluster/fence.ts). */
  private fence: ((tx: Database) => Promise<void>) | undefined;

  /** Runs last in every commit's transaction: what else the batch writes (the webhooks' outbox, server/webhooks/). */
  private alongside: WriteAlongside | undefined;

  constructor(private readonly db: Database) {}

  /** Sets what every commit also writes, in its transaction (one writer at a time: the last set wins). */
  writeAlongside(write: WriteAlongside | undefined): void {
    this.alongside = write;
  }

  guard(fence: ((tx: Database) => Promise<void>) | undefined): void {
    this.fence = fence;
  }

  /**
   * The state as it was last committed. With `now`, today's tickets (by the office's time zone) are read
   * too when the saved day is an older one: tickets stored for today (a restored backup, a data tool)
   * then count for numbering once the day rolls over, so no number is given twice.
   */
  async load(now?: number): Promise<Saved> {
    const meta = new Map(
      (await this.db.all<{ key: string; value: string }>('SELECT key, value FROM engine_meta')).map((r) => [r.key, JSON.parse(r.value)]),
    );
    const last = await this.db.get<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM events');
    const lastSeq = last?.seq ?? 0;
    const { office, officeRejected } = storedOffice(meta);
    const day = meta.get('day') as string | undefined;
    if (day === undefined) return { state: undefined, lastSeq, office, officeRejected };

    const today = now !== undefined && office ? dayOf(now, office.timeZone) : day;
    // The saved day's tickets, today's, the open ones, and those the rollover into the saved day expired
    // (the state keeps them through that day: its events name them).
    const rows = await this.db.all<TicketRow>(
      `SELECT * FROM tickets WHERE day IN (?, ?) OR status IN ('waiting', 'called', 'serving', 'parked')
         OR id IN (SELECT ticket_id FROM events WHERE at >= ? AND type = 'ticket:expired')`, // in no order: the ticket book sorts them
      [day, today, office ? dayStart(day, office.timeZone) : Number.MAX_SAFE_INTEGER],
    );
    const maxId = await this.db.get<{ id: number | null }>('SELECT MAX(id) AS id FROM tickets');
    const desks = new Map((await this.db.all<DeskRow>('SELECT * FROM desks')).map((r) => [r.id, deskFromRow(r)]));
    return {
      lastSeq,
      office,
      officeRejected,
      state: {
        day,
        nextTicketId: (maxId?.id ?? 0) + 1,
        tickets: rows.map(ticketFromRow),
        desks,
        priorityStreak: meta.get('priorityStreak') ?? 0,
        roomBusy: meta.get('roomBusy') === true,
        serviceTimes: new Map(Object.entries((meta.get('serviceTimes') ?? {}) as Record<string, number[]>)),
        lastCalls: meta.get('lastCalls') ?? [],
        // Kept as written; unreadable (never expected) counts as none rather than stopping the hub.
        reserved: reservedSchema.safeParse(meta.get('reserved') ?? []).data ?? [],
      },
    };
  }

  /** Saves a state's desks and bookkeeping in full: a new database starts from it. */
  async init(state: EngineState): Promise<void> {
    await this.db.transaction(async (tx) => {
      await writeRows(tx, upsertDesk, [...state.desks.values()].map(deskParams));
      await writeRows(tx, upsertMeta, metaKeys.map((key) => [key, metaValue(state, key)]));
    });
  }

  /** Writes what a batch of commands changed, and its events, in one transaction. */
  async commit(before: EngineState, after: EngineState, events: readonly LoggedEvent[]): Promise<void> {
    const tickets = new Map<number, Ticket>();
    const deskIds = new Set<string>();
    for (const { event, ticket } of events) {
      if (ticket) tickets.set(ticket.id, ticket);
      if ('deskId' in event && event.deskId !== null) deskIds.add(event.deskId);
    }
    for (const [id, desk] of after.desks) {
      if (desk !== before.desks.get(id)) deskIds.add(id);
    }
    const desks = [...deskIds].flatMap((id) => after.desks.get(id) ?? []); // gone: an admin removed it in this batch
    const meta = metaKeys.filter((key) => before[key] !== after[key]);
    const afterCommit = await this.db.transaction(async (tx) => {
      await this.fence?.(tx);
      await writeRows(tx, insertEvent, events.map(eventParams));
      await writeRows(tx, upsertTicket, [...tickets.values()].map(ticketParams));
      await writeRows(tx, upsertDesk, desks.map(deskParams));
      await writeRows(tx, upsertMeta, meta.map((key) => [key, metaValue(after, key)]));
      return this.alongside?.(tx, after, events);
    });
    afterCommit?.();
  }

  /** A desk's mode changes since an instant, oldest first (from the event log). */
  async deskModeChanges(deskId: string, since: number): Promise<{ at: number; from: DeskMode; to: DeskMode }[]> {
    const rows = await this.db.all<{ at: number; data: string }>(
      "SELECT at, data FROM events WHERE type = 'desk:changed' AND desk_id = ? AND at >= ? ORDER BY seq",
      [deskId, since],
    );
    return rows.map((r) => ({ at: r.at, ...(JSON.parse(r.data) as { from: DeskMode; to: DeskMode }) }));
  }

  /** What happened to one ticket, in order (the event log), for a desk's ticket search. */
  async ticketEvents(id: number): Promise<{ type: string; at: number; deskId: string | null }[]> {
    const rows = await this.db.all<{ type: string; at: number; desk_id: string | null }>(
      'SELECT type, at, desk_id FROM events WHERE ticket_id = ? ORDER BY seq', [id],
    );
    return rows.map((r) => ({ type: r.type, at: r.at, deskId: r.desk_id }));
  }

  async findTicket(id: number): Promise<Ticket | undefined> {
    const row = await this.db.get<TicketRow>('SELECT * FROM tickets WHERE id = ?', [id]);
    return row && ticketFromRow(row);
  }

  /**
   * Keeps `office` as the last config that started cleanly, the one the hub falls back on when the stored
   * config fails validation at a later start. Written only when it changed, with the instant it first did.
   */
  async recordCleanStart(office: OfficeConfig, now: number): Promise<void> {
    const row = await this.db.get<{ value: string }>('SELECT value FROM engine_meta WHERE key = ?', [lastGoodKey]);
    const kept = row && lastGoodSchema.safeParse(parseJson(row.value));
    if (kept?.success && isDeepStrictEqual(kept.data.office, office)) return;
    await this.db.run(`INSERT INTO engine_meta (key, value) VALUES (?, ?) ${metaConflict}`, [lastGoodKey, JSON.stringify({ at: now, office })]);
  }

  /** A cheap read of a real table, for the health check; rejects when the database cannot be read. */
  async ping(): Promise<void> {
    await this.db.get('SELECT key FROM engine_meta LIMIT 1');
  }
}

/** Writes rows with as few statements as possible: each statement round trip costs more than its rows. */
async function writeRows(tx: Database, statement: RowsStatement, rows: Param[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += rowsPerStatement) {
    const chunk = rows.slice(i, i + rowsPerStatement);
    await tx.run(statement.sql(chunk.length), chunk.flat());
  }
}

/** Rows per multi-row INSERT: well under SQLite's 32,766 parameters even for the tickets' 20 columns. */
const rowsPerStatement = 64;

interface RowsStatement {
  /** The statement for `rows` rows (1 to rowsPerStatement); the texts are kept, so each is prepared once. */
  sql(rows: number): string;
}

/** `head VALUES (?, …), (?, …) tail` for any number of rows. */
function rowsStatement(head: string, columns: number, tail = ''): RowsStatement {
  const texts = new Map<number, string>();
  const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  return {
    sql(rows) {
      let text = texts.get(rows);
      if (!text) texts.set(rows, (text = `${head} VALUES ${Array.from({ length: rows }, () => row).join(', ')} ${tail}`.trimEnd()));
      return text;
    },
  };
}

/** A bookkeeping value as JSON; the service times' map as an object keyed by service id (JSON.parse and Object.entries read any key back as it was). */
function metaValue(state: EngineState, key: (typeof metaKeys)[number]): string {
  return JSON.stringify(key === 'serviceTimes' ? Object.fromEntries(state.serviceTimes) : state[key]);
}

/** The `engine_meta` key of the last office config that started cleanly: `{ at, office }`. */
const lastGoodKey = 'officeLastGood';
const lastGoodSchema = z.object({ at: z.number(), office: officeConfigSchema });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The stored office config; when it fails validation, the last good one instead and why. */
function storedOffice(meta: Map<string, unknown>): Pick<Saved, 'office' | 'officeRejected'> {
  if (!meta.has('office')) return { office: undefined };
  const parsed = officeConfigSchema.safeParse(meta.get('office'));
  if (parsed.success) return { office: parsed.data };
  const problems = parsed.error.issues.slice(0, 10).map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message));
  const lastGood = lastGoodSchema.safeParse(meta.get(lastGoodKey));
  return lastGood.success
    ? { office: lastGood.data.office, officeRejected: { problems, lastGoodAt: lastGood.data.at } }
    : { office: undefined, officeRejected: { problems, lastGoodAt: undefined } };
}

function eventParams({ seq, at, event, serviceId }: LoggedEvent) {
  const ticketId = 'ticketId' in event ? event.ticketId : null;
  const deskId = 'deskId' in event ? event.deskId : null;
  const { type, ...rest } = event;
  return [seq, at, type, ticketId, deskId, serviceId, JSON.stringify(rest)];
}
