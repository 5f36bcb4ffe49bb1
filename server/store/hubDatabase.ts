import type { Database, Db, Param } from './db.ts';

/**
 * The hub's two connections to its database file, as the stores see them: one writer, one reader.
 *
 * Every write goes through `writer`, the committer's connection, so the hub has a single writer. A
 * store's write runs in a short transaction of its own there, taking its turn with the committer's
 * batches (transactions on one connection run one after another, in the order asked for). It never
 * runs bare on that connection: a statement issued while a batch's transaction is open would join that
 * transaction, and fail or be rolled back with it. Nor do two of the hub's connections ever wait for each
 * other's write lock, which SQLite would settle by polling within the busy timeout and, under load,
 * could settle against either side: a login failing while tickets are issued, or a batch of tickets
 * failing while staff log in. Only another program (`npm run users`, a locked file) can still hold the
 * lock; that is `storage-failed`, worth a retry.
 *
 * Reads go through `reader`, opened read-only, so a long report never holds up a commit, and nothing on
 * it can write by mistake (SQLite refuses with SQLITE_READONLY). With WAL a read sees every transaction
 * committed before it starts, so a store reads back at once what it has just written.
 */
export class HubDatabase implements Database {
  constructor(
    readonly path: string,
    readonly writer: Db,
    readonly reader: Db,
  ) {}

  get<T>(sql: string, params?: readonly Param[]): Promise<T | undefined> {
    return this.reader.get<T>(sql, params);
  }

  all<T>(sql: string, params?: readonly Param[]): Promise<T[]> {
    return this.reader.all<T>(sql, params);
  }

  /** One write, committed on its own on the writer. */
  run(sql: string, params?: readonly Param[]): Promise<{ changes: number; lastID: number }> {
    return this.writer.transaction((tx) => tx.run(sql, params));
  }

  /** Several statements committed together on the writer; `work` reads and writes through `tx` only. */
  transaction<T>(work: (tx: Database) => Promise<T>): Promise<T> {
    return this.writer.transaction(work);
  }
}
